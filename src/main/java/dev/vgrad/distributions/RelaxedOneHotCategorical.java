package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * The relaxed one-hot categorical (Gumbel-softmax, concrete) distribution on the simplex at a temperature, as
 * {@code torch.distributions.RelaxedOneHotCategorical}: the softmax of Gumbel-perturbed logits over the temperature,
 * so gradients flow through {@code rsample} (PyTorch's draws for a seed). Event shape [K]; PyTorch defines no mean,
 * variance or entropy for it; neither does this.
 */
public final class RelaxedOneHotCategorical extends Distribution {
    private final Tensor temperature;
    private final Categorical categorical;

    private RelaxedOneHotCategorical(Tensor temperature, Categorical categorical) {
        super(categorical.batchShape());
        float[] t = temperature.toArray();
        require("RelaxedOneHotCategorical", "parameter temperature", temperature.shape(), t,
                "GreaterThan(lower_bound=0.0)", i -> t[i] > 0f);
        this.temperature = temperature;
        this.categorical = categorical;
    }

    /** Relaxed one-hot categoricals with probabilities proportional to probs along the last dimension. */
    public static RelaxedOneHotCategorical ofProbs(Tensor temperature, Tensor probs) {
        return new RelaxedOneHotCategorical(temperature, Categorical.ofProbs(probs));
    }

    /** Relaxed one-hot categoricals with unnormalized log-probabilities logits along the last dimension. */
    public static RelaxedOneHotCategorical ofLogits(Tensor temperature, Tensor logits) {
        return new RelaxedOneHotCategorical(temperature, Categorical.ofLogits(logits));
    }

    @Override
    public int[] eventShape() {
        return new int[] {categorical.categories()};
    }

    /** {@code softmax((logits + G) / temperature)}, G = -log(-log(u)) for u uniform from g in [eps, 1 - eps]. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] prefix = extendedShape(sampleShape), shape = Arrays.copyOf(prefix, prefix.length + 1);
        shape[prefix.length] = categorical.categories();
        Tensor u = Tensor.rand(g, shape).clamp(EPS, 1f - EPS);
        Tensor scores = categorical.logits().add(u.log().neg().log().neg()).div(temperature);
        return scores.sub(scores.logsumexp(-1, true)).exp();
    }

    /**
     * PyTorch's: the exp-relaxed density of x = log(y), {@code sum(s - logsumexp(s)) + lgamma(K) + (K - 1) log t} with
     * s = logits - t x, less the exponential's log-Jacobian {@code sum(x)}.
     */
    @Override
    public Tensor logProb(Tensor value) {
        int k = categorical.categories();
        requireSimplex("RelaxedOneHotCategorical", value, k);
        Tensor x = value.log();
        Tensor score = categorical.logits().sub(x.mul(temperature));   // temperature as PyTorch broadcasts it
        score = score.sub(score.logsumexp(-1, true)).sum(-1, false);
        double logFactorial = 0;   // lgamma(K) = log((K - 1)!)
        for (int i = 2; i < k; i++) {
            logFactorial += Math.log(i);
        }
        Tensor logScale = temperature.log().mul(k - 1f).add((float) logFactorial);
        return score.add(logScale).sub(x.sum(-1, false));
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("RelaxedOneHotCategorical has no entropy (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("RelaxedOneHotCategorical has no mean (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("RelaxedOneHotCategorical has no variance (PyTorch's raises "
                + "NotImplementedError)");
    }

    /** The temperature. */
    public Tensor temperature() {
        return temperature;
    }

    /** The normalized probabilities. */
    public Tensor probs() {
        return categorical.probs();
    }
}
