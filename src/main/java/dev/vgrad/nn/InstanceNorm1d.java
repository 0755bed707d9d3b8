package dev.vgrad.nn;

/** Instance normalization of [N, C, L] (or [C, L]), as {@code torch.nn.InstanceNorm1d} without running statistics. */
public class InstanceNorm1d extends InstanceNorm {
    /** eps 1e-5, no affine (torch's defaults). */
    public InstanceNorm1d(int numFeatures) {
        this(numFeatures, 1e-5f, false);
    }

    /** The given eps; a learnable per-channel weight and bias when affine. */
    public InstanceNorm1d(int numFeatures, float eps, boolean affine) {
        super(numFeatures, 1, eps, affine);
    }
}
