package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The Poisson distribution of rate lambda over the non-negative integers, as {@code torch.distributions.Poisson}.
 * {@code sample} draws through {@link Tensor#poisson}, so a seed gives torch's counts; there is no rsample, and, as in
 * PyTorch, no entropy.
 */
public final class Poisson extends Distribution {
    private final Tensor rate;

    /**
     * Poisson distributions of the given rates.
     *
     * @throws IllegalArgumentException if a rate is negative or NaN, naming it and its position
     */
    public Poisson(Tensor rate) {
        super(rate.shape());
        float[] r = rate.toArray();
        require("Poisson", "parameter rate", rate.shape(), r, "GreaterThanEq(lower_bound=0.0)", i -> r[i] >= 0f);
        this.rate = rate;
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        return rate.detach().expand(extendedShape(sampleShape)).poisson(g);
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Poisson expand(int... batchShape) {
        return new Poisson(rate.expand(batchShape));
    }

    /** {@code x log(rate) - rate - lgamma(x + 1)}, with xlogy's 0 log 0 = 0. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Poisson", "value", value.shape(), v, "IntegerGreaterThan(lower_bound=0)",
                i -> v[i] >= 0f && v[i] == Math.rint(v[i]));
        return value.xlogy(rate).sub(rate).sub(value.add(1f).lgamma());
    }

    /** @throws UnsupportedOperationException always: PyTorch's Poisson has no entropy (NotImplementedError) */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("Poisson has no entropy (PyTorch's raises NotImplementedError)");
    }

    @Override
    public Tensor mean() {
        return rate;
    }

    @Override
    public Tensor variance() {
        return rate;
    }

    /** The rates. */
    public Tensor rate() {
        return rate;
    }
}
