package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import dev.vgrad.nn.Functional;

/**
 * y = tanh(x), as {@code torch.distributions.transforms.TanhTransform}: the inverse is atanh (infinite at y = +-1,
 * which a cache of 1 sidesteps for the transform's own outputs), log |det J| = 2 (log 2 - x - softplus(-2x)), PyTorch's
 * stable form.
 */
public final class TanhTransform extends IncreasingTransform {
    private static final Constraint OPEN_UNIT = Constraints.interval(-1f, 1f);

    private static final float LOG_2 = (float) Math.log(2.0);

    /** Without a cache. */
    public TanhTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public TanhTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.atanh();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.neg().add(LOG_2).sub(Functional.softplus(x.mul(-2f))).mul(2f);
    }

    @Override
    public Constraint codomain() {
        return OPEN_UNIT;
    }
}
