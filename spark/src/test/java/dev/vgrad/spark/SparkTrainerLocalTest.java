package dev.vgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.ReLU;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
import dev.vgrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark local mode with two worker threads against one process: the same parameters, step for step. */
class SparkTrainerLocalTest {
    static final int EXAMPLES = 600, FEATURES = 20, CLASSES = 3, BATCH = 64, STEPS = 50;
    static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        // local[2, 3]: two worker threads, and a failed task is tried up to three times (as on a cluster).
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("vgrad-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Module mlp() {
        Generator g = new Generator(7);
        return new Sequential(new Linear(FEATURES, 16, g), new ReLU(), new Linear(16, CLASSES, g));
    }

    static List<Example> data() {
        Generator g = new Generator(11);
        float[] x = Tensor.randn(g, EXAMPLES, FEATURES).toArray();
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            float[] f = Arrays.copyOfRange(x, i * FEATURES, (i + 1) * FEATURES);
            // A learnable rule: the class is the argmax of the first three features.
            int label = f[0] > f[1] ? (f[0] > f[2] ? 0 : 2) : (f[1] > f[2] ? 1 : 2);
            out.add(new Example(i, f, label));
        }
        return out;
    }

    @Test
    void twoWorkersFollowTheSingleProcessTrajectory() {
        double[] losses = trainAgainstOneProcess(
                (model, x, y) -> new CrossEntropyLoss("sum").forward(model.forward(x), y), BATCH, STEPS, -1);
        assertTrue(losses[1] < 0.7 * losses[0], "it learned: loss " + losses[0] + " -> " + losses[1]);
    }

    @Test
    void sharesLargerThanAChunkAddUpTheirChunksGradients() {
        // 580 of 600 examples a step: each partition's share (about 290) is cut into a chunk of 256 and the rest.
        trainAgainstOneProcess((model, x, y) -> new CrossEntropyLoss("sum").forward(model.forward(x), y), 580, 4, -1);
    }

    @Test
    void aBatchTheDataDoesNotHoldLeavesTheModelAsItWas() {
        JavaRDD<Example> rdd = spark.parallelize(data(), 2);
        SparkTrainer trainer = new SparkTrainer(spark, SparkTrainerLocalTest::mlp,
                (model, x, y) -> new CrossEntropyLoss("sum").forward(model.forward(x), y),
                params -> new Adam(params, 0.01f));
        float[] before = trainer.parameters().clone();
        var missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> trainer.step(rdd, new int[] {3, 5, EXAMPLES + 7}));
        assertTrue(missing.getMessage().contains("the batch names 3 examples, the data held 2"), missing.getMessage());
        var repeated = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> trainer.step(rdd, new int[] {3, 3}));
        assertTrue(repeated.getMessage().contains("the batch names 2 examples, the data held 1"), repeated.getMessage());
        List<Example> twice = new ArrayList<>(data());
        twice.add(twice.get(5));  // the data holds example 5 twice, in the same partition
        JavaRDD<Example> doubled = spark.parallelize(twice, 1);
        var held = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> trainer.step(doubled, new int[] {5, 6}));
        assertTrue(held.getMessage().contains("the batch names 2 examples, the data held 3"), held.getMessage());
        var empty = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> trainer.step(rdd, new int[0]));
        assertTrue(empty.getMessage().contains("the batch is empty"), empty.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, trainer.parameters());
    }

    /** Set before the step whose first task attempt should die; the task that sees it clears it and throws. */
    static final AtomicBoolean KILL_NEXT_TASK = new AtomicBoolean();
    static final AtomicInteger RETRIED_TASKS = new AtomicInteger();

    @Test
    void aTaskThatDiesMidStepIsRetriedAndTheStepIsUnchanged() {
        SparkTrainer.SummedLoss dying = (model, x, y) -> {
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            if (task.attemptNumber() > 0) {
                RETRIED_TASKS.incrementAndGet();
            }
            if (task.attemptNumber() == 0 && KILL_NEXT_TASK.compareAndSet(true, false)) {
                throw new IllegalStateException("a task killed mid-step by the test");
            }
            return new CrossEntropyLoss("sum").forward(model.forward(x), y);
        };
        RETRIED_TASKS.set(0);
        trainAgainstOneProcess(dying, BATCH, 6, 3);
        assertTrue(!KILL_NEXT_TASK.get(), "the failure was injected");
        assertEquals(1, RETRIED_TASKS.get(), "Spark ran the killed task again");
    }

    /**
     * Trains with the Spark trainer and in this process side by side on batches of {@code batchSize}, checking loss
     * and parameters after every step (killing a task during step {@code killAt}, none when negative); returns the
     * first and last mean loss.
     */
    static double[] trainAgainstOneProcess(SparkTrainer.SummedLoss summedLoss, int batchSize, int steps, int killAt) {
        List<Example> examples = data();
        JavaRDD<Example> rdd = spark.parallelize(examples, 2).cache();
        SparkTrainer trainer = new SparkTrainer(spark, SparkTrainerLocalTest::mlp, summedLoss,
                params -> new Adam(params, 0.01f));

        Module reference = mlp();
        Optimizer opt = new Adam(reference.parameters(), 0.01f);
        CrossEntropyLoss mean = new CrossEntropyLoss();
        Generator sparkSide = new Generator(3), single = new Generator(3);

        int step = 0;
        double firstLoss = 0, lastLoss = 0;
        while (step < steps) {
            int[] order = single.randperm(EXAMPLES);
            int[] sparkOrder = sparkSide.randperm(EXAMPLES);
            assertTrue(Arrays.equals(order, sparkOrder));
            for (int from = 0; from < EXAMPLES && step < steps; from += batchSize, step++) {
                int[] batch = Arrays.copyOfRange(order, from, Math.min(EXAMPLES, from + batchSize));
                KILL_NEXT_TASK.set(step == killAt);
                SparkTrainer.StepResult r = trainer.step(rdd, batch);

                float[] x = new float[batch.length * FEATURES], y = new float[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    System.arraycopy(examples.get(batch[i]).features(), 0, x, i * FEATURES, FEATURES);
                    y[i] = examples.get(batch[i]).target();
                }
                Tensor loss = mean.forward(reference.forward(Tensor.wrap(x, batch.length, FEATURES)),
                        Tensor.wrap(y, batch.length));
                opt.zeroGrad();
                loss.backward();
                opt.step();

                assertEquals(loss.item(), r.meanLoss(), 1e-5 * Math.max(1, Math.abs(loss.item())),
                        "loss at step " + step);
                float[] want = flat(reference.parameters()), got = trainer.parameters();
                double diff = 0, norm = 0;
                for (int i = 0; i < want.length; i++) {
                    diff += (double) (want[i] - got[i]) * (want[i] - got[i]);
                    norm += (double) want[i] * want[i];
                }
                assertTrue(Math.sqrt(diff / norm) <= 1e-5, "step " + step + ": relative difference "
                        + Math.sqrt(diff / norm));
                assertEquals(2, r.partitions(), "both partitions held part of a batch of " + batch.length);
                StepCost c = r.cost();
                assertTrue(c.compute() > 0 && c.compute() < c.job(), r.toString());
                assertEquals(r.seconds(), c.broadcast() + c.job() + c.update(), 1e-6, r.toString());
                for (double part : new double[] {c.taskDeserialize(), c.fetch(), c.taskOther(), c.resultSerialize(),
                        c.scheduleAndReturn()}) {
                    assertTrue(part >= 0 && part < c.job(), "Spark's task metrics reached the trainer: " + r);
                }
                int size = want.length;
                assertEquals(4L * size + 4L * batch.length, r.bytesBroadcast());
                assertEquals(2 * 4L * (size + 5), r.bytesGathered());
                if (step == 0) {
                    firstLoss = r.meanLoss();
                }
                lastLoss = r.meanLoss();
            }
        }
        rdd.unpersist();
        return new double[] {firstLoss, lastLoss};
    }

    static float[] flat(List<Tensor> params) {
        int n = params.stream().mapToInt(Tensor::numel).sum();
        float[] out = new float[n];
        int o = 0;
        for (Tensor p : params) {
            float[] v = p.contiguous().toArray();
            System.arraycopy(v, 0, out, o, v.length);
            o += v.length;
        }
        return out;
    }
}
