package dev.vgrad.nn;

/**
 * Instance normalization of [N, C, H, W] (or [C, H, W]), as {@code torch.nn.InstanceNorm2d} without running
 * statistics.
 */
public class InstanceNorm2d extends InstanceNorm {
    /** eps 1e-5, no affine (torch's defaults). */
    public InstanceNorm2d(int numFeatures) {
        this(numFeatures, 1e-5f, false);
    }

    /** The given eps; a learnable per-channel weight and bias when affine. */
    public InstanceNorm2d(int numFeatures, float eps, boolean affine) {
        super(numFeatures, 2, eps, affine);
    }
}
