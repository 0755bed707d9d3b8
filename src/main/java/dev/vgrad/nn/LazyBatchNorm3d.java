package dev.vgrad.nn;

/**
 * {@code torch.nn.LazyBatchNorm3d}: a {@link BatchNorm3d} whose num_features is taken from its first input's
 * dimension 1. Until then its weight, bias and running statistics are empty placeholders (an optimizer made now holds
 * the parameters, and keeps working); the first call gives them their shapes and their starting values (weight 1,
 * bias 0, mean 0, variance 1). Loading a state dict first takes the shapes from it instead.
 */
public class LazyBatchNorm3d extends BatchNorm3d {
    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, running statistics tracked. */
    public LazyBatchNorm3d() {
        this(1e-5f, 0.1f, true, true);
    }

    /**
     * PyTorch's {@code LazyBatchNorm3d(eps, momentum, affine, track_running_stats)}; momentum null for the cumulative
     * average (torch's {@code momentum=None}).
     */
    public LazyBatchNorm3d(float eps, Float momentum, boolean affine, boolean trackRunningStats) {
        super(eps, momentum, affine, trackRunningStats, true);
    }

    /** Whether the parameters and buffers are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return lazyPending();
    }
}
