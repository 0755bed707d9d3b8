package dev.vgrad.nn;

/**
 * Instance normalization of [N, C, H, W] (or [C, H, W]), as {@code torch.nn.InstanceNorm2d}: each sample's channels
 * over their own positions; optionally a per-channel affine and running statistics for eval mode.
 */
public class InstanceNorm2d extends InstanceNorm {
    /** eps 1e-5, no affine, no running statistics (torch's defaults). */
    public InstanceNorm2d(int numFeatures) {
        this(numFeatures, 1e-5f, false);
    }

    /** The given eps; a learnable per-channel weight and bias when affine. */
    public InstanceNorm2d(int numFeatures, float eps, boolean affine) {
        super(numFeatures, 2, eps, affine);
    }

    /** PyTorch's {@code InstanceNorm2d(num_features, eps, momentum, affine, track_running_stats)}. */
    public InstanceNorm2d(int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, 2, eps, momentum, affine, trackRunningStats, false);
    }

    /** A lazy layer's start ({@link LazyInstanceNorm2d}). */
    InstanceNorm2d(float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(0, 2, eps, momentum, affine, trackRunningStats, true);
    }
}
