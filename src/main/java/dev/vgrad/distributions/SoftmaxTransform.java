package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * Vectors to the simplex by exp and normalising, as {@code torch.distributions.transforms.SoftmaxTransform}
 * ({@code transform_to(simplex)}): not bijective (the inverse is log, one of the preimages), without log |det J|, but
 * coordinate-wise enough for optimisation, as PyTorch says.
 */
public final class SoftmaxTransform extends Transform {
    /** Without a cache. */
    public SoftmaxTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public SoftmaxTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        Tensor probs = x.sub(x.amax(-1, true)).exp();
        return probs.div(probs.sum(-1, true));
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.log();
    }

    /** @throws UnsupportedOperationException always, as PyTorch's NotImplementedError */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("SoftmaxTransform has no log_abs_det_jacobian (not bijective)");
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL_VECTOR;
    }

    @Override
    public Constraint codomain() {
        return Constraints.SIMPLEX;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return TransformShapes.lastChanged(shape, 0);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return TransformShapes.lastChanged(shape, 0);
    }

    /** Any SoftmaxTransform is the same map. */
    @Override
    public boolean sameAs(Transform other) {
        return other instanceof SoftmaxTransform;
    }
}
