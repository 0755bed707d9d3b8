package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import dev.vgrad.nn.Functional;

/**
 * y = softplus(x) = log(1 + e^x), as {@code torch.distributions.transforms.SoftplusTransform}: the inverse
 * y + log(-expm1(-y)), log |det J| = -softplus(-x).
 */
public final class SoftplusTransform extends IncreasingTransform {
    /** Without a cache. */
    public SoftplusTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public SoftplusTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        return Functional.softplus(x);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.neg().expm1().neg().log().add(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Functional.softplus(x.neg()).neg();
    }

    @Override
    public Constraint codomain() {
        return Constraints.POSITIVE;
    }
}
