package dev.vgrad;

/**
 * torch.binomial's sampler, draw for draw: per element, in row-major order of the broadcast shape, PyTorch's CPU
 * kernel takes doubles uniform in [0, 1) from the generator and runs inversion by geometric waiting times where
 * count * min(p, 1 - p) is below 10, Hormann's transformed rejection with squeeze (BTRS) from there, on the smaller of
 * p and 1 - p. Its arithmetic mixes float (count, p and a few products of them) and double (the rest), and so does
 * this one, in the same places, so that the same generator state gives the same counts. Logarithms are StrictMath's,
 * so results do not depend on the JIT; where they and the C library's differ in the last bit, a draw that lands exactly
 * on an acceptance boundary could go the other way (none seen).
 */
final class BinomialSampling {
    private BinomialSampling() {}

    /** log(k!) less Stirling's approximation of it, for k = 0..9 (beyond, the series' first terms suffice). */
    private static final double[] STIRLING_TAIL = {
        0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
        0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
    };

    static Tensor binomial(Tensor count, Tensor prob, Generator g) {
        BroadcastValues in = BroadcastValues.of("binomial", count, prob);
        int[] shape = in.shape();
        float[] n = in.values()[0];
        float[] p = in.values()[1];
        for (int i = 0; i < n.length; i++) {
            if (!Float.isFinite(n[i])) {
                // PyTorch's loops never end on these (or return NaN); refusing names the element instead.
                throw new IllegalArgumentException("binomial: expected every count finite, got " + n[i]
                        + " at flat position " + i);
            }
        }
        float[] out = new float[n.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample(n[i], p[i], g);
        }
        return Graph.recordUndifferentiable(Tensor.of(out, shape), "binomial", count, prob);
    }

    private static float sample(float count, float prob, Generator g) {
        if (count <= 0f || prob <= 0f) {
            return 0f;
        } else if (prob >= 1f) {
            return count;
        } else if (prob <= 0.5f) {
            return count * prob >= 10f ? btrs(count, prob, g) : inversion(count, prob, g);
        } else if (prob > 0.5f) {
            float q = (float) (1.0 - prob);
            return count * q >= 10f ? count - btrs(count, q, g) : count - inversion(count, q, g);
        }
        return Float.NaN;
    }

    /** How many geometric waiting times of success probability prob fit in count trials. */
    private static float inversion(float count, float prob, Generator g) {
        double logq = (float) StrictMath.log1p(-prob);
        double trials = 0;
        float successes = 0;
        while (true) {
            trials += Math.ceil(StrictMath.log(g.uniformDouble()) / logq);
            if (trials > count) {
                return successes;
            }
            successes = successes + 1;
        }
    }

    /** Hormann's BTRS for prob <= 0.5 and count * prob >= 10 (float and double where PyTorch's kernel has them). */
    private static float btrs(float count, float prob, Generator g) {
        double spq = (float) Math.sqrt(count * prob * (1 - prob));
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * prob;
        double c = count * prob + 0.5;
        double vr = 0.92 - 4.2 / b;
        double r = prob / (1 - prob);
        double alpha = (2.83 + 5.1 / b) * spq;
        double m = (float) Math.floor((count + 1) * prob);
        while (true) {
            double u = g.uniformDouble() - 0.5;
            double v = g.uniformDouble();
            double us = 0.5 - Math.abs(u);
            float k = (float) Math.floor((2 * a / us + b) * u + c);
            if (k < 0 || k > count) {
                continue;
            }
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            // PyTorch's ratio test, as it writes it (one logarithm short of Hormann's paper).
            v = StrictMath.log(v * alpha / (a / (us * us) + b));
            double bound = (m + 0.5) * StrictMath.log((m + 1) / (r * (count - m + 1)))
                    + (count + 1) * StrictMath.log((count - m + 1) / (count - k + 1))
                    + (k + 0.5) * StrictMath.log(r * (count - k + 1) / (k + 1))
                    + stirlingTail(m) + stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k);
            if (v <= bound) {
                return k;
            }
        }
    }

    private static double stirlingTail(double k) {
        if (k <= 9) {
            return STIRLING_TAIL[(int) k];
        }
        double kp1sq = (k + 1) * (k + 1);
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
    }
}
