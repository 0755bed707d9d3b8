package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/** y = exp(x), as {@code torch.distributions.transforms.ExpTransform}: log |det J| = x. */
public final class ExpTransform extends IncreasingTransform {
    /** Without a cache. */
    public ExpTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public ExpTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.exp();
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x;
    }

    @Override
    public Constraint codomain() {
        return Constraints.POSITIVE;
    }
}
