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

    @Override
    public final Tensor entropy() {
        return base.entropy().sub(LOG2);
    }
}
