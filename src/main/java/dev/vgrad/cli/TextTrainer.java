package dev.vgrad.cli;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.data.CharCorpus;
import dev.vgrad.data.DataLoader;
import dev.vgrad.data.TensorDataset;
import dev.vgrad.io.Safetensors;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.optim.LRScheduler;
import dev.vgrad.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loop of {@code ./vgrad train --model transformer}: a {@link CharTransformer} learns the next character of the
 * Book of Genesis (KJV, shipped with vgrad). The first 90 % of the text trains, the last 10 % validates. Each epoch is
 * one pass over the training text in shuffled non-overlapping windows and prints the mean training and validation
 * loss (cross entropy per character, in nats); at the end it prints a sample the model writes from a prompt, and writes
 * the loss curves, the final weights and the initial ones (which scripts/torch_train.py --model transformer loads).
 */
final class TextTrainer {
    /** The architecture; scripts/torch_train.py builds the same. */
    static final int CONTEXT = 64, WIDTH = 128, HEADS = 4, LAYERS = 2;
    static final String PROMPT = "And God said";
    static final int SAMPLE_LENGTH = 300;
    static final float TEMPERATURE = 0.8f;

    private TextTrainer() {}

    static int train(Train options) throws IOException {
        CharCorpus corpus = CharCorpus.genesis();
        if (options.textLimit > 0 && options.textLimit < corpus.length()) {
            corpus = corpus.prefix(options.textLimit);
        }
        int split = corpus.length() * 9 / 10;
        TensorDataset train = corpus.windows(0, split, CONTEXT), valid = corpus.windows(split, corpus.length(), CONTEXT);
        System.out.printf("Genesis (KJV, embedded): %,d characters, vocabulary %d; %,d training and %,d validation "
                + "windows of %d%n", corpus.length(), corpus.vocabularySize(), train.size(), valid.size(), CONTEXT);
        // One generator for the weights and one for the order, both from the seed, as the twin's torch.manual_seed and
        // DataLoader(generator=...) do: the twin then sees the same batches in the same order.
        CharTransformer model = new CharTransformer(corpus.vocabularySize(), CONTEXT, WIDTH, HEADS, LAYERS,
                new Generator(options.seed));
        Files.createDirectories(options.out);
        Path initial = options.out.resolve("transformer-initial.safetensors");
        Safetensors.save(model.stateDict(), initial, Map.of("seed", Long.toString(options.seed)));
        Optimizer opt = options.optimizer(model.parameters());
        LRScheduler scheduler = options.scheduler(opt);
        DataLoader loader = new DataLoader(train, options.batchSize).shuffle(true, new Generator(options.seed));
        System.out.println(model);
        System.out.printf("optimizer %s, lr %s (%s schedule), batch %d windows, %d epochs, %d thread(s)%n",
                options.optimizer, opt.getLr(), options.schedule, options.batchSize, options.epochs,
                dev.vgrad.kernels.Parallel.threads());
        List<Double> trainLosses = new ArrayList<>(), validLosses = new ArrayList<>();
        for (int epoch = 1; epoch <= options.epochs; epoch++) {
            model.train();
            Epoch.Result r = Epoch.train(options, epoch, loader, batch -> nextCharacterLoss(model, batch[0], batch[1]),
                    opt, "chars");
            if (scheduler != null) {
                scheduler.step();
            }
            double validLoss = validationLoss(model, valid);
            trainLosses.add(r.meanLoss());
            validLosses.add(validLoss);
            System.out.printf("epoch %2d  train loss %.4f  validation loss %.4f  %.2f s (%,.0f characters/s)%n", epoch,
                    r.meanLoss(), validLoss, r.seconds(), r.perSecond());
        }
        System.out.println("sample (temperature " + TEMPERATURE + "):");
        System.out.println(sample(model, corpus, PROMPT, SAMPLE_LENGTH, TEMPERATURE, new Generator(options.seed)));
        Path png = options.out.resolve("transformer-curves.png"), checkpoint = options.out.resolve("transformer.safetensors");
        TrainingCurves.write(png, "vgrad: character transformer on Genesis (KJV)", "train loss", trainLosses,
                "validation loss", validLosses, false);
        Safetensors.save(model.stateDict(), checkpoint, Map.of("epochs", Integer.toString(options.epochs),
                "validation_loss", String.format("%.4f", validLosses.get(validLosses.size() - 1)),
                "optimizer", options.optimizer));
        System.out.printf("wrote %s, %s and %s%n", png, checkpoint, initial);
        return 0;
    }

    private static final CrossEntropyLoss CROSS_ENTROPY = new CrossEntropyLoss();

    /** Mean cross entropy of the next character over every position of every window (the fused loss). */
    static Tensor nextCharacterLoss(CharTransformer model, Tensor inputs, Tensor targets) {
        Tensor logits = model.forward(inputs);
        int v = logits.size(2);
        return CROSS_ENTROPY.forward(logits.reshape(-1, v), targets.reshape(-1));
    }

    /** The mean loss per character over the validation windows, without dropout or gradients. */
    static double validationLoss(CharTransformer model, TensorDataset valid) {
        model.eval();
        double sum = 0;
        long count = 0;
        try (var off = GradMode.noGrad(); Arena arena = Arena.open()) {
            for (Tensor[] batch : new DataLoader(valid, 256)) {
                long n = batch[1].numel();
                sum += nextCharacterLoss(model, batch[0], batch[1]).item() * n;
                count += n;
                arena.reset();
            }
        }
        return sum / count;
    }

    /**
     * {@code length} characters after {@code prompt}, each drawn from the model's distribution over the next character
     * (logits divided by the temperature, then softmax), reading at most the last context characters: one
     * {@code multinomial} draw from g each (without replacement, as the twin's {@code torch.multinomial(probs, 1,
     * generator=g)}).
     *
     * @throws IllegalStateException if the model gives no character a probability (NaN logits), naming the position
     */
    static String sample(CharTransformer model, CharCorpus corpus, String prompt, int length, float temperature,
                         Generator g) {
        model.eval();
        int[] prefix = corpus.encode(prompt);
        int[] text = java.util.Arrays.copyOf(prefix, prefix.length + length);
        try (var off = GradMode.noGrad(); Arena arena = Arena.open()) {
            for (int i = prefix.length; i < text.length; i++) {
                int from = Math.max(0, i - model.context());
                float[] window = new float[i - from];
                for (int j = from; j < i; j++) {
                    window[j - from] = text[j];
                }
                Tensor logits = model.forward(Tensor.of(window, 1, window.length)).select(1, window.length - 1);
                Tensor p = logits.div(temperature).softmax(-1);
                try {
                    text[i] = (int) p.multinomial(1, false, g).item();
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("sample: the model gave no usable distribution at character "
                            + i + " (" + e.getMessage() + ")", e);
                }
                arena.reset();
            }
        }
        return corpus.decode(text);
    }
}
