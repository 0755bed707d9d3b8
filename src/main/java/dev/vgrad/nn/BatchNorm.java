package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * What BatchNorm1d and BatchNorm2d share, as PyTorch's _BatchNorm: weight (ones) and bias (zeros) per channel unless
 * affine is off; buffers running_mean (zeros), running_var (ones) and num_batches_tracked (0) in the state dict unless
 * track_running_stats is off. In training the batch's statistics are used and the running ones updated (by momentum,
 * 0.1 by default, or with momentum null by the cumulative average, 1 / num_batches_tracked, as torch's momentum=None);
 * in evaluation the running ones, or the batch's where none are tracked. Public, as torch's {@code _BatchNorm} is to
 * {@code torch.optim.swa_utils.update_bn}, for code that treats every batch norm alike.
 */
public abstract class BatchNorm extends Module {
    /** num_features: set by a lazy layer on its first call. */
    private int features;
    /** A lazy layer whose first call (or state dict) has not yet given it its channels. */
    private boolean lazy;
    private final float eps;
    /** The running statistics' update factor; null for the cumulative average (torch's momentum=None). */
    private Float momentum;
    /** The per-channel scale, [features]; null without affine. */
    public Tensor weight;
    /** The per-channel shift, [features]; null without affine. */
    public Tensor bias;
    /** The running mean, [features] (a buffer); null when running statistics are not tracked. */
    public Tensor runningMean;
    /** The running (unbiased) variance, [features] (a buffer); null when running statistics are not tracked. */
    public Tensor runningVar;
    private Tensor numBatchesTracked;

    BatchNorm(int features, float eps, Float momentum, boolean affine, boolean trackRunningStats) {
        this(features, eps, momentum, affine, trackRunningStats, false);
    }

    /**
     * As above, or for a lazy layer ({@code lazy}; features unused): num_features 0 and empty placeholders for the
     * parameters and running statistics until the first call ({@link #forward}) gives them the input's channels.
     */
    BatchNorm(int features, float eps, Float momentum, boolean affine, boolean trackRunningStats, boolean lazy) {
        if (lazy) {
            features = 1;   // only for the checks below
        }
        if (features <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive number of features, got "
                    + features);
        }
        if (!(eps >= 0f) || !validMomentum(momentum)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs eps >= 0 and momentum in [0, 1], "
                    + "got eps=" + eps + ", momentum=" + momentum);
        }
        this.eps = eps;
        this.momentum = momentum;
        this.lazy = lazy;
        if (lazy) {
            this.weight = affine ? LazyParameters.parameter(this, "weight") : null;
            this.bias = affine ? LazyParameters.parameter(this, "bias") : null;
            this.runningMean = trackRunningStats ? LazyParameters.buffer(this, "running_mean") : null;
            this.runningVar = trackRunningStats ? LazyParameters.buffer(this, "running_var") : null;
        } else {
            this.features = features;
            this.weight = affine ? registerParameter("weight", Tensor.ones(features)) : null;
            this.bias = affine ? registerParameter("bias", Tensor.zeros(features)) : null;
            this.runningMean = trackRunningStats ? registerBuffer("running_mean", Tensor.zeros(features)) : null;
            this.runningVar = trackRunningStats ? registerBuffer("running_var", Tensor.ones(features)) : null;
        }
        this.numBatchesTracked = trackRunningStats ? registerBuffer("num_batches_tracked", Tensor.zeros()) : null;
    }

    private static boolean validMomentum(Float momentum) {
        return momentum == null || momentum >= 0f && momentum <= 1f;
    }

    /** {@code eps}, added to the variance before its square root. */
    public float eps() {
        return eps;
    }

    /** The running statistics' update factor; null for the cumulative average (torch's momentum=None). */
    public Float getMomentum() {
        return momentum;
    }

    /** Sets the update factor (in [0, 1]; null for the cumulative average), as assigning torch's {@code momentum}. */
    public void setMomentum(Float momentum) {
        if (!validMomentum(momentum)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs momentum in [0, 1] or null, got "
                    + momentum);
        }
        this.momentum = momentum;
    }

    /**
     * Starts the running statistics again, as torch's {@code reset_running_stats}: mean 0, variance 1, no batches
     * tracked; nothing to do where they are not tracked.
     */
    public void resetRunningStats() {
        if (runningMean == null) {
            return;
        }
        try (var off = GradMode.noGrad()) {
            runningMean.fill_(0f);
            runningVar.fill_(1f);
            numBatchesTracked.fill_(0f);
        }
    }

    /** Refuses inputs of the wrong rank, naming the expected ones. */
    abstract void checkInput(Tensor x);

    /** Gives a lazy layer's placeholders {@code features} channels: weight 1, bias 0, mean 0, variance 1. */
    private void materialize(int features) {
        LazyParameters.materializeNorm(weight, bias, runningMean, runningVar, features);
        this.features = features;
        lazy = false;
    }

    /** Whether this is a lazy layer not yet called (nor loaded). */
    final boolean lazyPending() {
        return lazy;
    }

    /** A lazy layer not yet called takes its channels from the state's weight or running mean. */
    @Override
    protected void beforeLoadingState(String prefix, java.util.Map<String, Tensor> state) {
        int[] shape = LazyParameters.shapeIn(state, prefix, weight != null ? "weight" : "running_mean");
        if (lazy && shape != null && shape.length == 1) {
            materialize(shape[0]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        if (lazy) {
            materialize(x.size(1));
        }
        float factor = momentum == null ? 0f : momentum;
        if (isTraining() && numBatchesTracked != null) {
            try (var off = GradMode.noGrad()) {
                numBatchesTracked.add_(1f);
            }
            if (momentum == null) {
                factor = 1f / numBatchesTracked.item();
            }
        }
        // Without running statistics, evaluation normalizes by the batch's own, as PyTorch does.
        return Functional.batchNorm(x, runningMean, runningVar, weight, bias, isTraining() || runningMean == null,
                factor, eps);
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + PythonRepr.floatLiteral(eps) + ", momentum="
                + (momentum == null ? "None" : PythonRepr.floatLiteral(momentum))
                + ", affine=" + (weight != null ? "True" : "False") + ", track_running_stats="
                + (runningMean != null ? "True" : "False");
    }
}
