package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.distributions.constraints.Constraint;
import java.util.Arrays;

/**
 * A mixture of K components of one family, as {@code torch.distributions.MixtureSameFamily}: a {@link Categorical}
 * over the K components (batch shape B) and a component distribution of batch shape B + [K] (any event shape: an
 * {@link Independent} for vectors). The log-density is the logsumexp of the components' plus the mixture's
 * log-weights; mean and variance by the laws of total expectation and variance; draws take the mixture's draw first,
 * then the components', as PyTorch's, so families whose draws are PyTorch's give PyTorch's samples for a seed. PyTorch
 * defines no entropy for it.
 */
public final class MixtureSameFamily extends Distribution {
    private final Categorical mixture;
    private final Distribution components;
    private final int eventDims;

    /**
     * The mixture of the components' last batch dimension with weights mixture.
     *
     * @throws IllegalArgumentException if the mixture's batch shape and categories do not match the components'
     */
    public MixtureSameFamily(Categorical mixture, Distribution components) {
        super(mixture.batchShape());
        int[] cb = components.batchShape(), mb = mixture.batchShape();
        if (cb.length == 0 || !Arrays.equals(Arrays.copyOf(cb, cb.length - 1), mb)) {
            throw new IllegalArgumentException("`mixture_distribution.batch_shape` " + Arrays.toString(mb)
                    + " is not compatible with `component_distribution.batch_shape` " + Arrays.toString(cb));
        }
        if (cb[cb.length - 1] != mixture.categories()) {
            throw new IllegalArgumentException("`mixture_distribution component` (" + mixture.categories()
                    + ") does not equal `component_distribution.batch_shape[-1]` (" + cb[cb.length - 1] + ")");
        }
        this.mixture = mixture;
        this.components = components;
        this.eventDims = components.eventShape().length;
    }

    @Override
    public int[] eventShape() {
        return components.eventShape();
    }

    /** The mixture's weights with a dimension of 1 for each event dimension after the components'. */
    private Tensor paddedWeights(Tensor weights) {
        Tensor w = weights;
        for (int e = 0; e < eventDims; e++) {
            w = w.unsqueeze(-1);
        }
        return w;
    }

    /** The value with a components' dimension of 1 before its event dimensions, to broadcast against the K. */
    private Tensor padded(Tensor x) {
        return x.unsqueeze(-1 - eventDims);
    }

    /** {@code logsumexp(log p_k(x) + log w_k)} over the components. */
    @Override
    public Tensor logProb(Tensor value) {
        Tensor perComponent = components.logProb(padded(value));
        return perComponent.add(mixture.logits().logSoftmax(-1)).logsumexp(-1, false);
    }

    /** The mixture's draw, then every component's, and each draw's component picked; no gradient. */
    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            Tensor which = mixture.sample(g, sampleShape);   // [S, B]
            Tensor all = components.sample(g, sampleShape);  // [S, B, K, E]
            int gatherDim = sampleShape.length + batchShape.length;
            Tensor index = which;
            int[] event = eventShape();
            for (int e = 0; e <= event.length; e++) {
                index = index.unsqueeze(-1);
            }
            int[] target = all.shape();
            target[gatherDim] = 1;
            return all.gather(gatherDim, index.expand(target)).squeeze(gatherDim);
        }
    }

    /** Refused: PyTorch's MixtureSameFamily has no entropy. */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("MixtureSameFamily has no entropy (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** {@code sum_k w_k mean_k}. */
    @Override
    public Tensor mean() {
        return paddedWeights(mixture.probs()).mul(components.mean()).sum(-1 - eventDims, false);
    }

    /** {@code sum_k w_k var_k + sum_k w_k (mean_k - mean)^2}. */
    @Override
    public Tensor variance() {
        Tensor w = paddedWeights(mixture.probs());
        Tensor meanOfVariances = w.mul(components.variance()).sum(-1 - eventDims, false);
        Tensor varianceOfMeans = w.mul(components.mean().sub(padded(mean())).pow(2f)).sum(-1 - eventDims, false);
        return meanOfVariances.add(varianceOfMeans);
    }

    /** The mixture over the components. */
    public Categorical mixture() {
        return mixture;
    }

    /** The components. */
    public Distribution components() {
        return components;
    }

    /** The components' support. */
    @Override
    public Constraint support() {
        return components.support();
    }
}
