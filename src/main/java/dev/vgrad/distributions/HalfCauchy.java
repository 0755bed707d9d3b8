package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The absolute value of a Cauchy(0, scale) variable, as {@code torch.distributions.HalfCauchy}. */
public final class HalfCauchy extends Distribution {
    private static final float LOG2 = (float) Math.log(2);
    private final Cauchy base;
    private final Tensor scale;

    /**
     * Half-Cauchy distributions with scales scale.
     *
     * @throws IllegalArgumentException if a scale is not positive, naming it and its position
     */
    public HalfCauchy(Tensor scale) {
        super(scale.shape());
        this.base = new Cauchy(scale.zerosLike(), scale);
        this.scale = scale;
    }

    /** {@code |c|}, c a Cauchy(0, scale) draw from g (PyTorch's draws for a seed). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return base.rsample(g, sampleShape).abs();
    }

    /** {@code log 2} plus the Cauchy's log-density, for x at least 0. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("HalfCauchy", "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return base.logProb(value).add(LOG2);
    }

    /** The Cauchy's entropy less {@code log 2}. */
    @Override
    public Tensor entropy() {
        return base.entropy().sub(LOG2);
    }

    /** Infinite: the half-Cauchy distribution has no finite mean. */
    @Override
    public Tensor mean() {
        return Tensor.full(Float.POSITIVE_INFINITY, batchShape.clone());
    }

    /** Infinite, as PyTorch's (the Cauchy's variance). */
    @Override
    public Tensor variance() {
        return Tensor.full(Float.POSITIVE_INFINITY, batchShape.clone());
    }

    /** The scales. */
    public Tensor scale() {
        return scale;
    }
}
