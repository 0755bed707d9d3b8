package dev.vgrad.spark;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.data.DataLoader;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Module;
import dev.vgrad.optim.Optimizer;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel SGD of a vgrad model on Spark: every step, the driver broadcasts the parameters as one
 * flat float array (with the batch's example indices), each partition computes the summed loss gradient of its share
 * of the global batch (on a replica of the model that the factory built in that executor and that the executor keeps
 * for later steps, one per task it runs at once, inside the replica's arena), {@code treeReduce} sums those into one
 * array, and the driver divides by the batch size and lets the optimizer step. The result is the single-process
 * result for the same global batches, seed and optimizer, up to the order in which floats are summed.
 *
 * <p>Global batches are drawn as vgrad's (and PyTorch's) shuffling {@code DataLoader} draws them
 * ({@link DataLoader#shuffledPass}): each epoch a {@code randperm} of the example indices from one {@link Generator}
 * seeded once, cut into batches in order, the last one possibly smaller.
 */
public final class SparkTrainer {
    /** Builds a fresh model; every replica must have the same parameters in the same order. */
    @FunctionalInterface
    public interface ModelFactory extends Serializable {
        Module create();
    }

    /** The loss of a model on a batch, summed (not averaged) over the batch's examples. */
    @FunctionalInterface
    public interface SummedLoss extends Serializable {
        Tensor of(Module model, Tensor features, Tensor targets);
    }

    /** Builds the optimizer over the driver model's parameters. */
    @FunctionalInterface
    public interface OptimizerFactory extends Serializable {
        Optimizer create(List<Tensor> parameters);
    }

    /**
     * One step's outcome on the driver: the mean loss over the global batch and its size; the step's wall time and
     * where it went; how many partitions held part of the batch, and the bytes broadcast (parameters and batch
     * indices) and gathered (one partial per partition).
     */
    public record StepResult(double meanLoss, int batchSize, double seconds, StepCost cost, int partitions,
                             long bytesBroadcast, long bytesGathered) {}

    /**
     * Values after the gradient in a partial: loss sum, example count, compute and fetch seconds, 1 if it held
     * examples. A partial is floats, as the gradient it carries is: doubles would double the bytes gathered and add
     * nothing to a sum of a few float vectors.
     */
    private static final int PARTIAL_EXTRA = 5;

    /**
     * The most examples a task runs forward and backward at once; a larger share is cut into chunks of this size
     * whose gradients add up in the replica's buffer. Full chunks ask the arena for the same sizes task after task
     * (a share's size drifts from step to step, and buffers come back only for sizes asked for before), and the
     * largest step's activations stay within a chunk's: the CNN's at 512 images would take about 0.6 GB.
     */
    static final int MICRO_BATCH = 256;

    /** How long a step waits for Spark's task metrics to reach the listener bus before it reports them as unknown. */
    private static final long METRICS_WAIT_MILLIS = 1_000;

    private final JavaSparkContext spark;
    private final ModelFactory modelFactory;
    private final SummedLoss loss;
    private final Module model;
    private final FlatParameters flat;
    private final Optimizer optimizer;
    private final TaskCostListener taskCosts;
    /** Names this trainer's steps on the listener bus and its replicas in executors' pools. */
    private final String trainerId = "vgrad-" + java.util.UUID.randomUUID();
    private long steps;

    /**
     * A trainer whose driver model is {@code modelFactory.create()}; its parameters are the ones every step starts
     * from.
     */
    public SparkTrainer(JavaSparkContext spark, ModelFactory modelFactory, SummedLoss loss,
                        OptimizerFactory optimizerFactory) {
        this.spark = spark;
        this.modelFactory = modelFactory;
        this.loss = loss;
        this.model = modelFactory.create();
        this.flat = new FlatParameters(model.parameters());
        this.optimizer = optimizerFactory.create(flat.parameters());
        this.taskCosts = TaskCostListener.on(spark.sc());
    }

    /** The driver's model (its parameters live in {@link #parameters()}). */
    public Module model() {
        return model;
    }

    /** The driver's optimizer (a learning-rate schedule steps it between epochs). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The model's parameters, flat. */
    public float[] parameters() {
        return flat.values();
    }

    /**
     * One synchronous step over the examples whose indices are in {@code batch}: the gradient of the mean loss,
     * summed across partitions, then one optimizer step on the driver. Every parameter gets a gradient, zero where
     * the loss does not reach it (one process would leave such a gradient unset and the optimizer would skip it).
     *
     * @throws IllegalArgumentException when the batch is empty
     * @throws IllegalStateException when the data does not hold each index of the batch exactly once (the model is
     *     left as it was)
     */
    public StepResult step(JavaRDD<Example> data, int[] batch) {
        if (batch.length == 0) {
            throw new IllegalArgumentException("a step needs at least one example; the batch is empty");
        }
        long start = System.nanoTime();
        int[] sorted = batch.clone();
        Arrays.sort(sorted);
        Broadcast<StepInput> input = spark.broadcast(new StepInput(flat.values().clone(), sorted));
        int size = flat.size();
        ModelFactory factory = modelFactory;
        SummedLoss summed = loss;
        String trainer = trainerId, app = spark.sc().applicationId();
        int rdd = data.id();
        String step = trainerId + "-" + steps++;
        String outer = spark.getLocalProperty(TaskCostListener.STEP);
        long submitted = System.nanoTime();
        float[] total;
        try {
            spark.setLocalProperty(TaskCostListener.STEP, step);
            total = data.mapPartitions((Iterator<Example> examples) -> {
                long fetchStart = System.nanoTime();
                StepInput in = input.value();
                double fetched = (System.nanoTime() - fetchStart) / 1e9;
                List<Example> mine = PartitionIndex.of(app, rdd, TaskContext.get().partitionId(), examples)
                        .select(in.sortedBatch());
                return List.of(shardGradient(mine, in, trainer, factory, summed, fetched)).iterator();
            }).treeReduce(SparkTrainer::addInto);  // one partial per partition: no zero value to ship to each
        } finally {
            spark.setLocalProperty(TaskCostListener.STEP, outer);
        }
        long returned = System.nanoTime();
        input.destroy();
        int count = (int) total[size + 1];
        if (count != batch.length) {
            throw new IllegalStateException("the batch names " + batch.length + " examples, the data held " + count
                    + " of them (indices missing from the RDD, or repeated)");
        }
        optimizer.zeroGrad();
        float[] grads = flat.grads();
        for (int i = 0; i < size; i++) {
            grads[i] = total[i] / count;
        }
        optimizer.step();
        long end = System.nanoTime();
        int tasks = data.getNumPartitions();
        StepCost cost = cost(step, submitted - start, returned - submitted, end - returned, total[size + 2],
                total[size + 3], tasks);
        return new StepResult(total[size] / count, count, (end - start) / 1e9, cost, (int) total[size + 4],
                4L * size + 4L * sorted.length, 4L * (size + PARTIAL_EXTRA) * tasks);
    }

    /**
     * The step's cost: the driver's three clocks, the tasks' own sums of compute and fetch time, and Spark's task
     * metrics for the step (unknown, NaN, when they do not reach the listener bus in time).
     */
    private StepCost cost(String step, long broadcastNanos, long jobNanos, long updateNanos, double computeSum,
                          double fetchSum, int tasks) {
        TaskCostListener.Totals spark;
        try {
            spark = taskCosts.await(step, METRICS_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spark = null;
        }
        double job = jobNanos / 1e9;
        int n = spark == null || spark.tasks() == 0 ? tasks : spark.tasks();
        double compute = computeSum / n, fetch = fetchSum / n;
        double deserialize = Double.NaN, other = Double.NaN, serialize = Double.NaN, rest = Double.NaN;
        if (spark != null && spark.tasks() > 0) {
            deserialize = spark.deserialize() / n;
            other = Math.max(0, spark.run() / n - compute - fetch);
            serialize = spark.resultSerialize() / n;
            rest = Math.max(0, job - spark.duration() / n);
        }
        return new StepCost(broadcastNanos / 1e9, job, deserialize, fetch, compute, other, serialize, rest,
                updateNanos / 1e9);
    }

    /**
     * One epoch: the order of a shuffling loader's pass over {@code datasetSize} with {@code generator}, cut into
     * batches of {@code batchSize}, one {@link #step} each.
     */
    public List<StepResult> epoch(JavaRDD<Example> data, int datasetSize, int batchSize, Generator generator) {
        int[] order = DataLoader.shuffledPass(generator, datasetSize);
        List<StepResult> results = new java.util.ArrayList<>();
        for (int from = 0; from < datasetSize; from += batchSize) {
            results.add(step(data, Arrays.copyOfRange(order, from, Math.min(datasetSize, from + batchSize))));
        }
        return results;
    }

    /** What every task of a step reads: the parameters and the batch's example indices, sorted. */
    private record StepInput(float[] parameters, int[] sortedBatch) implements Serializable {}

    private static float[] addInto(float[] into, float[] part) {
        for (int i = 0; i < into.length; i++) {
            into[i] += part[i];
        }
        return into;
    }

    /** A partition's share: the summed gradient and loss of {@code mine}, its examples in the batch. */
    private static float[] shardGradient(List<Example> mine, StepInput in, String trainer, ModelFactory factory,
                                         SummedLoss loss, double fetchSeconds) {
        float[] params = in.parameters();
        float[] out = new float[params.length + PARTIAL_EXTRA];
        out[params.length + 3] = (float) fetchSeconds;
        if (mine.isEmpty()) {
            return out;
        }
        long start = System.nanoTime();
        ReplicaPool.Replica replica = ReplicaPool.take(trainer, factory);
        replica.flat.load(params);
        int features = mine.get(0).features().length;
        // A task given one core (spark.task.cpus, 1 by default) runs its kernels on its own thread: the executor runs
        // as many tasks at once as it has cores.
        TaskContext task = TaskContext.get();
        boolean oneCore = task != null && task.cpus() == 1;
        double lossSum = 0;
        try (Parallel.Scope alone = oneCore ? Parallel.singleThreaded() : null; Arena arena = replica.openArena()) {
            for (int from = 0; from < mine.size(); from += MICRO_BATCH) {
                int n = Math.min(MICRO_BATCH, mine.size() - from);
                float[] x = new float[n * features], y = new float[n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(mine.get(from + i).features(), 0, x, i * features, features);
                    y[i] = mine.get(from + i).target();
                }
                Tensor value = loss.of(replica.model, Tensor.wrap(x, n, features), Tensor.wrap(y, n));
                value.backward();  // into the replica's gradient buffer, adding to the chunks before
                lossSum += value.item();
                arena.reset();
            }
        }
        out[params.length] = (float) lossSum;
        out[params.length + 2] = (float) ((System.nanoTime() - start) / 1e9);
        System.arraycopy(replica.flat.grads(), 0, out, 0, params.length);
        ReplicaPool.give(trainer, replica);
        out[params.length + 1] = mine.size();
        out[params.length + 4] = 1;
        return out;
    }
}
