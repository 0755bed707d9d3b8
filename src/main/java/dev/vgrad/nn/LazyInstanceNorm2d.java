package dev.vgrad.nn;

/**
 * {@code torch.nn.LazyInstanceNorm2d}: an {@link InstanceNorm2d} whose num_features is taken from its first input
 * (dimension 1, or 0 of an unbatched input, where PyTorch 1.13 reads dimension 1 either way). Until then its weight,
 * bias and running statistics are empty placeholders (an optimizer made now holds the parameters, and keeps working).
 * PyTorch's defaults here are affine and tracked running statistics, unlike InstanceNorm2d's.
 */
public class LazyInstanceNorm2d extends InstanceNorm2d {
    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, running statistics tracked. */
    public LazyInstanceNorm2d() {
        this(1e-5f, 0.1f, true, true);
    }

    /** PyTorch's {@code LazyInstanceNorm2d(eps, momentum, affine, track_running_stats)}. */
    public LazyInstanceNorm2d(float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(eps, momentum, affine, trackRunningStats);
    }

    /** Whether the parameters and buffers are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return lazyPending();
    }
}
