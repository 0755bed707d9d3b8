package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The continuous Bernoulli distribution on [0, 1] (Loaiza-Ganem and Cunningham, 2019), as
 * {@code torch.distributions.ContinuousBernoulli}: density proportional to {@code p^x (1 - p)^(1 - x)}. Its
 * normalizing constant, mean and variance are PyTorch's closed forms outside (0.499, 0.501] and PyTorch's Taylor
 * expansions about p = 1/2 inside; draws invert the CDF at PyTorch's uniform draws (the same for a seed).
 */
public final class ContinuousBernoulli extends Distribution {
    private static final float LOW = 0.499f, HIGH = 0.501f;
    private final Tensor probs;
    private final Tensor logits;

    private ContinuousBernoulli(Tensor probs, Tensor logits) {
        super(probs.shape());
        this.probs = probs;
        this.logits = logits;
    }

    /**
     * Continuous Bernoullis with parameters probs in [0, 1], clamped to [eps, 1 - eps] as PyTorch clamps them.
     *
     * @throws IllegalArgumentException if a parameter is outside [0, 1], naming it and its position
     */
    public static ContinuousBernoulli ofProbs(Tensor probs) {
        float[] p = probs.toArray();
        require("ContinuousBernoulli", "parameter probs", probs.shape(), p,
                "Interval(lower_bound=0.0, upper_bound=1.0)", i -> p[i] >= 0f && p[i] <= 1f);
        Tensor clamped = probs.clamp(EPS, 1f - EPS);
        return new ContinuousBernoulli(clamped, logitsOfProbs(clamped));
    }

    /** Continuous Bernoullis with parameters sigmoid(logits) (clamped to [eps, 1 - eps]). */
    public static ContinuousBernoulli ofLogits(Tensor logits) {
        float[] l = logits.toArray();
        require("ContinuousBernoulli", "parameter logits", logits.shape(), l, "Real()", i -> l[i] == l[i]);
        return new ContinuousBernoulli(logits.sigmoid().clamp(EPS, 1f - EPS), logits);
    }

    /** 1 where p is outside PyTorch's unstable region (0.499, 0.501], else 0. */
    private Tensor outside() {
        return probs.le(LOW).maximum(probs.gt(HIGH));
    }

    /** p outside the unstable region, 0.499 inside it. */
    private Tensor cutProbs() {
        return Tensor.where(outside(), probs, Tensor.full(LOW, probs.shape()));
    }

    /** The log of the normalizing constant: the closed form, or its Taylor expansion about 1/2. */
    Tensor logNormalizer() {
        Tensor cut = cutProbs();
        Tensor below = Tensor.where(cut.le(0.5f), cut, cut.zerosLike());
        Tensor above = Tensor.where(cut.ge(0.5f), cut, cut.onesLike());
        Tensor logNorm = cut.neg().log1p().sub(cut.log()).abs().log().sub(Tensor.where(cut.le(0.5f),
                below.mul(-2f).log1p(), above.mul(2f).sub(1f).log()));
        Tensor x = probs.sub(0.5f).pow(2f);
        Tensor taylor = x.mul(104f / 45f).add(4f / 3f).mul(x).add((float) Math.log(2.0));
        return Tensor.where(outside(), logNorm, taylor);
    }

    /** The inverse CDF at u, p's uniform draws: PyTorch's {@code rsample}. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor u = Tensor.rand(g, extendedShape(sampleShape));
        Tensor cut = cutProbs();
        Tensor inverted = cut.neg().add(u.mul(cut.mul(2f).sub(1f))).log1p().sub(cut.neg().log1p())
                .div(cut.log().sub(cut.neg().log1p()));
        return Tensor.where(outside(), inverted, u);
    }

    /** {@code -bce_with_logits(logit, x) + log C(p)}, for x in [0, 1]. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("ContinuousBernoulli", "value", value.shape(), v, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> v[i] >= 0f && v[i] <= 1f);
        Tensor[] both = broadcastAll("ContinuousBernoulli", logits, value);
        return dev.vgrad.nn.Functional.binaryCrossEntropyWithLogits(both[0], both[1], null, null, "none").neg()
                .add(logNormalizer());
    }

    /** {@code mean (log(1 - p) - log p) - log C(p) - log(1 - p)}. */
    @Override
    public Tensor entropy() {
        Tensor logProbs0 = probs.neg().log1p(), logProbs1 = probs.log();
        return mean().mul(logProbs0.sub(logProbs1)).sub(logNormalizer()).sub(logProbs0);
    }

    @Override
    public Tensor mean() {
        Tensor cut = cutProbs();
        Tensor mus = cut.div(cut.mul(2f).sub(1f)).add(cut.neg().log1p().sub(cut.log()).reciprocal());
        Tensor x = probs.sub(0.5f);
        Tensor taylor = x.pow(2f).mul(16f / 45f).add(1f / 3f).mul(x).add(0.5f);
        return Tensor.where(outside(), mus, taylor);
    }

    @Override
    public Tensor variance() {
        Tensor cut = cutProbs();
        Tensor vars = cut.mul(cut.sub(1f)).div(cut.mul(2f).rsub(1f).pow(2f))
                .add(cut.neg().log1p().sub(cut.log()).pow(2f).reciprocal());
        Tensor x = probs.sub(0.5f).pow(2f);
        Tensor taylor = x.mul(128f / 945f).rsub(1f / 15f).mul(x).rsub(1f / 12f);
        return Tensor.where(outside(), vars, taylor);
    }

    /** The parameters p (clamped). */
    public Tensor probs() {
        return probs;
    }

    /** The parameters' log-odds. */
    public Tensor logits() {
        return logits;
    }
}
