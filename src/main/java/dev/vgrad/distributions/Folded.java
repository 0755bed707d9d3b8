package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What HalfNormal and HalfCauchy share, as PyTorch builds them (a distribution symmetric about 0 through
 * AbsTransform): draws are the base's, folded ({@code |x|}, PyTorch's draws for a seed); the density is the base's
 * doubled on [0, inf) (a negative value is refused, as PyTorch's validation refuses it); the entropy is the base's
 * less {@code log 2}.
 */
abstract class Folded extends Distribution {
    private static final float LOG2 = (float) Math.log(2);
    private final String family;
    private final Distribution base;

    Folded(String family, Distribution base) {
        super(base.batchShape());
        this.family = family;
        this.base = base;
    }

    @Override
    public final Tensor rsample(Generator g, int... sampleShape) {
        return base.rsample(g, sampleShape).abs();
    }

    @Override
    public final Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require(family, "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return base.logProb(value).add(LOG2);
    }

    /** PyTorch's {@code 2 F(x) - 1} of the base's cdf F. */
    @Override
    public final Tensor cdf(Tensor value) {
        float[] v = value.toArray();
        require(family, "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return base.cdf(value).mul(2f).sub(1f);
    }

    /** PyTorch's {@code F^-1((p + 1) / 2)}. */
    @Override
    public final Tensor icdf(Tensor value) {
        return base.icdf(value.add(1f).div(2f));
    }

    @Override
    public final Tensor entropy() {
        return base.entropy().sub(LOG2);
    }
}
