package dev.vgrad;

/**
 * Draws from distributions a tensor describes: multinomial (category indices by weight, with or without replacement)
 * and bernoulli (0 or 1 by probability). Results are float tensors of integers and record no history, as PyTorch's
 * sampling ops have no gradient. The draws come from vgrad's {@link Generator} through its uniforms, so a seed gives
 * the same samples on every run; they are not PyTorch's sequences.
 */
final class Sampling {
    private Sampling() {}

    /**
     * numSamples category indices per row of weights [K] or [N, K] (non-negative, finite, not all zero; normalized
     * here): [numSamples] or [N, numSamples]. Without replacement a drawn category leaves the row, so numSamples may not
     * exceed the row's nonzero weights.
     */
    static Tensor multinomial(Tensor weights, int numSamples, boolean replacement, Generator g) {
        if (weights.dim() != 1 && weights.dim() != 2) {
            throw new IllegalArgumentException("multinomial: prob_dist must be 1 or 2 dim, got "
                    + Shapes.str(weights.shape));
        }
        int rows = weights.dim() == 1 ? 1 : weights.shape[0], k = weights.shape[weights.dim() - 1];
        if (numSamples <= 0) {
            throw new IllegalArgumentException("multinomial: cannot sample n_sample <= 0 samples, got " + numSamples);
        }
        if (!replacement && numSamples > k) {
            throw new IllegalArgumentException("multinomial: cannot sample n_sample > prob_dist.size(-1) samples "
                    + "without replacement (" + numSamples + " > " + k + ")");
        }
        float[] w = weights.toArray();
        for (int r = 0; r < rows; r++) {
            int nonzero = 0;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                float v = w[r * k + c];
                if (!(v >= 0f) || Float.isInfinite(v)) {
                    throw new IllegalArgumentException("multinomial: probability tensor contains either inf, nan or "
                            + "element < 0: " + v + " at " + (weights.dim() == 1 ? "[" + c + "]" : "[" + r + ", " + c
                            + "]"));
                }
                nonzero += v > 0f ? 1 : 0;
                sum += v;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("multinomial: invalid multinomial distribution (sum of probabilities "
                        + "<= 0) in row " + r);
            }
            if (!replacement && numSamples > nonzero) {
                throw new IllegalArgumentException("multinomial: row " + r + " has " + nonzero + " categories of "
                        + "nonzero weight, fewer than the " + numSamples + " samples drawn without replacement");
            }
        }
        float[] out = new float[rows * numSamples];
        for (int r = 0; r < rows; r++) {
            double[] left = new double[k];
            double total = 0;
            for (int c = 0; c < k; c++) {
                left[c] = w[r * k + c];
                total += left[c];
            }
            for (int s = 0; s < numSamples; s++) {
                int c = pick(left, total * g.uniform(0f, 1f));
                out[r * numSamples + s] = c;
                if (!replacement) {
                    total -= left[c];
                    left[c] = 0;
                }
            }
        }
        return weights.dim() == 1 ? Tensor.of(out) : Tensor.of(out, rows, numSamples);
    }

    /** The first category whose running sum passes u; where rounding leaves the sum short, the last of nonzero weight. */
    private static int pick(double[] weights, double u) {
        double cumulative = 0;
        int last = -1;
        for (int c = 0; c < weights.length; c++) {
            if (weights[c] > 0) {
                cumulative += weights[c];
                last = c;
                if (u < cumulative) {
                    return c;
                }
            }
        }
        return last;
    }

    /** 1 with probability p, else 0, for each element p of probabilities (each in [0, 1]); the same shape. */
    static Tensor bernoulli(Tensor probabilities, Generator g) {
        float[] p = probabilities.toArray();
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0f && p[i] <= 1f)) {
                throw new IllegalArgumentException("bernoulli: expected all probabilities in [0, 1], got " + p[i]
                        + " at flat position " + i + " of " + Shapes.str(probabilities.shape));
            }
        }
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = g.uniform(0f, 1f) < p[i] ? 1f : 0f;
        }
        return Tensor.of(out, probabilities.shape.clone());
    }
}
