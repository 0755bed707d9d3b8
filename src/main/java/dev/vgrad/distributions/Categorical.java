package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.Arrays;

/**
 * A distribution over the categories 0..K-1 of the last dimension, as {@code torch.distributions.Categorical}, given by
 * probabilities ({@link #ofProbs}, normalized to sum to 1) or by unnormalized log-probabilities ({@link #ofLogits},
 * normalized by their logsumexp). The batch shape is the parameters' shape less the last dimension; values are
 * category indices (floats holding integers, as vgrad's index tensors).
 */
public final class Categorical extends Distribution {
    private final Tensor probs;
    private final Tensor logits;
    private final int categories;

    private Categorical(Tensor probs, Tensor logits) {
        super(Arrays.copyOf(probs.shape(), probs.dim() - 1));
        this.probs = probs;
        this.logits = logits;
        this.categories = probs.size(-1);
    }

    private static void requireCategories(Tensor t, String what) {
        if (t.dim() == 0 || t.size(-1) == 0) {
            throw new IllegalArgumentException("Categorical: " + what + " must have at least one dimension with at "
                    + "least one category, got shape " + Arrays.toString(t.shape()));
        }
    }

    /**
     * Categories with probabilities proportional to {@code probs} along the last dimension; the logits are the log of
     * the normalized probabilities clamped to [eps, 1 - eps], as PyTorch's.
     *
     * @throws IllegalArgumentException if a probability is negative or not finite, or a row sums to 0
     */
    public static Categorical ofProbs(Tensor probs) {
        requireCategories(probs, "probs");
        float[] p = probs.toArray();
        require("Categorical", "parameter probs", probs.shape(), p, "Simplex() (non-negative and finite)",
                i -> p[i] >= 0f && p[i] < Float.POSITIVE_INFINITY);
        Tensor sums = probs.sum(-1, true);
        float[] s = sums.toArray();
        require("Categorical", "parameter probs", sums.shape(), s, "Simplex() (each row's sum positive)",
                i -> s[i] > 0f);
        Tensor normalized = probs.div(sums);
        Tensor clamped = normalized.clamp(EPS, 1f - EPS);
        return new Categorical(normalized, clamped.log());
    }

    /**
     * Categories with log-probabilities {@code logits - logsumexp(logits)} along the last dimension; the
     * probabilities are their softmax.
     *
     * @throws IllegalArgumentException if a logit is NaN, naming its position
     */
    public static Categorical ofLogits(Tensor logits) {
        requireCategories(logits, "logits");
        float[] l = logits.toArray();
        require("Categorical", "parameter logits", logits.shape(), l, "IndependentConstraint(Real(), 1)",
                i -> l[i] == l[i]);
        Tensor normalized = logits.sub(logits.logsumexp(-1, true));
        return new Categorical(normalized.softmax(-1), normalized);
    }

    /**
     * {@code sampleShape + batchShape} category indices, drawn with {@link Tensor#multinomial} from g as PyTorch's
     * (the same draws for a seed), no gradient.
     */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            int draws = 1;
            for (int s : sampleShape) {
                draws *= s;
            }
            Tensor rows = probs.reshape(-1, categories);
            // [rows, draws] -> [draws, rows], then the sample shape before the batch shape
            return rows.multinomial(draws, true, g).t().reshape(extendedShape(sampleShape));
        }
    }

    /**
     * The normalized log-probability of each category index in {@code value}, broadcast against the batch.
     *
     * @throws IllegalArgumentException for a value that is not an integer in [0, K)
     */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Categorical", "value", value.shape(), v,
                "IntegerInterval(lower_bound=0, upper_bound=" + (categories - 1) + ")",
                i -> v[i] >= 0f && v[i] < categories && v[i] == Math.rint(v[i]));
        int[] shape = Tensor.broadcastShapes("Categorical.logProb", value.shape(), batchShape);
        int[] full = Arrays.copyOf(shape, shape.length + 1);
        full[shape.length] = categories;
        int[] indexShape = full.clone();
        indexShape[shape.length] = 1;
        Tensor index = value.unsqueeze(-1).expand(indexShape);
        return logits.expand(full).gather(-1, index).squeeze(-1);
    }

    /** PyTorch's {@code enumerate_support}: the support's values along a new first dimension. */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        return enumerated(Tensor.arange(0f, categories(), 1f), batchShape, expand);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /** {@code -sum(probs * logits)} over the categories, the logits clamped at float's lowest (so 0 * -inf is 0). */
    @Override
    public Tensor entropy() {
        return logits.clampMin(-Float.MAX_VALUE).mul(probs).sum(-1, false).neg();
    }

    /** Undefined for categories, as in PyTorch: NaN for each distribution. */
    @Override
    public Tensor mean() {
        return Tensor.full(Float.NaN, batchShape);
    }

    /** Undefined for categories, as in PyTorch: NaN for each distribution. */
    @Override
    public Tensor variance() {
        return Tensor.full(Float.NaN, batchShape);
    }

    /** The normalized probabilities. */
    public Tensor probs() {
        return probs;
    }

    /** The normalized log-probabilities. */
    public Tensor logits() {
        return logits;
    }

    /** How many categories there are (K). */
    public int categories() {
        return categories;
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(0, categories - 1);
    }
}
