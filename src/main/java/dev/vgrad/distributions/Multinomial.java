package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * The counts of total_count draws among K categories, as {@code torch.distributions.Multinomial} (one total count
 * for the whole batch, as PyTorch requires): event shape [K]. Draws are total_count {@link Categorical} draws counted
 * per category (PyTorch's for a seed); logProb, entropy (through the per-category binomials) and moments are
 * PyTorch's.
 */
public final class Multinomial extends Distribution {
    private final int totalCount;
    private final Categorical categorical;

    private Multinomial(int totalCount, Categorical categorical) {
        super(categorical.batchShape());
        if (totalCount < 0) {
            throw new IllegalArgumentException("Multinomial: total_count must be a non-negative integer, got "
                    + totalCount);
        }
        this.totalCount = totalCount;
        this.categorical = categorical;
    }

    /** Counts of totalCount draws with probabilities proportional to probs along the last dimension. */
    public static Multinomial ofProbs(int totalCount, Tensor probs) {
        return new Multinomial(totalCount, Categorical.ofProbs(probs));
    }

    /** Counts of totalCount draws with unnormalized log-probabilities logits along the last dimension. */
    public static Multinomial ofLogits(int totalCount, Tensor logits) {
        return new Multinomial(totalCount, Categorical.ofLogits(logits));
    }

    @Override
    public int[] eventShape() {
        return new int[] {categorical.categories()};
    }

    /** total_count categorical draws (shape [total_count] + sampleShape) counted per category; no gradient. */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = totalCount;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            int k = categorical.categories();
            if (totalCount == 0) {
                int[] out = java.util.Arrays.copyOf(extendedShape(sampleShape), sampleShape.length
                        + batchShape.length + 1);
                out[out.length - 1] = k;
                return Tensor.zeros(out);
            }
            return dev.vgrad.nn.Functional.oneHot(categorical.sample(g, shape), k).sum(0, false);
        }
    }

    /** {@code lgamma(n + 1) - sum lgamma(x_i + 1) + sum x_i logit_i}, a zero count of an impossible category 0. */
    @Override
    public Tensor logProb(Tensor value) {
        int k = categorical.categories();
        float[] v = value.contiguous().toArray();
        double[] sums = rowSums(v, k);
        require("Multinomial", "value", value.shape(), v, "Multinomial(upper_bound=" + totalCount + ")",
                i -> v[i] >= 0f && v[i] == Math.rint(v[i]) && sums[i / k] <= totalCount);
        int[] shape = Tensor.broadcastTensors(categorical.logits(), value).get(0).shape();
        Tensor logits = categorical.logits().expand(shape);
        Tensor safe = logits.maskedFill(value.eq(0f).logicalAnd(logits.eq(Float.NEGATIVE_INFINITY)), 0f);
        return value.sum(-1, false).add(1f).lgamma().sub(value.add(1f).lgamma().sum(-1, false))
                .add(safe.mul(value).sum(-1, false));
    }

    /**
     * PyTorch's {@code n H(categorical) - lgamma(n + 1) + sum over counts c = 1..n and categories of
     * Binomial(n, p_i)(c) lgamma(c + 1)}.
     */
    @Override
    public Tensor entropy() {
        Tensor probs = categorical.probs();
        Tensor out = categorical.entropy().mul((float) totalCount).sub((float) dev.vgrad.kernels.SpecialFunctions
                .lgamma(totalCount + 1.0));
        Binomial binomial = new Binomial(Tensor.full(totalCount, probs.shape()), probs);
        for (int c = 1; c <= totalCount; c++) {
            Tensor term = binomial.logProb(Tensor.full(c, probs.shape())).exp()
                    .mul((float) dev.vgrad.kernels.SpecialFunctions.lgamma(c + 1.0));
            out = out.add(term.sum(-1, false));
        }
        return out;
    }

    /** {@code n p}. */
    @Override
    public Tensor mean() {
        return categorical.probs().mul((float) totalCount);
    }

    /** {@code n p (1 - p)}. */
    @Override
    public Tensor variance() {
        Tensor p = categorical.probs();
        return p.mul((float) totalCount).mul(p.rsub(1f));
    }

    /** The number of draws. */
    public int totalCount() {
        return totalCount;
    }

    /** The category probabilities. */
    public Tensor probs() {
        return categorical.probs();
    }

    @Override
    public Constraint support() {
        return Constraints.multinomial(totalCount);
    }
}
