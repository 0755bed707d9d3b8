package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.Functional;

/**
 * The relaxed (concrete) Bernoulli distribution on [0, 1] at a temperature, as
 * {@code torch.distributions.RelaxedBernoulli}: sigmoid of a logistic draw around the logits, divided by the
 * temperature, so gradients flow through {@code rsample} (PyTorch's draws for a seed). PyTorch defines no mean,
 * variance or entropy for it; neither does this.
 */
public final class RelaxedBernoulli extends Distribution {
    private static final float TINY = Float.MIN_NORMAL;
    private final Tensor temperature;
    private final Tensor probs;
    private final Tensor logits;

    /**
     * Relaxed Bernoullis of the given success probabilities at the given (positive) temperature.
     *
     * @throws IllegalArgumentException if a probability is outside [0, 1] or the temperature is not positive
     */
    public RelaxedBernoulli(Tensor temperature, Tensor probs) {
        super(probs.shape());
        float[] t = temperature.toArray(), p = probs.toArray();
        require("RelaxedBernoulli", "parameter temperature", temperature.shape(), t, "GreaterThan(lower_bound=0.0)",
                i -> t[i] > 0f);
        require("RelaxedBernoulli", "parameter probs", probs.shape(), p, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> p[i] >= 0f && p[i] <= 1f);
        this.temperature = temperature;
        this.probs = probs;
        this.logits = logitsOfProbs(probs);
    }

    /** {@code sigmoid((logit(u) + logit(p)) / temperature)}, u uniform from g clamped to [eps, 1 - eps]. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] shape = extendedShape(sampleShape);
        return logitsOfProbs(Tensor.rand(g, shape)).add(logitsOfProbs(probs.expand(shape))).div(temperature).sigmoid();
    }

    /**
     * The logistic density of x = logit(y) (y clamped to [tiny, 1 - eps]), {@code log t + d - 2 log1p(e^d)} with d =
     * logits - t x, plus the sigmoid's log-Jacobian {@code softplus(-x) + softplus(x)}.
     */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("RelaxedBernoulli", "value", value.shape(), v, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> v[i] >= 0f && v[i] <= 1f);
        Tensor x = logOdds(value.clamp(TINY, 1f - EPS));
        Tensor diff = logits.sub(x.mul(temperature));
        Tensor base = temperature.log().add(diff).sub(diff.exp().log1p().mul(2f));
        return base.add(Functional.softplus(x.neg())).add(Functional.softplus(x));
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("RelaxedBernoulli has no entropy (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("RelaxedBernoulli has no mean (PyTorch's raises NotImplementedError)");
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("RelaxedBernoulli has no variance (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** The temperature. */
    public Tensor temperature() {
        return temperature;
    }

    /** The success probabilities. */
    public Tensor probs() {
        return probs;
    }
}
