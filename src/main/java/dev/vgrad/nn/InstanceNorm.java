package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * What InstanceNorm1d, 2d and 3d share, as PyTorch's _InstanceNorm: each sample's channel normalized over its own
 * positions, with an optional per-channel affine (weight 1, bias 0 at the start). With track_running_stats, training
 * also keeps running statistics (each the batch's average of the instances', by momentum; the variance unbiased), and
 * eval mode normalizes by them, as {@link Functional#instanceNorm(Tensor, Tensor, Tensor, Tensor, Tensor, boolean,
 * float, float)}. A lazy layer takes num_features from its first input.
 */
abstract class InstanceNorm extends Module {
    private int features;
    private final int spatial;
    private final float eps, momentum;
    private final boolean affine, track;
    private Tensor weight, bias, runningMean, runningVar;
    /** A lazy layer whose first call (or state dict) has not yet given it its channels. */
    private boolean lazy;

    InstanceNorm(int numFeatures, int spatial, float eps, boolean affine) {
        this(numFeatures, spatial, eps, 0.1f, affine, false, false);
    }

    /** PyTorch's settings; for a lazy layer ({@code lazy}) numFeatures is unused and everything starts empty. */
    InstanceNorm(int numFeatures, int spatial, float eps, float momentum, boolean affine, boolean trackRunningStats,
                 boolean lazy) {
        if (!lazy && numFeatures <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": num_features must be positive, got "
                    + numFeatures);
        }
        this.spatial = spatial;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track = trackRunningStats;
        this.lazy = lazy;
        if (lazy) {
            this.weight = affine ? LazyParameters.parameter(this, "weight") : null;
            this.bias = affine ? LazyParameters.parameter(this, "bias") : null;
            this.runningMean = track ? LazyParameters.buffer(this, "running_mean") : null;
            this.runningVar = track ? LazyParameters.buffer(this, "running_var") : null;
        } else {
            this.features = numFeatures;
            this.weight = affine ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
            this.bias = affine ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
            this.runningMean = track ? registerBuffer("running_mean", Tensor.zeros(numFeatures)) : null;
            this.runningVar = track ? registerBuffer("running_var", Tensor.ones(numFeatures)) : null;
        }
        if (track) {
            registerBuffer("num_batches_tracked", Tensor.zeros());   // kept for torch's state dict; never counted
        }
    }

    private void materialize(int numFeatures) {
        LazyParameters.materializeNorm(weight, bias, runningMean, runningVar, numFeatures);
        this.features = numFeatures;
        lazy = false;
    }

    /** Whether this is a lazy layer not yet called (nor loaded). */
    final boolean lazyPending() {
        return lazy;
    }

    /** A lazy layer not yet called takes its channels from the state's weight or running mean. */
    @Override
    protected void beforeLoadingState(String prefix, java.util.Map<String, Tensor> state) {
        int[] shape = LazyParameters.shapeIn(state, prefix, affine ? "weight" : "running_mean");
        if (lazy && shape != null && shape.length == 1) {
            materialize(shape[0]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected " + (spatial + 1) + "-D "
                    + "(unbatched) or " + (spatial + 2) + "-D input, got " + Arrays.toString(x.shape()));
        }
        boolean unbatched = x.dim() == spatial + 1;
        int channels = x.size(unbatched ? 0 : 1);
        if (lazy) {
            materialize(channels);
        }
        if (affine && channels != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected input's size at dim="
                    + (unbatched ? 0 : 1) + " to match num_features (" + features + "), but got: " + channels
                    + " (input " + Arrays.toString(x.shape()) + ")");
        }
        Tensor batched = unbatched ? x.unsqueeze(0) : x;
        return Functional.instanceNorm(batched, runningMean, runningVar, weight, bias, isTraining() || !track,
                momentum, eps).reshape(x.shape());
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + PythonRepr.floatLiteral(eps) + ", momentum=" + PythonRepr.floatLiteral(momentum)
                + ", affine=" + (affine ? "True" : "False") + ", track_running_stats=" + (track ? "True" : "False");
    }
}
