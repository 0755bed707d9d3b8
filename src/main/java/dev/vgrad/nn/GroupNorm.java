package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Group normalization, as {@code torch.nn.GroupNorm}: channels in numGroups groups, each sample's group normalized by
 * its own statistics (the same in training and evaluation: no running statistics), then a per-channel weight (ones)
 * and bias (zeros) unless affine is off.
 */
public class GroupNorm extends Module {
    private final int numGroups;
    private final int numChannels;
    private final float eps;
    private final boolean affine;
    /** The per-channel scale, [numChannels] (null without affine). */
    public Tensor weight;
    /** The per-channel shift, [numChannels] (null without affine). */
    public Tensor bias;

    /** eps 1e-5, affine. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5f, true);
    }

    /** PyTorch's {@code GroupNorm(num_groups, num_channels, eps, affine)}. */
    public GroupNorm(int numGroups, int numChannels, float eps, boolean affine) {
        if (numGroups <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("num_channels (" + numChannels + ") must be divisible by num_groups ("
                    + numGroups + ")");
        }
        if (!(eps >= 0f)) {
            throw new IllegalArgumentException("GroupNorm: eps must be non-negative, got " + eps);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        this.weight = affine ? registerParameter("weight", Tensor.ones(numChannels)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(numChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() >= 2 && x.size(1) != numChannels) {
            throw new IllegalArgumentException("GroupNorm(" + numGroups + ", " + numChannels + "): input has "
                    + x.size(1) + " channels, shape " + java.util.Arrays.toString(x.shape()));
        }
        return Functional.groupNorm(x, numGroups, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + PythonRepr.floatLiteral(eps) + ", affine="
                + (affine ? "True" : "False");
    }
}
