package dev.vgrad.spark;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Module;
import dev.vgrad.optim.Optimizer;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel SGD of a vgrad model on Spark: every step, the driver broadcasts the parameters as one
 * flat float array, each partition computes the summed loss gradient of its share of the global batch (a replica of
 * the model built by the factory, inside an arena), {@code treeReduce} sums those into one array, and the driver
 * divides by the batch size and lets the optimizer step. The result is the single-process result for the same global
 * batches, seed and optimizer, up to the order in which floats are summed.
 *
 * <p>Global batches are drawn as vgrad's (and PyTorch's) shuffling {@code DataLoader} draws them: each epoch a
 * {@code randperm} of the example indices from one {@link Generator} seeded once, cut into batches in order, the last
 * one possibly smaller.
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
     * One step's outcome on the driver: the mean loss over the global batch and its size; the step's wall time, the
     * mean time a partition spent building its replica and computing its gradient, how many partitions held part of
     * the batch, and the bytes broadcast (parameters and batch indices) and gathered (one partial per partition).
     */
    public record StepResult(double meanLoss, int batchSize, double seconds, double computeSeconds, int partitions,
                             long bytesBroadcast, long bytesGathered) {}

    /** Values after the gradient in a partial: loss sum, example count, compute seconds, whether it held examples. */
    private static final int PARTIAL_EXTRA = 4;

    private final JavaSparkContext spark;
    private final ModelFactory modelFactory;
    private final SummedLoss loss;
    private final Module model;
    private final FlatParameters flat;
    private final Optimizer optimizer;

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
        Broadcast<float[]> params = spark.broadcast(flat.values().clone());
        Broadcast<int[]> members = spark.broadcast(sorted);
        int size = flat.size();
        ModelFactory factory = modelFactory;
        SummedLoss summed = loss;
        // Layout of a partial: [gradient sums..., loss sum, example count, compute seconds, 1 if it held examples].
        double[] total = data.mapPartitions((Iterator<Example> examples) -> List.of(
                        shardGradient(examples, members.value(), params.value(), factory, summed)).iterator())
                .treeReduce(SparkTrainer::addInto);  // one partial per partition: no zero value to ship to each
        params.destroy();
        members.destroy();
        int count = (int) total[size + 1];
        if (count != batch.length) {
            throw new IllegalStateException("the batch names " + batch.length + " examples, the data held " + count
                    + " of them (indices missing from the RDD, or repeated)");
        }
        optimizer.zeroGrad();
        float[] grads = flat.grads();
        for (int i = 0; i < size; i++) {
            grads[i] = (float) (total[i] / count);
        }
        optimizer.step();
        int partitions = (int) total[size + 3];
        return new StepResult(total[size] / count, count, (System.nanoTime() - start) / 1e9,
                total[size + 2] / Math.max(1, partitions), partitions, 4L * size + 4L * sorted.length,
                8L * (size + PARTIAL_EXTRA) * data.getNumPartitions());
    }

    /**
     * One epoch: a {@code randperm} of {@code datasetSize} from {@code generator}, cut into batches of
     * {@code batchSize}, one {@link #step} each.
     */
    public List<StepResult> epoch(JavaRDD<Example> data, int datasetSize, int batchSize, Generator generator) {
        int[] order = generator.randperm(datasetSize);
        List<StepResult> results = new java.util.ArrayList<>();
        for (int from = 0; from < datasetSize; from += batchSize) {
            results.add(step(data, Arrays.copyOfRange(order, from, Math.min(datasetSize, from + batchSize))));
        }
        return results;
    }

    private static double[] addInto(double[] into, double[] part) {
        for (int i = 0; i < into.length; i++) {
            into[i] += part[i];
        }
        return into;
    }

    /** A partition's share: the summed gradient and loss of its examples in the batch, as doubles. */
    private static double[] shardGradient(Iterator<Example> examples, int[] sortedBatch, float[] params,
                                          ModelFactory factory, SummedLoss loss) {
        long start = System.nanoTime();
        double[] out = new double[params.length + PARTIAL_EXTRA];
        List<Example> mine = new java.util.ArrayList<>();
        while (examples.hasNext()) {
            Example e = examples.next();
            if (Arrays.binarySearch(sortedBatch, e.index()) >= 0) {
                mine.add(e);
            }
        }
        if (mine.isEmpty()) {
            return out;
        }
        Module replica = factory.create();
        FlatParameters replicaFlat = new FlatParameters(replica.parameters());
        replicaFlat.load(params);
        int features = mine.get(0).features().length;
        float[] x = new float[mine.size() * features], y = new float[mine.size()];
        for (int i = 0; i < mine.size(); i++) {
            System.arraycopy(mine.get(i).features(), 0, x, i * features, features);
            y[i] = mine.get(i).target();
        }
        try (Arena arena = Arena.open()) {
            Tensor value = loss.of(replica, Tensor.wrap(x, mine.size(), features), Tensor.wrap(y, mine.size()));
            value.backward();
            out[params.length] = value.item();
        }
        float[] grads = replicaFlat.grads();
        for (int i = 0; i < grads.length; i++) {
            out[i] = grads[i];
        }
        out[params.length + 1] = mine.size();
        out[params.length + 2] = (System.nanoTime() - start) / 1e9;
        out[params.length + 3] = 1;
        return out;
    }
}
