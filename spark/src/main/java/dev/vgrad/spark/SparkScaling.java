package dev.vgrad.spark;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.cli.Train;
import dev.vgrad.data.TensorDataset;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Module;
import dev.vgrad.optim.Adam;
import dev.vgrad.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code ./vgrad bench --spark MASTER}: where a synchronous step's time goes, for each model, global batch and number
 * of partitions asked for, with the one-process step of the same model and batch measured in the same JVM. Each
 * configuration runs warm-up steps, then the measured ones; a row is the mean {@link StepCost} of the measured steps.
 * These rows are what docs/SCALING.md's cost model is fitted to.
 *
 * <p>Options: {@code --spark MASTER}, {@code --models mlp,cnn} (mlp), {@code --batches 64,512} (64),
 * {@code --partitions 1,2} (the N of a local[N] master, else 2), {@code --steps N} (30 measured),
 * {@code --warmup N} (20), {@code --data-dir DIR} (IDX files every worker can read; default the embedded subset).
 */
public final class SparkScaling {
    private SparkScaling() {}

    /** Runs the sweep and prints one row per configuration. */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = new java.util.HashMap<>(Map.of("--models", "mlp", "--batches", "64",
                "--steps", "30", "--warmup", "20"));
        List<String> known = List.of("--spark", "--models", "--batches", "--partitions", "--steps", "--warmup",
                "--data-dir");
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 == args.length) {
                System.err.println("vgrad bench --spark: " + (known.contains(args[i]) ? args[i] + " needs a value"
                        : "unknown option " + args[i] + " (known: " + known + ")"));
                System.exit(2);
            }
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--spark")) {
            System.err.println("vgrad bench --spark: --spark MASTER is required");
            System.exit(2);
        }
        String master = o.get("--spark");
        String cores = master.matches("local\\[\\d+]") ? master.substring(6, master.length() - 1) : "2";
        String partitions = o.getOrDefault("--partitions", cores);
        String source = o.get("--data-dir");
        for (String model : o.get("--models").split(",")) {
            if (!List.of("mlp", "cnn").contains(model)) {
                System.err.println("vgrad bench --spark: --models takes mlp and cnn, got " + model);
                System.exit(2);
            }
        }
        for (String list : List.of("--batches", "--partitions", "--steps", "--warmup")) {
            String value = list.equals("--partitions") ? partitions : o.get(list);
            if (!value.matches("[1-9]\\d*(,[1-9]\\d*)*")) {
                System.err.println("vgrad bench --spark: " + list + " takes positive whole numbers, got " + value);
                System.exit(2);
            }
        }
        int steps = Integer.parseInt(o.get("--steps")), warmup = Integer.parseInt(o.get("--warmup"));
        if (source != null && !Files.isDirectory(java.nio.file.Path.of(source))) {
            System.err.println("vgrad bench --spark: --data-dir " + source + " is not a directory");
            System.exit(2);
        }
        TensorDataset train = SparkTrain.load(source, true);
        // One-process steps first, before executors start and take the cores while their JVMs warm up: on one
        // thread (a worker's core, the cost model's unit) and on every core (the best one machine does).
        Map<String, double[]> single = new java.util.LinkedHashMap<>();
        for (String model : o.get("--models").split(",")) {
            for (String b : o.get("--batches").split(",")) {
                double one;
                try (Parallel.Scope alone = Parallel.singleThreaded()) {
                    one = oneProcessStep(model, train, Integer.parseInt(b), warmup, steps);
                }
                single.put(model + " " + b, new double[] {one,
                        oneProcessStep(model, train, Integer.parseInt(b), warmup, steps)});
            }
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName("vgrad bench --spark")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            System.out.printf("Spark %s, %d training images, %d warm-up and %d measured steps per row; ms per step%n",
                    master, train.size(), warmup, steps);
            System.out.println("model batch parts |   step | broadcast   job  update | task: deser fetch compute "
                    + "other  ser | sched+return | one process: 1 thread, " + Parallel.threads() + " | MB out  MB in");
            for (Map.Entry<String, double[]> e : single.entrySet()) {
                String model = e.getKey().split(" ")[0];
                int batch = Integer.parseInt(e.getKey().split(" ")[1]);
                for (String p : partitions.split(",")) {
                    row(spark, model, train, source, batch, Integer.parseInt(p), warmup, steps, e.getValue());
                }
            }
        }
    }

    private static void row(JavaSparkContext spark, String model, TensorDataset train, String source, int batch,
                            int partitions, int warmup, int steps, double[] single) {
        JavaRDD<Example> rdd = SparkTrain.examples(spark, source, train.size(), partitions).cache();
        rdd.count();
        SparkTrainer trainer = new SparkTrainer(spark, () -> Train.model(model, new Generator(42)),
                (m, x, y) -> new CrossEntropyLoss("sum").forward(m.forward(x), y), params -> new Adam(params, 1e-3f));
        Generator g = new Generator(7);
        StepCost sum = StepCost.zero();
        double seconds = 0;
        long out = 0, in = 0;
        List<int[]> batches = batches(g, train.size(), batch, warmup + steps);
        for (int s = 0; s < warmup + steps; s++) {
            SparkTrainer.StepResult r = trainer.step(rdd, batches.get(s));
            if (s >= warmup) {
                sum = sum.plus(r.cost());
                seconds += r.seconds();
                out = r.bytesBroadcast();
                in = r.bytesGathered();
            }
        }
        rdd.unpersist();
        StepCost c = sum.dividedBy(steps);
        System.out.printf("%-5s %5d %5d | %6.1f | %9.1f %5.1f %7.1f | %11.1f %5.1f %7.1f %5.1f %4.1f | %12.1f | "
                        + "%19.1f %6.1f | %6.2f %6.2f%n", model, batch, partitions, 1e3 * seconds / steps,
                1e3 * c.broadcast(), 1e3 * c.job(), 1e3 * c.update(), 1e3 * c.taskDeserialize(), 1e3 * c.fetch(), 1e3 * c.compute(),
                1e3 * c.taskOther(), 1e3 * c.resultSerialize(), 1e3 * c.scheduleAndReturn(), 1e3 * single[0],
                1e3 * single[1], out / 1e6, in / 1e6);
    }

    /** Enough batches of {@code batch} for {@code count} steps, drawn epoch by epoch as the trainers draw them. */
    private static List<int[]> batches(Generator g, int size, int batch, int count) {
        List<int[]> out = new ArrayList<>();
        while (out.size() < count) {
            int[] order = dev.vgrad.data.DataLoader.shuffledPass(g, size);
            for (int from = 0; from + batch <= size && out.size() < count; from += batch) {
                out.add(Arrays.copyOfRange(order, from, from + batch));
            }
        }
        return out;
    }

    /**
     * The mean seconds of one single-process step (forward, backward, Adam) of {@code model} on {@code batch}, after
     * at least {@code warmup} steps and three seconds of warm-up (the JIT needs hundreds of the MLP's steps), over at
     * least {@code steps} steps and one second.
     */
    private static double oneProcessStep(String model, TensorDataset train, int batch, int warmup, int steps) {
        Module m = Train.model(model, new Generator(42));
        Optimizer opt = new Adam(m.parameters(), 1e-3f);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        int features = train.tensor(0).numel() / train.size();
        Tensor x = train.tensor(0).reshape(train.size(), features).narrow(0, 0, batch).contiguous();
        Tensor y = train.tensor(1).narrow(0, 0, batch).contiguous();
        try (Arena arena = Arena.open()) {
            long begin = System.nanoTime();
            for (int s = 0; s < warmup || System.nanoTime() - begin < 3_000_000_000L; s++) {
                step(m, opt, loss, x, y, arena);
            }
            long start = System.nanoTime();
            int done = 0;
            for (; done < steps || System.nanoTime() - start < 1_000_000_000L; done++) {
                step(m, opt, loss, x, y, arena);
            }
            return (System.nanoTime() - start) / 1e9 / done;
        }
    }

    private static void step(Module m, Optimizer opt, CrossEntropyLoss loss, Tensor x, Tensor y, Arena arena) {
        opt.zeroGrad();
        loss.forward(m.forward(x), y).backward();
        opt.step();
        arena.reset();
    }
}
