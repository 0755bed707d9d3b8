package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The log-normal distribution: exp of a normal N(loc, scale^2), as {@code torch.distributions.LogNormal} (PyTorch's
 * transformed normal, with its log-density and entropy).
 */
public final class LogNormal extends Distribution {
    private final Normal base;

    /**
     * The exponentials of normals with means loc and standard deviations scale, broadcast together.
     *
     * @throws IllegalArgumentException if a scale is not positive or a mean is NaN, naming it and its position
     */
    public LogNormal(Tensor loc, Tensor scale) {
        this(new Normal(loc, scale));
    }

    private LogNormal(Normal base) {
        super(base.batchShape());
        this.base = base;
    }

    /** {@code exp(loc + scale eps)}: the normal's draw, exponentiated (PyTorch's draws for a seed). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return base.rsample(g, sampleShape).exp();
    }

    /** PyTorch's form of this family: the base normal through exp. */
    @Override
    TransformedDistribution asTransformed() {
        return new TransformedDistribution(base, new ExpTransform());
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public LogNormal expand(int... batchShape) {
        return new LogNormal(base.loc().expand(batchShape), base.scale().expand(batchShape));
    }

    /** The normal's log-density at log(x), less log(x) (the exponential's Jacobian). */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("LogNormal", "value", value.shape(), v, "GreaterThan(lower_bound=0.0)", i -> v[i] > 0f);
        Tensor x = value.log();
        return base.logProb(x).sub(x);
    }

    /** The normal's entropy plus loc. */
    @Override
    public Tensor entropy() {
        return base.entropy().add(base.loc());
    }

    /** {@code exp(loc + scale^2 / 2)}. */
    @Override
    public Tensor mean() {
        return base.loc().add(base.scale().pow(2f).div(2f)).exp();
    }

    /** {@code expm1(scale^2) exp(2 loc + scale^2)}. */
    @Override
    public Tensor variance() {
        Tensor sq = base.scale().pow(2f);
        return sq.expm1().mul(base.loc().mul(2f).add(sq).exp());
    }

    /** The normal's means. */
    public Tensor loc() {
        return base.loc();
    }

    /** The normal's standard deviations. */
    public Tensor scale() {
        return base.scale();
    }
}
