package dev.vgrad.cli;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.data.DataLoader;
import dev.vgrad.data.FashionMnistSubset;
import dev.vgrad.data.Mnist;
import dev.vgrad.data.TensorDataset;
import dev.vgrad.io.Safetensors;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Conv2d;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Flatten;
import dev.vgrad.nn.MaxPool2d;
import dev.vgrad.nn.Unflatten;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.ReLU;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adadelta;
import dev.vgrad.optim.Adagrad;
import dev.vgrad.optim.Adam;
import dev.vgrad.optim.AdamW;
import dev.vgrad.optim.Adamax;
import dev.vgrad.optim.ASGD;
import dev.vgrad.optim.CosineAnnealingLR;
import dev.vgrad.optim.LRScheduler;
import dev.vgrad.optim.StepLR;
import dev.vgrad.optim.Optimizer;
import dev.vgrad.optim.RMSprop;
import dev.vgrad.optim.Rprop;
import dev.vgrad.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./vgrad train}: seed 004's MLP (784-128-64-10, ReLU, cross entropy), or with {@code --model cnn} a small
 * convolutional network, trained on Fashion-MNIST; {@code --model transformer} instead trains a character-level
 * transformer on a text shipped with vgrad ({@link TextTrainer}). It reads
 * the dataset from {@code --data-dir} (Debian's dataset-fashion-mnist puts it in /usr/share/datasets/fashion-mnist)
 * or, where that is missing, from the 2 000-image subset embedded in vgrad. Each epoch shows a progress bar with
 * the loss and examples per second, then prints the epoch's train loss, test accuracy and time; at the end it
 * writes the loss and accuracy curves as a PNG and the weights as a safetensors checkpoint.
 */
@Command(name = "vgrad train", mixinStandardHelpOptions = true, sortOptions = false, version = "vgrad 0.1.0",
        description = "Trains seed 004's MLP or a CNN on Fashion-MNIST, or a character-level transformer on the Book of "
                + "Genesis, with vgrad.",
        footer = "%n./vgrad train --spark MASTER (local[2], spark://host:port) trains the MLP data-parallel on Spark "
                + "instead (the vgrad-spark module; README, \"Beyond one machine\").")
public final class Train implements Callable<Integer> {
    static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    // Defaults live in the annotations, not in field initialisers: picocli's usage shows ${DEFAULT-VALUE} from them,
    // where a field's value after parsing would be the rejected one.
    @Option(names = "--model", defaultValue = "mlp", description = "mlp (seed 004's 784-128-64-10), cnn (two 3x3 "
            + "convolutions of 32 and 64 channels with max pooling, then 128 hidden units) or transformer (a character-"
            + "level transformer, 2 layers of width 128, on the Book of Genesis) (default: ${DEFAULT-VALUE})")
    String modelName;

    @Option(names = "--epochs", defaultValue = "10", description = "passes over the training set (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "examples per step: images, or windows of 64 "
            + "characters for the transformer (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", description = "learning rate (default: the optimizer's usual one, 1e-3 for adam)")
    Float lr;

    @Option(names = "--optimizer", description = "adam, adamw, sgd (momentum 0.9), rmsprop, adagrad, adadelta, "
            + "adamax, asgd or rprop (default: ${DEFAULT-VALUE})", defaultValue = "adam")
    String optimizer;

    @Option(names = "--schedule", description = "learning-rate schedule: cosine (to 0 over the epochs), step (x0.5 "
            + "every 3 epochs) or none (default: ${DEFAULT-VALUE})", defaultValue = "cosine")
    String schedule;

    @Option(names = "--data-dir", description = "directory of the IDX files (default: " + "/usr/share/datasets/fashion-mnist"
            + ", or the embedded subset where that is missing)")
    Path dataDir;

    @Option(names = "--threads", description = "threads for vgrad's kernels (default: every core, "
            + "or the system property vgrad.threads)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "42", description = "seeds the initial weights and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "runs", description = "where the curves and the checkpoint go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--no-progress", description = "no progress bar (the default when not on a terminal)")
    boolean noProgress;

    @Option(names = "--no-warm-up", description = "do not run throwaway training steps while Fashion-MNIST loads "
            + "(they let the JIT compile the step before epoch 1; the trained model is the same either way)")
    boolean noWarmUp;

    /** Skips the installed dataset in favour of the embedded subset (for tests on machines that have both). */
    boolean useEmbeddedData;

    /** The transformer learns from only the text's first this many characters where positive (for tests). */
    int textLimit;

    /** Runs the trainer with command-line arguments; exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the trainer; bad arguments and unreadable data give a one-line error and a nonzero status. */
    static int run(String... args) {
        return new CommandLine(new Train())
                .setParameterExceptionHandler((e, parsedArgs) -> {
                    // One line, not picocli's usage block: the error is what the user needs to see.
                    e.getCommandLine().getErr().println("vgrad train: " + e.getMessage() + " (./vgrad train --help lists "
                            + "the options)");
                    return 2;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                        cmd.getErr().println("vgrad train: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    /** Every argument checked before any data is read or any work is done; the first bad one is named. */
    private void validate() {
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        if (threads != null) {
            positive("--threads", threads);
        }
        if (lr != null && !(lr >= 0f && Float.isFinite(lr))) {
            throw bad("Invalid learning rate: " + lr + " (--lr must be finite and at least 0)");
        }
        if (!OPTIMIZERS.contains(optimizer.toLowerCase(java.util.Locale.ROOT))) {
            throw bad("unknown --optimizer '" + optimizer + "': choose " + String.join(", ", OPTIMIZERS)
                    + " (LBFGS needs full-batch closures and is not offered here)");
        }
        if (!MODELS.contains(modelName)) {
            throw bad("unknown --model '" + modelName + "': choose " + String.join(", ", MODELS));
        }
        if (!SCHEDULES.contains(schedule)) {
            throw bad("unknown --schedule '" + schedule + "': choose " + String.join(", ", SCHEDULES));
        }
        if (dataDir != null && modelName.equals("transformer")) {
            throw bad("--data-dir is for the Fashion-MNIST models (mlp, cnn); --model transformer learns the text "
                    + "shipped with vgrad");
        }
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw bad("--data-dir " + dataDir + " is not a directory");
        }
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw bad("--out " + out + " cannot be a directory: " + existing + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw bad("--out " + out + " is not writable (" + existing + " does not allow writing)");
        }
    }

    private static final List<String> OPTIMIZERS =
            List.of("adam", "adamw", "sgd", "rmsprop", "adagrad", "adadelta", "adamax", "asgd", "rprop");
    private static final List<String> SCHEDULES = List.of("cosine", "step", "none");
    private static final List<String> MODELS = List.of("mlp", "cnn", "transformer");

    private void positive(String option, int value) {
        if (value <= 0) {
            throw bad(option + " must be positive, got " + value);
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (threads != null) {
            dev.vgrad.kernels.Parallel.setThreads(threads);
        }
        if (modelName.equals("transformer")) {
            return TextTrainer.train(this);
        }
        TensorDataset train, test;
        if (dataDir != null || (!useEmbeddedData && Files.isDirectory(DEFAULT_DATA))) {
            Path dir = dataDir != null ? dataDir : DEFAULT_DATA;
            try (WarmUp w = noWarmUp ? null : WarmUp.start(this, modelName, batchSize)) {
                train = Mnist.load(dir, true);
                test = Mnist.load(dir, false);
            }
            System.out.printf("Fashion-MNIST from %s: %d training and %d test images%n", dir, train.size(), test.size());
        } else {
            train = FashionMnistSubset.load(true);
            test = FashionMnistSubset.load(false);
            System.out.printf("%s not found (apt-get install dataset-fashion-mnist puts the full dataset there);%n"
                    + "training on the embedded subset: %d training and %d test images%n", DEFAULT_DATA, train.size(),
                    test.size());
        }
        Sequential model = model(modelName, new Generator(seed));
        Optimizer opt = optimizer(model.parameters());
        LRScheduler scheduler = scheduler(opt);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        // a generator of its own for the order, as the PyTorch twin's loader (scripts/torch_train.py), so that both
        // see the same batches
        DataLoader loader = new DataLoader(train, batchSize).shuffle(true, new Generator(seed));
        System.out.println(model);
        System.out.printf("optimizer %s, lr %s (%s schedule), batch %d, %d epochs, %d thread(s)%n", optimizer,
                opt.getLr(), schedule, batchSize, epochs, dev.vgrad.kernels.Parallel.threads());
        List<Double> losses = new ArrayList<>(), accuracies = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            Epoch.Result r = Epoch.train(this, epoch, loader, batch -> criterion.forward(model.forward(batch[0]),
                    batch[1]), opt, "ex");   // a CNN unflattens itself
            if (scheduler != null) {
                scheduler.step();
            }
            double accuracy = 100.0 * accuracy(model, test);
            losses.add(r.meanLoss());
            accuracies.add(accuracy);
            System.out.printf("epoch %2d  train loss %.4f  test accuracy %.2f%%  %.2f s (%,.0f examples/s)%n", epoch,
                    r.meanLoss(), accuracy, r.seconds(), r.perSecond());
        }
        Files.createDirectories(out);
        Path png = out.resolve("curves.png"), checkpoint = out.resolve("model.safetensors");
        TrainingCurves.write(png, "vgrad: " + modelName + " on Fashion-MNIST", "train loss", losses,
                "test accuracy (%)", accuracies, true);
        Safetensors.save(model.stateDict(), checkpoint, Map.of("epochs", Integer.toString(epochs),
                "test_accuracy", String.format("%.4f", accuracies.get(accuracies.size() - 1)), "optimizer", optimizer));
        System.out.printf("wrote %s and %s%n", png, checkpoint);
        return 0;
    }

    /** A progress bar for one epoch of {@code steps} steps, or null where none is wanted (not a terminal). */
    ProgressBar progressBar(String task, long steps) {
        boolean on = !noProgress && System.console() != null && System.console().isTerminal();
        return on ? new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200).setMaxRenderedLength(100).build() : null;
    }

    /** The learning-rate schedule --schedule names, stepped once per epoch, or null for none. */
    LRScheduler scheduler(Optimizer opt) {
        return switch (schedule) {
            case "cosine" -> new CosineAnnealingLR(opt, epochs);
            case "step" -> new StepLR(opt, 3).gamma(0.5f);
            case "none" -> null;
            default -> throw new IllegalStateException("validate() admits no schedule " + schedule);
        };
    }

    /** The optimizer --optimizer names over {@code params}, at --lr or its usual rate. */
    Optimizer optimizer(List<Tensor> params) {
        return switch (optimizer.toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> new Adam(params, lr != null ? lr : 1e-3f);
            case "adamw" -> new AdamW(params, lr != null ? lr : 1e-3f);
            case "sgd" -> new SGD(params, lr != null ? lr : 0.05f).momentum(0.9f);
            case "rmsprop" -> new RMSprop(params, lr != null ? lr : 1e-3f);
            case "adagrad" -> new Adagrad(params, lr != null ? lr : 1e-2f);
            case "adadelta" -> new Adadelta(params, lr != null ? lr : 1f);
            case "adamax" -> new Adamax(params, lr != null ? lr : 2e-3f);
            case "asgd" -> new ASGD(params, lr != null ? lr : 1e-2f);
            case "rprop" -> new Rprop(params, lr != null ? lr : 1e-2f);
            default -> throw new IllegalStateException("validate() admits no optimizer " + optimizer);
        };
    }

    /**
     * The model to train: seed 004's MLP, or a small CNN (conv 3x3 32, ReLU, max pool 2, conv 3x3 64, ReLU, max pool 2,
     * then 3136-128-10) that first views each flattened 784-pixel image as [1, 28, 28].
     */
    public static Sequential model(String name, Generator g) {
        if (name.equals("cnn")) {
            return new Sequential(new Unflatten(1, 28, 28), new Conv2d(1, 32, 3, 1, 1, g), new ReLU(), new MaxPool2d(2),
                    new Conv2d(32, 64, 3, 1, 1, g), new ReLU(), new MaxPool2d(2), new Flatten(),
                    new Linear(64 * 7 * 7, 128, g), new ReLU(), new Linear(128, 10, g));
        }
        return new Sequential(new Linear(784, 128, g), new ReLU(), new Linear(128, 64, g), new ReLU(),
                new Linear(64, 10, g));
    }

    /** The fraction of the test set whose highest-scoring class is the label (the model left in eval mode). */
    public static double accuracy(Sequential model, TensorDataset test) {
        model.eval();
        int correct = 0;
        try (var g = GradMode.noGrad(); Arena arena = Arena.open()) {
            for (Tensor[] batch : new DataLoader(test, 1000)) {
                float[] predicted = model.forward(batch[0]).argmax(1, false).toArray();
                float[] labels = batch[1].toArray();
                for (int i = 0; i < labels.length; i++) {
                    if (predicted[i] == labels[i]) {
                        correct++;
                    }
                }
                arena.reset();
            }
        }
        return (double) correct / test.size();
    }
}
