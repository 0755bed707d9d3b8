package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The exponential distribution of rate lambda, as {@code torch.distributions.Exponential}; rates must be positive. */
public final class Exponential extends Distribution {
    private final Tensor rate;

    /**
     * Exponentials of the given rates.
     *
     * @throws IllegalArgumentException if a rate is not positive, naming it and its position
     */
    public Exponential(Tensor rate) {
        super(rate.shape());
        float[] r = rate.toArray();
        require("Exponential", "parameter rate", rate.shape(), r, "GreaterThan(lower_bound=0.0)", i -> r[i] > 0f);
        this.rate = rate;
    }

    /** {@code E / rate}, E standard exponential from g as PyTorch's {@code exponential_()} draws it. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return Tensor.exponential(g, extendedShape(sampleShape)).div(rate);
    }

    /** {@code 1 - exp(-rate x)}. */
    @Override
    public Tensor cdf(Tensor value) {
        float[] v = value.toArray();
        require("Exponential", "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return rate.neg().mul(value).exp().neg().add(1f);
    }

    /** {@code -log(1 - p) / rate}. */
    @Override
    public Tensor icdf(Tensor value) {
        return value.neg().add(1f).log().neg().div(rate);
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Exponential expand(int... batchShape) {
        return new Exponential(rate.expand(batchShape));
    }

    /** {@code log(rate) - rate x}. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Exponential", "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return rate.log().sub(rate.mul(value));
    }

    /** {@code 1 - log(rate)}. */
    @Override
    public Tensor entropy() {
        return rate.log().neg().add(1f);
    }

    @Override
    public Tensor mean() {
        return rate.reciprocal();
    }

    @Override
    public Tensor variance() {
        return rate.pow(-2f);
    }

    @Override
    public Tensor stddev() {
        return rate.reciprocal();
    }

    /** The rates. */
    public Tensor rate() {
        return rate;
    }
}
