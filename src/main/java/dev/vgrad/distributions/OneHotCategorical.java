package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * A categorical distribution whose values are one-hot vectors over the K categories, as
 * {@code torch.distributions.OneHotCategorical}: event shape [K]; draws are {@link Categorical}'s (PyTorch's for a
 * seed), one-hot encoded.
 */
public final class OneHotCategorical extends Distribution {
    private final Categorical categorical;

    private OneHotCategorical(Categorical categorical) {
        super(categorical.batchShape());
        this.categorical = categorical;
    }

    /** One-hot categoricals with probabilities proportional to probs along the last dimension. */
    public static OneHotCategorical ofProbs(Tensor probs) {
        return new OneHotCategorical(Categorical.ofProbs(probs));
    }

    /** One-hot categoricals with unnormalized log-probabilities logits along the last dimension. */
    public static OneHotCategorical ofLogits(Tensor logits) {
        return new OneHotCategorical(Categorical.ofLogits(logits));
    }

    @Override
    public int[] eventShape() {
        return new int[] {categorical.categories()};
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        Tensor indices = categorical.sample(g, sampleShape);
        return dev.vgrad.nn.Functional.oneHot(indices, categorical.categories());
    }

    /**
     * The categorical log-probability of each one-hot value's category (the position of its largest entry; values
     * must be one-hot, PyTorch's constraint).
     */
    @Override
    public Tensor logProb(Tensor value) {
        int k = categorical.categories();
        float[] v = value.contiguous().toArray();
        double[] sums = rowSums(v, k);
        require("OneHotCategorical", "value", value.shape(), v, "OneHot()",
                i -> (v[i] == 0f || v[i] == 1f) && sums[i / k] == 1);
        return categorical.logProb(value.argmax(-1, false));
    }

    /** PyTorch's {@code enumerate_support}: the identity's rows along a new first dimension. */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        return enumerated(Tensor.eye(categorical.categories()), batchShape, expand);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor entropy() {
        return categorical.entropy();
    }

    /** The probabilities. */
    @Override
    public Tensor mean() {
        return categorical.probs();
    }

    /** {@code p (1 - p)}. */
    @Override
    public Tensor variance() {
        return categorical.probs().mul(categorical.probs().neg().add(1f));
    }

    /** The normalized probabilities. */
    public Tensor probs() {
        return categorical.probs();
    }

    Categorical categorical() {
        return categorical;
    }
}
