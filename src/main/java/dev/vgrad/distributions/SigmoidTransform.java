package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import dev.vgrad.nn.Functional;

/**
 * y = sigmoid(x), as {@code torch.distributions.transforms.SigmoidTransform}: y clamped to [float's smallest normal,
 * 1 - eps] both ways (so the inverse, log y - log1p(-y), stays finite), log |det J| = -softplus(-x) - softplus(x).
 */
public final class SigmoidTransform extends IncreasingTransform {
    private static final float TINY = Float.MIN_NORMAL;
    private static final float ONE_MINUS_EPS = 1f - Math.ulp(1f);

    /** Without a cache. */
    public SigmoidTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public SigmoidTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.sigmoid().clamp(TINY, ONE_MINUS_EPS);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        Tensor c = y.clamp(TINY, ONE_MINUS_EPS);
        return c.log().sub(c.neg().log1p());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Functional.softplus(x.neg()).neg().sub(Functional.softplus(x));
    }

    @Override
    public Constraint codomain() {
        return Constraints.UNIT_INTERVAL;
    }
}
