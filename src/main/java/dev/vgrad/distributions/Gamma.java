package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The gamma distribution of concentration alpha and rate beta, as {@code torch.distributions.Gamma}. {@code rsample}
 * is PyTorch's: {@link Tensor#standardGamma} divided by the rate, differentiable through the implicit
 * reparameterization, floored at float's smallest normal; so a seed draws torch's values.
 */
public final class Gamma extends Distribution {
    private final Tensor concentration;
    private final Tensor rate;

    /**
     * Gamma distributions of the given concentrations and rates, broadcast together.
     *
     * @throws IllegalArgumentException if a concentration or rate is not positive, naming it and its position
     */
    public Gamma(Tensor concentration, Tensor rate) {
        this(broadcastAll("Gamma", concentration, rate));
    }

    private Gamma(Tensor[] params) {
        super(params[0].shape());
        float[] c = params[0].toArray(), r = params[1].toArray();
        require("Gamma", "parameter concentration", params[0].shape(), c, "GreaterThan(lower_bound=0.0)",
                i -> c[i] > 0f);
        require("Gamma", "parameter rate", params[1].shape(), r, "GreaterThan(lower_bound=0.0)", i -> r[i] > 0f);
        this.concentration = params[0];
        this.rate = params[1];
    }

    /** Draws {@code sampleShape + batchShape} values, each at least float's smallest normal (as PyTorch clamps). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] shape = extendedShape(sampleShape);
        Tensor value = concentration.expand(shape).standardGamma(g).div(rate.expand(shape));
        value.detach().clampMin_(Float.MIN_NORMAL);   // in the data only, as PyTorch's clamp_ on value.detach()
        return value;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Gamma expand(int... batchShape) {
        return new Gamma(concentration.expand(batchShape), rate.expand(batchShape));
    }

    /** {@code alpha log(beta) + (alpha - 1) log(x) - beta x - lgamma(alpha)}, with xlogy's 0 log 0 = 0. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Gamma", "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return concentration.xlogy(rate).add(concentration.sub(1f).xlogy(value)).sub(rate.mul(value))
                .sub(concentration.lgamma());
    }

    /** {@code alpha - log(beta) + lgamma(alpha) + (1 - alpha) digamma(alpha)}. */
    @Override
    public Tensor entropy() {
        return concentration.sub(rate.log()).add(concentration.lgamma())
                .add(concentration.neg().add(1f).mul(concentration.digamma()));
    }

    @Override
    public Tensor mean() {
        return concentration.div(rate);
    }

    @Override
    public Tensor variance() {
        return concentration.div(rate.pow(2f));
    }

    /** The concentrations (alpha). */
    public Tensor concentration() {
        return concentration;
    }

    /** The rates (beta). */
    public Tensor rate() {
        return rate;
    }
}
