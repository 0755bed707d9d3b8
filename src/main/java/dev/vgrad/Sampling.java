package dev.vgrad;

/**
 * Draws from distributions a tensor describes: multinomial (category indices by weight, with or without replacement)
 * and bernoulli (0 or 1 by probability). Results are float tensors of integers and record no history, as PyTorch's
 * sampling ops have no gradient. Both draw what PyTorch 1.13's CPU kernels draw from a generator with the same seed.
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
        float[] out = replacement ? withReplacement(w, rows, k, numSamples, g)
                : byExponentials(w, rows, k, numSamples, g);
        return weights.dim() == 1 ? Tensor.of(out) : Tensor.of(out, rows, numSamples);
    }

    /**
     * PyTorch's CPU path with replacement: each row's running sums in float, divided by the total, the
     * last set to 1; each draw a 53-bit uniform, placed by binary search (the first sum not below it).
     */
    private static float[] withReplacement(float[] w, int rows, int k, int numSamples, Generator g) {
        float[] out = new float[rows * numSamples];
        double[] cumulative = new double[k];
        for (int r = 0; r < rows; r++) {
            float sum = 0f;
            for (int c = 0; c < k; c++) {
                sum += w[r * k + c];
                cumulative[c] = sum;
            }
            for (int c = 0; c < k; c++) {
                cumulative[c] = (float) cumulative[c] / sum;   // float's division, held exactly as a double
            }
            cumulative[k - 1] = 1;
            for (int s = 0; s < numSamples; s++) {
                out[r * numSamples + s] = draw(cumulative, g);
            }
        }
        return out;
    }

    /**
     * One index drawn against normalized running sums (the last 1): a 53-bit uniform, and the first sum not below it
     * by binary search, as PyTorch's kernel searches.
     */
    private static int draw(double[] cumulative, Generator g) {
        int k = cumulative.length;
        double u = g.uniformDouble();
        int left = 0, right = k;
        while (right > left) {
            int mid = left + (right - left) / 2;
            if (cumulative[mid] < u) {
                left = mid + 1;
            } else {
                right = mid;
            }
        }
        return left;
    }

    /**
     * PyTorch's CPU path without replacement (the Gumbel-max trick): an exponential q per weight, all the
     * tensor's in row-major order, then per row the categories of the largest {@code w / q} (float), largest first;
     * among equal ratios the lower category first.
     */
    private static float[] byExponentials(float[] w, int rows, int k, int numSamples, Generator g) {
        double[] ratio = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            ratio[i] = w[i] / standardExponential(g);   // a float quotient, held exactly as a double
        }
        float[] out = new float[rows * numSamples];
        int[] order = new int[k], spare = new int[k];
        for (int r = 0; r < rows; r++) {
            largestFirst(ratio, r * k, k, order, spare);
            for (int s = 0; s < numSamples; s++) {
                out[r * numSamples + s] = order[s];
            }
        }
        return out;
    }

    /**
     * numSamples indices drawn from weights held in double, as {@code torch.multinomial} draws them from a float64
     * tensor (what {@code torch.utils.data.WeightedRandomSampler} makes of its weights): with replacement the running
     * sums, their normalization and the search in double; without, the exponentials and the ratios in double. The
     * weights are checked by the caller (finite, non-negative, enough of them nonzero).
     */
    static int[] multinomial(double[] w, int numSamples, boolean replacement, Generator g) {
        int k = w.length;
        int[] out = new int[numSamples];
        if (replacement) {
            double[] cumulative = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += w[c];
                cumulative[c] = sum;
            }
            for (int c = 0; c < k; c++) {
                cumulative[c] /= sum;
            }
            cumulative[k - 1] = 1;
            for (int s = 0; s < numSamples; s++) {
                out[s] = draw(cumulative, g);
            }
            return out;
        }
        double[] ratio = new double[k];
        for (int c = 0; c < k; c++) {
            ratio[c] = w[c] / -Math.log1p(-g.uniformDouble());
        }
        int[] order = new int[k];
        largestFirst(ratio, 0, k, order, new int[k]);
        System.arraycopy(order, 0, out, 0, numSamples);
        return out;
    }

    /**
     * order[0..n) = 0..n-1 sorted by keys[from + i], largest first, equal keys in ascending index: a stable merge sort
     * on primitive indices (spare is its scratch), where a boxed sort made an Integer per category per row.
     */
    private static void largestFirst(double[] keys, int from, int n, int[] order, int[] spare) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] src = order, dst = spare;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n), a = lo, b = mid;
                for (int o = lo; o < hi; o++) {
                    // the right run's element goes first only when strictly larger: ties keep the lower index first
                    boolean right = b < hi
                            && (a >= mid || Double.compare(keys[from + src[b]], keys[from + src[a]]) > 0);
                    dst[o] = right ? src[b++] : src[a++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != order) {
            System.arraycopy(src, 0, order, 0, n);
        }
    }

    /** 1 with probability p, else 0, for each element p of probabilities (each in [0, 1]); the same shape. */
    static Tensor bernoulli(Tensor probabilities, Generator g) {
        float[] p = probabilities.toArray();
        checkProbabilities("bernoulli", p, probabilities.shape);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = g.uniform(0f, 1f) < p[i] ? 1f : 0f;
        }
        return Tensor.of(out, probabilities.shape.clone());
    }

    /** Refuses probabilities outside [0, 1] (NaN included) for {@code op}, naming the first and its position. */
    static void checkProbabilities(String op, float[] p, int[] shape) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0f && p[i] <= 1f)) {
                throw new IllegalArgumentException(op + ": expected all probabilities in [0, 1], got " + p[i]
                        + " at flat position " + i + " of " + Shapes.str(shape));
            }
        }
    }

    /** Standard exponential draws, each {@code -log1p(-u)} of a 53-bit uniform u (PyTorch's {@code exponential_()}). */
    static Tensor exponential(Generator g, int[] shape) {
        float[] o = new float[Shapes.numel(shape)];
        for (int i = 0; i < o.length; i++) {
            o[i] = standardExponential(g);
        }
        return Tensor.of(o, shape);
    }

    /** One standard exponential draw as PyTorch's {@code exponential_()} makes it: {@code -log1p(-u)}, rounded. */
    private static float standardExponential(Generator g) {
        return (float) -Math.log1p(-g.uniformDouble());
    }

    /** Float uniforms in [from, to), as PyTorch's {@code uniform_(from, to)}. */
    static Tensor uniform(Generator g, float from, float to, int[] shape) {
        float[] o = new float[Shapes.numel(shape)];
        for (int i = 0; i < o.length; i++) {
            o[i] = g.uniform(from, to);
        }
        return Tensor.of(o, shape);
    }

    /** Standard Cauchy draws, {@code tan(pi (u - 1/2))} of a 53-bit uniform u (PyTorch's {@code cauchy_()}). */
    static Tensor cauchy(Generator g, int[] shape) {
        float[] o = new float[Shapes.numel(shape)];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) StrictMath.tan(Math.PI * (g.uniformDouble() - 0.5));
        }
        return Tensor.of(o, shape);
    }

    /**
     * One Poisson draw per element rate >= 0 of rates: products of uniforms below rate 10, Hormann's transformed
     * rejection (PTRS) from 10 on.
     */
    static Tensor poisson(Tensor rates, Generator g) {
        float[] r = rates.toArray(), out = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            if (!(r[i] >= 0f)) {
                throw new IllegalArgumentException("poisson: expected every rate non-negative, got " + r[i]
                        + " at flat position " + i);
            }
            // A rate of 0 draws nothing, as in PyTorch's sampler, so the draws after it stay in step with torch's.
            out[i] = r[i] == 0f ? 0f : r[i] < 10 ? (float) poissonByProducts(r[i], g) : (float) poissonPtrs(r[i], g);
        }
        return Tensor.of(out, rates.shape.clone());
    }

    private static long poissonByProducts(double rate, Generator g) {
        double limit = StrictMath.exp(-rate), product = g.uniformDouble();
        long k = 0;
        while (product > limit) {
            product *= g.uniformDouble();
            k++;
        }
        return k;
    }

    private static long poissonPtrs(double rate, Generator g) {
        double slam = Math.sqrt(rate), logRate = StrictMath.log(rate);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = g.uniformDouble() - 0.5, v = g.uniformDouble(), us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + rate + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            double accept = StrictMath.log(v) + StrictMath.log(invAlpha) - StrictMath.log(a / (us * us) + b);
            if (accept <= -rate + k * logRate - dev.vgrad.kernels.SpecialFunctions.lgamma(k + 1.0)) {
                return k;
            }
        }
    }
}
