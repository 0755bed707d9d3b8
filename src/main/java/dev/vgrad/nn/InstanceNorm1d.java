package dev.vgrad.nn;

/**
 * Instance normalization of [N, C, L] (or [C, L]), as {@code torch.nn.InstanceNorm1d}: each sample's channels over
 * their own positions; optionally a per-channel affine and running statistics for eval mode.
 */
public class InstanceNorm1d extends InstanceNorm {
    /** eps 1e-5, no affine, no running statistics (torch's defaults). */
    public InstanceNorm1d(int numFeatures) {
        this(numFeatures, 1e-5f, false);
    }

    /** The given eps; a learnable per-channel weight and bias when affine. */
    public InstanceNorm1d(int numFeatures, float eps, boolean affine) {
        super(numFeatures, 1, eps, affine);
    }

    /** PyTorch's {@code InstanceNorm1d(num_features, eps, momentum, affine, track_running_stats)}. */
    public InstanceNorm1d(int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, 1, eps, momentum, affine, trackRunningStats, false);
    }

    /** A lazy layer's start ({@link LazyInstanceNorm1d}). */
    InstanceNorm1d(float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(0, 1, eps, momentum, affine, trackRunningStats, true);
    }
}
