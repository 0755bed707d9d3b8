package dev.vgrad.data;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;

/**
 * Indices 0..weights.length-1 drawn with probabilities proportional to the weights, numSamples a pass, with or
 * without replacement, as {@code torch.utils.data.WeightedRandomSampler} (oversampling rare classes, typically). The
 * draws are {@link Tensor#multinomial}'s, PyTorch's algorithm over the weights rounded to float (PyTorch's sampler
 * keeps them in double, so a draw that falls within float rounding of a boundary between two categories may differ).
 */
public final class WeightedRandomSampler implements Sampler {
    private final Tensor weights;
    private final int numSamples;
    private final boolean replacement;
    private final Generator generator;

    /**
     * {@code numSamples} indices a pass, drawn from {@code g}.
     *
     * @throws IllegalArgumentException if numSamples is not positive, a weight is negative or not finite, all weights
     *     are 0, or numSamples exceeds the number of nonzero weights without replacement (nothing is drawn then)
     */
    public WeightedRandomSampler(double[] weights, int numSamples, boolean replacement, Generator g) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("num_samples should be a positive integer value, but got num_samples="
                    + numSamples);
        }
        float[] w = new float[weights.length];
        int nonzero = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(weights[i] >= 0 && Double.isFinite(weights[i]))) {
                throw new IllegalArgumentException("WeightedRandomSampler: weight " + weights[i] + " at index " + i
                        + " must be finite and non-negative");
            }
            w[i] = (float) weights[i];
            nonzero += w[i] > 0 ? 1 : 0;
        }
        if (nonzero == 0) {
            throw new IllegalArgumentException("WeightedRandomSampler: the weights sum to 0 (or nothing in float)");
        }
        if (!replacement && numSamples > nonzero) {
            throw new IllegalArgumentException("WeightedRandomSampler: cannot draw " + numSamples + " samples without "
                    + "replacement from " + nonzero + " nonzero weights");
        }
        try (var heap = Arena.outside()) {
            this.weights = Tensor.of(w, w.length);
        }
        this.numSamples = numSamples;
        this.replacement = replacement;
        this.generator = g;
    }

    @Override
    public int[] indices() {
        float[] draws = weights.multinomial(numSamples, replacement, generator).toArray();
        int[] out = new int[draws.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) draws[i];
        }
        return out;
    }

    @Override
    public int size() {
        return numSamples;
    }
}
