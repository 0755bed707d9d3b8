package dev.vgrad.nn;

/**
 * Instance normalization of [N, C, D, H, W] (or [C, D, H, W]), as {@code torch.nn.InstanceNorm3d}: each sample's
 * channels over their own positions; optionally a per-channel affine and running statistics for eval mode.
 */
public class InstanceNorm3d extends InstanceNorm {
    /** eps 1e-5, no affine, no running statistics (torch's defaults). */
    public InstanceNorm3d(int numFeatures) {
        this(numFeatures, 1e-5f, false);
    }

    /** The given eps; a learnable per-channel weight and bias when affine. */
    public InstanceNorm3d(int numFeatures, float eps, boolean affine) {
        super(numFeatures, 3, eps, affine);
    }

    /** PyTorch's {@code InstanceNorm3d(num_features, eps, momentum, affine, track_running_stats)}. */
    public InstanceNorm3d(int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, 3, eps, momentum, affine, trackRunningStats, false);
    }

    /** A lazy layer's start ({@link LazyInstanceNorm3d}). */
    InstanceNorm3d(float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(0, 3, eps, momentum, affine, trackRunningStats, true);
    }
}
