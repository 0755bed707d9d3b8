package dev.vgrad.nn;

/**
 * Instance normalization of [N, C, D, H, W] (or [C, D, H, W]), as {@code torch.nn.InstanceNorm3d} without running
 * statistics.
 */
public class InstanceNorm3d extends InstanceNorm {
    /** eps 1e-5, no affine (torch's defaults). */
    public InstanceNorm3d(int numFeatures) {
        this(numFeatures, 1e-5f, false);
    }

    /** The given eps; a learnable per-channel weight and bias when affine. */
    public InstanceNorm3d(int numFeatures, float eps, boolean affine) {
        super(numFeatures, 3, eps, affine);
    }
}
