package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * The number of successes before total_count failures, each trial a success with probability p, as
 * {@code torch.distributions.NegativeBinomial}: PyTorch's log-density through the logits (probabilities clamped to
 * [eps, 1 - eps]); draws are Poisson counts of Gamma rates, as PyTorch draws them (vgrad's generator's sequence).
 * PyTorch defines no entropy for it.
 */
public final class NegativeBinomial extends Distribution {
    private final Tensor totalCount;
    private final Tensor logits;

    /**
     * Negative binomials of total_count (non-negative) and success probabilities probs (in [0, 1)), broadcast together.
     *
     * @throws IllegalArgumentException if a count or probability is out of range, naming it and its position
     */
    public NegativeBinomial(Tensor totalCount, Tensor probs) {
        this(broadcastAll("NegativeBinomial", totalCount, probs), false);
    }

    /** Negative binomials with success log-odds logits. */
    public static NegativeBinomial ofLogits(Tensor totalCount, Tensor logits) {
        return new NegativeBinomial(broadcastAll("NegativeBinomial", totalCount, logits), true);
    }

    private NegativeBinomial(Tensor[] params, boolean byLogits) {
        super(params[0].shape());
        float[] n = params[0].toArray(), p = params[1].toArray();
        require("NegativeBinomial", "parameter total_count", params[0].shape(), n, "GreaterThanEq(lower_bound=0.0)",
                i -> n[i] >= 0f);
        if (byLogits) {
            require("NegativeBinomial", "parameter logits", params[1].shape(), p, "Real()", i -> p[i] == p[i]);
        } else {
            require("NegativeBinomial", "parameter probs", params[1].shape(), p,
                    "HalfOpenInterval(lower_bound=0.0, upper_bound=1.0)", i -> p[i] >= 0f && p[i] < 1f);
        }
        this.totalCount = params[0];
        this.logits = byLogits ? params[1] : logitsOfProbs(params[1]);
    }

    /** A Gamma(total_count, e^-logit) rate for each draw, then a Poisson count of it; no gradient. */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            int[] shape = extendedShape(sampleShape);
            Tensor rate = new Gamma(totalCount.expand(shape).contiguous(),
                    logits.neg().exp().expand(shape).contiguous()).sample(g);
            return new Poisson(rate).sample(g);
        }
    }

    /**
     * {@code n logsigmoid(-logit) + k logsigmoid(logit) + lgamma(n + k) - lgamma(1 + k) - lgamma(n)}, 0 for n = k = 0
     * (PyTorch's form), for k a non-negative integer.
     */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("NegativeBinomial", "value", value.shape(), v, "IntegerGreaterThan(lower_bound=0)",
                i -> v[i] >= 0f && v[i] == Math.rint(v[i]));
        Tensor unnormalized = totalCount.mul(dev.vgrad.nn.Functional.logsigmoid(logits.neg()))
                .add(value.mul(dev.vgrad.nn.Functional.logsigmoid(logits)));
        Tensor normalization = totalCount.add(value).lgamma().neg().add(value.add(1f).lgamma())
                .add(totalCount.lgamma());
        normalization = normalization.maskedFill(totalCount.add(value).eq(0f), 0f);
        return unnormalized.sub(normalization);
    }

    /** Refused: PyTorch's NegativeBinomial has no entropy. */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("NegativeBinomial has no entropy (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** {@code n e^logit}. */
    @Override
    public Tensor mean() {
        return totalCount.mul(logits.exp());
    }

    /** The mean divided by {@code sigmoid(-logit)}. */
    @Override
    public Tensor variance() {
        return mean().div(logits.neg().sigmoid());
    }

    /** The success probabilities (the sigmoid of the logits). */
    public Tensor probs() {
        return logits.sigmoid();
    }

    /** The success log-odds. */
    public Tensor logits() {
        return logits;
    }
}
