package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * {@link OneHotCategorical} with a straight-through rsample, as
 * {@code torch.distributions.OneHotCategoricalStraightThrough}: the draw is the one-hot sample, and its gradient passes
 * to the probabilities as if it were them ({@code sample + (probs - probs.detach())}, Bengio et al., 2013). Everything
 * else is the one-hot categorical's.
 */
public final class OneHotCategoricalStraightThrough extends Distribution {
    private final OneHotCategorical oneHot;

    private OneHotCategoricalStraightThrough(OneHotCategorical oneHot) {
        super(oneHot.batchShape());
        this.oneHot = oneHot;
    }

    /** One-hot categoricals over the last dimension of {@code probs} (normalized along it). */
    public static OneHotCategoricalStraightThrough ofProbs(Tensor probs) {
        return new OneHotCategoricalStraightThrough(OneHotCategorical.ofProbs(probs));
    }

    /** One-hot categoricals of the given unnormalized log-probabilities. */
    public static OneHotCategoricalStraightThrough ofLogits(Tensor logits) {
        return new OneHotCategoricalStraightThrough(OneHotCategorical.ofLogits(logits));
    }

    @Override
    public int[] eventShape() {
        return oneHot.eventShape();
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        return oneHot.sample(g, sampleShape);
    }

    /** The one-hot draw, with the probabilities' gradient passed straight through it. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor probs = oneHot.probs();
        return oneHot.sample(g, sampleShape).add(probs.sub(probs.detach()));
    }

    @Override
    public Tensor logProb(Tensor value) {
        return oneHot.logProb(value);
    }

    @Override
    public Tensor enumerateSupport(boolean expand) {
        return oneHot.enumerateSupport(expand);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    @Override
    public Tensor entropy() {
        return oneHot.entropy();
    }

    @Override
    public Tensor mean() {
        return oneHot.mean();
    }

    @Override
    public Tensor variance() {
        return oneHot.variance();
    }

    /** The probabilities (normalized). */
    public Tensor probs() {
        return oneHot.probs();
    }
}
