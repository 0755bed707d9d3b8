package dev.vgrad.spark;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.cli.Train;
import dev.vgrad.data.FashionMnistSubset;
import dev.vgrad.data.Mnist;
import dev.vgrad.data.TensorDataset;
import dev.vgrad.io.Safetensors;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
import dev.vgrad.optim.CosineAnnealingLR;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code ./vgrad train --spark MASTER}: seed 004's MLP (or the CNN) on Fashion-MNIST, trained data-parallel on Spark
 * by {@link SparkTrainer} with what {@code ./vgrad train} uses by default (Adam at 1e-3, cosine schedule over the
 * epochs, batches of 64 drawn as its shuffling loader draws them from the seed), printing the same per-epoch lines and
 * writing the same safetensors checkpoint.
 *
 * <p>Options: {@code --spark MASTER} (local[N] or spark://host:port), {@code --epochs N} (10), {@code --batch-size N}
 * (64), {@code --lr X} (0.001), {@code --seed N} (42), {@code --partitions N} (2), {@code --out DIR} (runs),
 * {@code --data-dir DIR} (IDX files; default /usr/share/datasets/fashion-mnist, else the embedded subset),
 * {@code --embedded} (the embedded 2 000-image subset whatever is installed), {@code --model mlp|cnn} (mlp). Each
 * partition loads its share of the data itself, so a {@code --data-dir} must be readable on every worker.
 */
public final class SparkTrain {
    static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    private SparkTrain() {}

    /** Runs the trainer; a bad argument ends the JVM with status 2 after naming it. */
    public static void main(String[] args) throws IOException {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vgrad train --spark: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(o);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new java.util.HashMap<>(Map.of("--epochs", "10", "--batch-size", "64",
                "--lr", "0.001", "--seed", "42", "--partitions", "2", "--out", "runs", "--model", "mlp"));
        List<String> known = List.of("--spark", "--epochs", "--batch-size", "--lr", "--seed", "--partitions", "--out",
                "--data-dir", "--model");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--embedded") || a.equals("--no-progress")) {
                o.put(a, "true");
                continue;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + a + " (known: " + known
                        + ", --embedded, --no-progress)");
            }
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : null);
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            o.put(name, value);
        }
        if (!List.of("mlp", "cnn").contains(o.get("--model"))) {
            throw new IllegalArgumentException("--model must be mlp or cnn, got " + o.get("--model"));
        }
        if (!o.containsKey("--spark")) {
            throw new IllegalArgumentException("--spark MASTER is required (local[2], spark://host:7077)");
        }
        for (String n : List.of("--epochs", "--batch-size", "--seed", "--partitions")) {
            try {
                if (Long.parseLong(o.get(n)) < (n.equals("--seed") ? Long.MIN_VALUE : 1)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(n + " must be a positive whole number, got " + o.get(n));
            }
        }
        float lr;
        try {
            lr = Float.parseFloat(o.get("--lr"));
        } catch (NumberFormatException e) {
            lr = Float.NaN;
        }
        if (!(lr >= 0f && Float.isFinite(lr))) {
            throw new IllegalArgumentException("--lr must be a finite number of at least 0, got " + o.get("--lr"));
        }
        return o;
    }

    static void run(Map<String, String> o) throws IOException {
        int epochs = Integer.parseInt(o.get("--epochs")), batchSize = Integer.parseInt(o.get("--batch-size"));
        int partitions = Integer.parseInt(o.get("--partitions"));
        long seed = Long.parseLong(o.get("--seed"));
        float lr = Float.parseFloat(o.get("--lr"));
        Path out = Path.of(o.get("--out"));
        Path dir = o.containsKey("--data-dir") ? Path.of(o.get("--data-dir")) : DEFAULT_DATA;
        String source = o.containsKey("--data-dir") || (!o.containsKey("--embedded") && Files.isDirectory(DEFAULT_DATA))
                ? dir.toString() : null;
        TensorDataset train = load(source, true), test = load(source, false);
        System.out.printf("%s: %d training and %d test images%n", source != null ? "Fashion-MNIST from " + source
                : "the embedded Fashion-MNIST subset", train.size(), test.size());
        String modelName = o.get("--model");
        SparkConf conf = new SparkConf().setMaster(o.get("--spark")).setAppName("vgrad train --spark")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            JavaRDD<Example> rdd = examples(spark, source, train.size(), partitions).cache();
            // The single-process trainer draws the initial weights from one generator and every epoch's order from
            // another seeded alike, as its PyTorch twin (torch.manual_seed, then a loader's own generator).
            Generator g = new Generator(seed);
            SparkTrainer trainer = new SparkTrainer(spark, () -> Train.model(modelName, new Generator(seed)),
                    (model, x, y) -> new CrossEntropyLoss("sum").forward(model.forward(x), y),
                    params -> new Adam(params, lr));
            CosineAnnealingLR schedule = new CosineAnnealingLR(trainer.optimizer(), epochs);
            Sequential model = (Sequential) trainer.model();
            System.out.println(model);
            System.out.printf("optimizer adam, lr %s (cosine schedule), batch %d, %d epochs, Spark %s, %d partitions%n",
                    trainer.optimizer().getLr(), batchSize, epochs, o.get("--spark"), partitions);
            List<Double> accuracies = new ArrayList<>();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                model.train();
                double lossSum = 0, stepSeconds = 0;
                StepCost cost = StepCost.zero();
                long seen = 0, broadcast = 0, gathered = 0;
                List<SparkTrainer.StepResult> steps = trainer.epoch(rdd, train.size(), batchSize, g);
                for (SparkTrainer.StepResult r : steps) {
                    lossSum += r.meanLoss() * r.batchSize();
                    seen += r.batchSize();
                    stepSeconds += r.seconds();
                    cost = cost.plus(r.cost());
                    broadcast += r.bytesBroadcast();
                    gathered += r.bytesGathered();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double accuracy = 100.0 * Train.accuracy(model, test);
                accuracies.add(accuracy);
                schedule.step();
                System.out.printf("epoch %2d  train loss %.4f  test accuracy %.2f%%  %.2f s (%,.0f examples/s)%n",
                        epoch, lossSum / seen, accuracy, seconds, seen / seconds);
                int n = steps.size();
                System.out.printf("          a step: %.1f ms, of which a partition computes %.1f ms; "
                        + "%.2f MB broadcast, %.2f MB gathered%n", 1e3 * stepSeconds / n, 1e3 * cost.compute() / n,
                        broadcast / 1e6 / n, gathered / 1e6 / n);
                System.out.println("          " + describe(cost.dividedBy(n)));
            }
            Files.createDirectories(out);
            Path checkpoint = out.resolve("model.safetensors");
            Safetensors.save(model.stateDict(), checkpoint, Map.of("epochs", Integer.toString(epochs),
                    "test_accuracy", String.format("%.4f", accuracies.get(accuracies.size() - 1)), "optimizer", "adam",
                    "spark", o.get("--spark"), "model", modelName));
            System.out.printf("wrote %s%n", checkpoint);
        }
    }

    /** A step's cost as one line of milliseconds, driver parts first, then a task's parts. */
    static String describe(StepCost c) {
        return String.format("ms: broadcast %.1f, job %.1f (task: deserialize %.1f, fetch %.1f, compute %.1f, "
                + "other %.1f, serialize result %.1f; scheduling and result return %.1f), update %.1f",
                1e3 * c.broadcast(), 1e3 * c.job(), 1e3 * c.taskDeserialize(), 1e3 * c.fetch(), 1e3 * c.compute(),
                1e3 * c.taskOther(), 1e3 * c.resultSerialize(), 1e3 * c.scheduleAndReturn(), 1e3 * c.update());
    }

    /**
     * The training set as an RDD of examples that each partition loads for itself (from {@code source}, a directory
     * of IDX files every worker can read, or the embedded subset when null), keeping the range of example indices its
     * partition holds. Tasks then carry a range, not the images (an RDD made by {@code parallelize} ships each
     * partition's data inside every task that reads it), and a lost partition is loaded again.
     */
    static JavaRDD<Example> examples(JavaSparkContext spark, String source, int size, int partitions) {
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new int[] {(int) ((long) size * p / partitions), (int) ((long) size * (p + 1) / partitions)});
        }
        return spark.parallelize(ranges, partitions).flatMap(range -> examples(load(source, true), range[0], range[1])
                .iterator());
    }

    /** The training or test set from {@code source}, a directory of IDX files, or the embedded subset when null. */
    static TensorDataset load(String source, boolean train) throws IOException {
        return source == null ? FashionMnistSubset.load(train) : Mnist.load(Path.of(source), train);
    }

    /** Examples {@code from} (inclusive) to {@code to} of {@code data}: flattened images and their labels. */
    static List<Example> examples(TensorDataset data, int from, int to) {
        Tensor x = data.tensor(0), y = data.tensor(1);
        int features = x.numel() / data.size();
        float[] xs = x.contiguous().toArray(), ys = y.contiguous().toArray();
        List<Example> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(new Example(i, java.util.Arrays.copyOfRange(xs, i * features, (i + 1) * features), ys[i]));
        }
        return out;
    }
}
