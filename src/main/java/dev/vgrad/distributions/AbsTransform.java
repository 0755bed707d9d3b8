package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * y = |x|, as {@code torch.distributions.transforms.AbsTransform}: not bijective (its inverse gives y back, the
 * non-negative preimage), and without log |det J|, as in PyTorch.
 */
public final class AbsTransform extends ParameterlessTransform {
    /** Without a cache. */
    public AbsTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public AbsTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.abs();
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y;
    }

    @Override
    public Constraint codomain() {
        return Constraints.POSITIVE;
    }
}
