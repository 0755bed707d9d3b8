package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * What InstanceNorm1d and InstanceNorm2d share: each sample's channel normalized over its own positions (group norm
 * with one channel a group), with an optional per-channel affine (weight 1, bias 0 at the start). The statistics are
 * always the input's own, as torch's default (track_running_stats=False); running statistics are not offered.
 */
abstract class InstanceNorm extends Module {
    private final int features, spatial;
    private final float eps;
    private final boolean affine;
    private Tensor weight, bias;

    InstanceNorm(int numFeatures, int spatial, float eps, boolean affine) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": num_features must be positive, got "
                    + numFeatures);
        }
        this.features = numFeatures;
        this.spatial = spatial;
        this.eps = eps;
        this.affine = affine;
        this.weight = affine ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected " + (spatial + 1) + "-D "
                    + "(unbatched) or " + (spatial + 2) + "-D input, got " + java.util.Arrays.toString(x.shape()));
        }
        return Functional.instanceNorm(x.dim() == spatial + 1 ? x.unsqueeze(0) : x, weight, bias, eps)
                .reshape(x.shape());
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + PythonRepr.floatLiteral(eps) + ", momentum=0.1, affine="
                + (affine ? "True" : "False") + ", track_running_stats=False";
    }
}
