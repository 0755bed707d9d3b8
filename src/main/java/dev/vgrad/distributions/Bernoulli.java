package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.Functional;

/**
 * The Bernoulli distribution over {0, 1}, as {@code torch.distributions.Bernoulli}, given by the probabilities of 1
 * ({@link #ofProbs}) or by their log-odds ({@link #ofLogits}); the other form is derived as PyTorch derives it.
 */
public final class Bernoulli extends Distribution {
    private final Tensor probs;
    private final Tensor logits;

    private Bernoulli(Tensor probs, Tensor logits) {
        super(probs.shape());
        this.probs = probs;
        this.logits = logits;
    }

    /**
     * Bernoullis with probabilities {@code probs} of 1; the logits are {@code log(p) - log1p(-p)} of p clamped to
     * [eps, 1 - eps].
     *
     * @throws IllegalArgumentException if a probability is outside [0, 1], naming it and its position
     */
    public static Bernoulli ofProbs(Tensor probs) {
        float[] p = probs.toArray();
        require("Bernoulli", "parameter probs", probs.shape(), p, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> p[i] >= 0f && p[i] <= 1f);
        return new Bernoulli(probs, logitsOfProbs(probs));
    }

    /**
     * Bernoullis with log-odds {@code logits}; the probabilities are their sigmoid.
     *
     * @throws IllegalArgumentException if a logit is NaN, naming its position
     */
    public static Bernoulli ofLogits(Tensor logits) {
        float[] l = logits.toArray();
        require("Bernoulli", "parameter logits", logits.shape(), l, "Real()", i -> l[i] == l[i]);
        return new Bernoulli(logits.sigmoid(), logits);
    }

    /** 1 with probability p for each draw (torch.bernoulli of the expanded probabilities), no gradient. */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            return probs.expand(extendedShape(sampleShape)).bernoulli(g);
        }
    }

    /**
     * {@code -binary_cross_entropy_with_logits(logits, value)}.
     *
     * @throws IllegalArgumentException for a value other than 0 or 1
     */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Bernoulli", "value", value.shape(), v, "Boolean()", i -> v[i] == 0f || v[i] == 1f);
        Tensor[] b = broadcastAll("Bernoulli.logProb", logits, value);
        return Functional.binaryCrossEntropyWithLogits(b[0], b[1], null, null, "none").neg();
    }

    /** PyTorch's {@code enumerate_support}: the support's values along a new first dimension. */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        return enumerated(Tensor.arange(0f, 2f, 1f), batchShape, expand);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /** {@code binary_cross_entropy_with_logits(logits, probs)}. */
    @Override
    public Tensor entropy() {
        return Functional.binaryCrossEntropyWithLogits(logits, probs, null, null, "none");
    }

    @Override
    public Tensor mean() {
        return probs;
    }

    @Override
    public Tensor variance() {
        return probs.mul(probs.neg().add(1f));
    }

    /** The probabilities of 1. */
    public Tensor probs() {
        return probs;
    }

    /** The log-odds. */
    public Tensor logits() {
        return logits;
    }
}
