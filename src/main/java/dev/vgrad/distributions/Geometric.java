package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.Functional;

/**
 * The geometric distribution of the number of failures before the first success, success probability p in (0, 1],
 * as {@code torch.distributions.Geometric} (by probabilities).
 */
public final class Geometric extends Distribution {
    private final Tensor probs;

    /**
     * Geometric distributions of the given success probabilities.
     *
     * @throws IllegalArgumentException if a probability is outside (0, 1], naming it and its position
     */
    public Geometric(Tensor probs) {
        super(probs.shape());
        float[] p = probs.toArray();
        require("Geometric", "parameter probs", probs.shape(), p, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> p[i] > 0f && p[i] <= 1f);
        this.probs = probs;
    }

    /** {@code floor(log(u) / log1p(-p))}, u uniform from g clamped to float's smallest normal (PyTorch's draws). */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            Tensor u = Tensor.uniform(g, 0f, 1f, extendedShape(sampleShape)).clampMin(Float.MIN_NORMAL);
            return u.log().div(probs.neg().log1p()).floor();
        }
    }

    /** {@code x log1p(-p) + log(p)}, with 0 log1p(-1) taken as 0 (PyTorch's masked probability). */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Geometric", "value", value.shape(), v, "IntegerGreaterThan(lower_bound=0)",
                i -> v[i] >= 0f && v[i] == Math.rint(v[i]));
        Tensor[] vp = broadcastAll("Geometric", value, probs);
        Tensor masked = Tensor.where(vp[1].eq(1f).mul(vp[0].eq(0f)), Tensor.scalar(0f), vp[1]);
        return vp[0].mul(masked.neg().log1p()).add(probs.log());
    }

    /** {@code BCE-with-logits(logit(p), p) / p}, PyTorch's expression (the logits of p clamped to [eps, 1 - eps]). */
    @Override
    public Tensor entropy() {
        return Functional.binaryCrossEntropyWithLogits(logitsOfProbs(probs), probs, null, null, "none").div(probs);
    }

    /** {@code 1 / p - 1}. */
    @Override
    public Tensor mean() {
        return probs.reciprocal().sub(1f);
    }

    /** {@code (1 / p - 1) / p}. */
    @Override
    public Tensor variance() {
        return probs.reciprocal().sub(1f).div(probs);
    }

    /** The success probabilities. */
    public Tensor probs() {
        return probs;
    }
}
