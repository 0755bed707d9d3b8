package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The beta distribution on [0, 1] with concentrations alpha ({@code concentration1}) and beta ({@code concentration0}),
 * as {@code torch.distributions.Beta}: PyTorch's two-category Dirichlet formulas. {@code rsample} is PyTorch's: the
 * first coordinate of a two-category Dirichlet draw of (alpha, beta), differentiable in both, torch's values for a
 * seed.
 */
public final class Beta extends Distribution {
    private final Tensor concentration1;
    private final Tensor concentration0;

    /**
     * Beta distributions with the given concentrations, broadcast together.
     *
     * @throws IllegalArgumentException if a concentration is not positive, naming it and its position
     */
    public Beta(Tensor concentration1, Tensor concentration0) {
        this(broadcastAll("Beta", concentration1, concentration0));
    }

    private Beta(Tensor[] params) {
        super(params[0].shape());
        float[] a = params[0].toArray(), b = params[1].toArray();
        require("Beta", "parameter concentration1", params[0].shape(), a, "GreaterThan(lower_bound=0.0)",
                i -> a[i] > 0f);
        require("Beta", "parameter concentration0", params[1].shape(), b, "GreaterThan(lower_bound=0.0)",
                i -> b[i] > 0f);
        this.concentration1 = params[0];
        this.concentration0 = params[1];
    }

    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor both = Tensor.stack(java.util.List.of(concentration1, concentration0), -1);
        return new Dirichlet(both).rsample(g, sampleShape).select(-1, 0);
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Beta expand(int... batchShape) {
        return new Beta(concentration1.expand(batchShape), concentration0.expand(batchShape));
    }

    /**
     * {@code (alpha - 1) log(x) + (beta - 1) log(1 - x) + lgamma(alpha + beta) - lgamma(alpha) - lgamma(beta)}, with
     * xlogy's 0 log 0 = 0 at the ends.
     */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Beta", "value", value.shape(), v, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> v[i] >= 0f && v[i] <= 1f);
        Tensor total = concentration1.add(concentration0);
        return concentration1.sub(1f).xlogy(value).add(concentration0.sub(1f).xlogy(value.neg().add(1f)))
                .add(total.lgamma()).sub(concentration1.lgamma()).sub(concentration0.lgamma());
    }

    /**
     * The Dirichlet entropy for two categories: {@code lgamma(a) + lgamma(b) - lgamma(a0) - (2 - a0) digamma(a0) -
     * (a - 1) digamma(a) - (b - 1) digamma(b)}, a0 = a + b.
     */
    @Override
    public Tensor entropy() {
        Tensor a = concentration1, b = concentration0, a0 = a.add(b);
        return a.lgamma().add(b.lgamma()).sub(a0.lgamma()).sub(a0.neg().add(2f).mul(a0.digamma()))
                .sub(a.sub(1f).mul(a.digamma())).sub(b.sub(1f).mul(b.digamma()));
    }

    /** {@code alpha / (alpha + beta)}. */
    @Override
    public Tensor mean() {
        return concentration1.div(concentration1.add(concentration0));
    }

    /** {@code alpha beta / ((alpha + beta)^2 (alpha + beta + 1))}. */
    @Override
    public Tensor variance() {
        Tensor total = concentration1.add(concentration0);
        return concentration1.mul(concentration0).div(total.pow(2f).mul(total.add(1f)));
    }

    /** The concentrations alpha (PyTorch's {@code concentration1}). */
    public Tensor concentration1() {
        return concentration1;
    }

    /** The concentrations beta (PyTorch's {@code concentration0}). */
    public Tensor concentration0() {
        return concentration0;
    }
}
