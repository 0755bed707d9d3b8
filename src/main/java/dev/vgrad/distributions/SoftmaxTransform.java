package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * Vectors to the simplex by exp and normalising, as {@code torch.distributions.transforms.SoftmaxTransform}
 * ({@code transform_to(simplex)}): not bijective (the inverse is log, one of the preimages), without log |det J|, but
 * coordinate-wise enough for optimisation, as PyTorch says.
 */
public final class SoftmaxTransform extends ParameterlessTransform {
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
}
