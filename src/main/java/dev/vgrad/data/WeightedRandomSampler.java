package dev.vgrad.data;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * Indices 0..weights.length-1 drawn with probabilities proportional to the weights, numSamples a pass, with or
 * without replacement, as {@code torch.utils.data.WeightedRandomSampler} (oversampling rare classes, typically). The
 * weights are kept in double, as PyTorch's sampler keeps them, and each pass draws what it draws for the same
 * generator ({@link Tensor#multinomial(double[], int, boolean, Generator)}).
 */
public final class WeightedRandomSampler implements Sampler {
    private final double[] weights;
    private final int numSamples;
    private final boolean replacement;
    private final Generator generator;

    /**
     * {@code numSamples} indices a pass, drawn from {@code g}.
     *
     * @throws IllegalArgumentException if numSamples is not positive, a weight is negative or not finite, all weights
     *     are 0 (or their sum overflows), or numSamples exceeds the number of nonzero weights without replacement
     *     (nothing is drawn then)
     */
    public WeightedRandomSampler(double[] weights, int numSamples, boolean replacement, Generator g) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("num_samples should be a positive integer value, but got num_samples="
                    + numSamples);
        }
        int nonzero = 0;
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
                throw new IllegalArgumentException("WeightedRandomSampler: weight " + weights[i] + " at index " + i
                        + " must be finite and non-negative");
            }
            nonzero += weights[i] > 0 ? 1 : 0;
            sum += weights[i];
        }
        if (nonzero == 0 || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("WeightedRandomSampler: the weights sum to " + sum);
        }
        if (!replacement && numSamples > nonzero) {
            throw new IllegalArgumentException("WeightedRandomSampler: cannot draw " + numSamples + " samples without "
                    + "replacement from " + nonzero + " nonzero weights");
        }
        this.weights = weights.clone();
        this.numSamples = numSamples;
        this.replacement = replacement;
        this.generator = g;
    }

    @Override
    public int[] indices() {
        return Tensor.multinomial(weights, numSamples, replacement, generator);
    }

    @Override
    public int size() {
        return numSamples;
    }
}
