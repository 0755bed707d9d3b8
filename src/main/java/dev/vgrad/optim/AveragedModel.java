package dev.vgrad.optim;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.BatchNorm;
import dev.vgrad.nn.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A running average of a model's weights, as {@code torch.optim.swa_utils.AveragedModel}: stochastic weight averaging
 * (SWA, the equal average of the weights at each {@link #updateParameters} call) by default, or any other average, such
 * as the exponential moving average of {@link #emaAvgFn}. It holds its own copy of the model (which Java cannot copy
 * deeply, so a supplier builds one of the same architecture; the model's state is then loaded into it), and runs
 * {@link #forward} through that copy. Its state dict is the copy's under {@code module.} and {@code n_averaged}, the
 * number of models averaged. The average function is not part of it.
 *
 * <p>After averaging a model with batch norms, recompute their running statistics with {@link #updateBn}, or average
 * the buffers too ({@code useBuffers}).
 */
public final class AveragedModel extends Module {
    /** How an averaged value moves toward the model's, as torch's {@code avg_fn}. */
    @FunctionalInterface
    public interface AvgFn {
        /**
         * The new average from the current one, the model's value and how many models were averaged before (at least
         * 1: the first call copies the model instead).
         */
        Tensor apply(Tensor averaged, Tensor current, long numAveraged);
    }

    private final Module module;
    private final AvgFn avgFn;
    private final boolean useBuffers;
    private Tensor nAveraged;
    /** The copy's tensors that an update averages, in the order {@link #averaged} lists a model's. */
    private final List<Tensor> mine;
    /**
     * Which of {@link #mine} are batch counts (batch norms' {@code num_batches_tracked}): integer tensors in torch, so
     * an average of them is truncated toward zero there when it is copied back, and here alike.
     */
    private final boolean[] counts;

    /** The equal average of the weights (SWA), of the parameters only. */
    public AveragedModel(Module model, Supplier<? extends Module> sameArchitecture) {
        this(model, sameArchitecture, null, false);
    }

    /**
     * An average by {@code avgFn} (null: the equal average {@code averaged + (current - averaged) / (n + 1)}), of the
     * parameters and, with {@code useBuffers}, the buffers (batch norms' running statistics) too.
     *
     * @param sameArchitecture builds a module with the model's parameters and buffers (names and shapes); the model's
     *     state is copied into it
     * @throws IllegalArgumentException if the built module's state does not match the model's, naming the difference
     */
    public AveragedModel(Module model, Supplier<? extends Module> sameArchitecture, AvgFn avgFn, boolean useBuffers) {
        Module copy = sameArchitecture.get();
        if (copy == model) {
            throw new IllegalArgumentException("AveragedModel: the supplier returned the model itself; it must build a "
                    + "new module of the same architecture");
        }
        Map<String, Tensor> modelState = model.stateDict();
        requireSameState(modelState, copy.stateDict());
        Map<String, Tensor> state = new LinkedHashMap<>();
        modelState.forEach((k, v) -> state.put(k, v.detach().clone()));
        copy.loadStateDict(state);
        copy.train(model.isTraining());
        this.module = registerModule("module", copy);
        this.nAveraged = registerBuffer("n_averaged", Tensor.scalar(0f));
        this.avgFn = avgFn != null ? avgFn : AveragedModel::equalAverage;
        this.useBuffers = useBuffers;
        this.mine = averaged(copy);
        this.counts = new boolean[mine.size()];
        if (useBuffers) {
            int i = copy.parameters().size();
            for (String name : copy.namedBuffers().keySet()) {
                counts[i++] = name.endsWith("num_batches_tracked");
            }
        }
    }

    private static void requireSameState(Map<String, Tensor> model, Map<String, Tensor> copy) {
        if (!model.keySet().equals(copy.keySet())) {
            throw new IllegalArgumentException("AveragedModel: the supplied module's state " + copy.keySet()
                    + " does not match the model's " + model.keySet());
        }
        model.forEach((k, v) -> {
            if (!Arrays.equals(v.shape(), copy.get(k).shape())) {
                throw new IllegalArgumentException("AveragedModel: " + k + " has shape "
                        + Arrays.toString(copy.get(k).shape()) + " in the supplied module, "
                        + Arrays.toString(v.shape()) + " in the model");
            }
        });
    }

    /** torch's default: {@code averaged + (current - averaged) / (numAveraged + 1)}, divided in float as torch's. */
    private static Tensor equalAverage(Tensor averaged, Tensor current, long numAveraged) {
        return averaged.add(current.sub(averaged).div((float) (numAveraged + 1)));
    }

    /**
     * The exponential moving average {@code decay * averaged + (1 - decay) * current}, as later torch's
     * {@code get_ema_avg_fn(decay)}.
     */
    public static AvgFn emaAvgFn(float decay) {
        if (!(decay >= 0f && decay <= 1f)) {
            throw new IllegalArgumentException("emaAvgFn: decay must be in [0, 1], got " + decay);
        }
        // 1 - decay as Python computes it from the decimal (0.9 -> 0.09999999999999998), then rounded to float
        float keep = (float) (1 - Optimizer.exact(decay));
        return (averaged, current, n) -> averaged.mul(decay).add(current.mul(keep));
    }

    /** The averaged copy of the model. */
    public Module module() {
        return module;
    }

    /** How many models have been averaged ({@code n_averaged}). */
    public long nAveraged() {
        return (long) nAveraged.item();
    }

    /** The averaged model's output. */
    @Override
    public Tensor forward(Tensor input) {
        return module.call(input);
    }

    /**
     * Averages {@code model}'s current parameters (and buffers, with useBuffers) into this copy: the first call copies
     * them, each later one applies the average function. The model must have this copy's parameters, in order, with
     * the same shapes; nothing changes otherwise.
     */
    public void updateParameters(Module model) {
        List<Tensor> theirs = averaged(model);
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("updateParameters: the model has " + theirs.size() + " tensors to "
                    + "average, this averaged model " + mine.size());
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!Arrays.equals(mine.get(i).shape(), theirs.get(i).shape())) {
                throw new IllegalArgumentException("updateParameters: tensor " + i + " has shape "
                        + Arrays.toString(theirs.get(i).shape()) + " in the model, "
                        + Arrays.toString(mine.get(i).shape()) + " here");
            }
        }
        long n = nAveraged();
        try (var off = GradMode.noGrad()) {
            for (int i = 0; i < mine.size(); i++) {
                Tensor current = theirs.get(i).detach();
                Tensor next = n == 0 ? current : avgFn.apply(mine.get(i).detach(), current, n);
                mine.get(i).detach().copy_(counts[i] ? next.trunc() : next);
            }
            nAveraged.add_(1f);
        }
    }

    private List<Tensor> averaged(Module m) {
        List<Tensor> out = new ArrayList<>(m.parameters());
        if (useBuffers) {
            out.addAll(m.buffers());
        }
        return out;
    }


    /**
     * Recomputes every batch norm's running statistics in {@code model} from one pass over {@code loader}, as
     * {@code torch.optim.swa_utils.update_bn}: the statistics start again and take the cumulative average of the
     * batches (momentum null for the pass, restored after), the model in training mode for the pass and back in its
     * mode after, no gradients recorded. A batch is a tensor, or a {@code Tensor[]} (a
     * {@link dev.vgrad.data.DataLoader}'s) or list of tensors whose first is the input. Without batch norms nothing
     * runs.
     *
     * @throws IllegalArgumentException for a batch of another kind, naming it
     */
    public static void updateBn(Iterable<?> loader, Module model) {
        Map<BatchNorm, Float> momenta = new LinkedHashMap<>();
        for (Module m : model.namedModules().values()) {
            if (m instanceof BatchNorm bn) {
                bn.resetRunningStats();
                momenta.put(bn, bn.getMomentum());
            }
        }
        if (momenta.isEmpty()) {
            return;
        }
        boolean wasTraining = model.isTraining();
        model.train();
        momenta.keySet().forEach(bn -> bn.setMomentum(null));
        try (var off = GradMode.noGrad()) {
            for (Object batch : loader) {
                model.call(input(batch));
            }
        } finally {
            momenta.forEach(BatchNorm::setMomentum);
            model.train(wasTraining);
        }
    }

    private static Tensor input(Object batch) {
        if (batch instanceof Tensor t) {
            return t;
        }
        if (batch instanceof Tensor[] ts && ts.length > 0) {
            return ts[0];
        }
        if (batch instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Tensor t) {
            return t;
        }
        throw new IllegalArgumentException("updateBn: a batch must be a tensor, or a Tensor[] or list whose first "
                + "element is the input, got " + (batch == null ? "null" : batch.getClass().getSimpleName()));
    }
}
