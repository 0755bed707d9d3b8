package dev.vgrad.kernels;

/**
 * The fused updates optimizers are made of, over contiguous runs, one pass each where the unfused form would
 * take two or three: {@code y += alpha * x}, {@code y += value * t1 * t2}, {@code y += value * t1 / t2}. The
 * arithmetic follows PyTorch's AVX2 kernels (a multiply feeding an add is one FMA), so optimizer
 * trajectories track PyTorch's. Above {@link Parallel#GRAIN} elements the run is split among {@link Parallel}'s
 * threads; every element sees the same operations in any part, so the thread count does not change a bit.
 */
public final class Fused {
    private Fused() {}

    /** {@code y[yo+i] = fma(alpha, x[xo+i], y[yo+i])} for i < n. */
    public static void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int parts = Parallel.partsFor(n);
        if (parts > 1) {
            Parallel.runRange(n, parts, (from, to) -> axpyRun(to - from, alpha, x, xo + from, y, yo + from));
            return;
        }
        axpyRun(n, alpha, x, xo, y, yo);
    }

    private static void axpyRun(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int i = Vectorization.ENABLED ? VectorFused.axpy(n, alpha, x, xo, y, yo) : 0;
        for (; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    /** {@code y[yo+i] = fma(value * t1[i], t2[i], y[yo+i])} for i < n. */
    public static void addcmul(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int parts = Parallel.partsFor(n);
        if (parts > 1) {
            Parallel.runRange(n, parts,
                    (from, to) -> addcmulRun(to - from, value, t1, o1 + from, t2, o2 + from, y, yo + from));
            return;
        }
        addcmulRun(n, value, t1, o1, t2, o2, y, yo);
    }

    private static void addcmulRun(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int i = Vectorization.ENABLED ? VectorFused.addcmul(n, value, t1, o1, t2, o2, y, yo) : 0;
        for (; i < n; i++) {
            y[yo + i] = Math.fma(value * t1[o1 + i], t2[o2 + i], y[yo + i]);
        }
    }

    /** {@code y[yo+i] = y[yo+i] + value * t1[i] / t2[i]} for i < n. */
    public static void addcdiv(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int parts = Parallel.partsFor(n);
        if (parts > 1) {
            Parallel.runRange(n, parts,
                    (from, to) -> addcdivRun(to - from, value, t1, o1 + from, t2, o2 + from, y, yo + from));
            return;
        }
        addcdivRun(n, value, t1, o1, t2, o2, y, yo);
    }

    private static void addcdivRun(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int i = Vectorization.ENABLED ? VectorFused.addcdiv(n, value, t1, o1, t2, o2, y, yo) : 0;
        for (; i < n; i++) {
            y[yo + i] = y[yo + i] + value * t1[o1 + i] / t2[o2 + i];
        }
    }

    /**
     * One Adam step in one pass, with exactly the float operations of the unfused sequence (so results are
     * bit-identical): {@code g' = fma(wd, p, g)} when wd != 0; {@code m = fma(1-b1, g', m*b1)};
     * {@code v = fma((1-b2)*g', g', v*b2)}; {@code p += (-step * m) / (sqrt(v) / bc2 + eps)}.
     */
    public static void adam(int n, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                            float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                            float biasCorrection2Sqrt, float eps, float negStepSize) {
        int parts = Parallel.partsFor(n);
        if (parts > 1) {
            SplitJobs.Adam.run(n, parts, p, po, g, go, m, mo, v, vo, weightDecay, beta1, oneMinusBeta1, beta2,
                    oneMinusBeta2, biasCorrection2Sqrt, eps, negStepSize);
            return;
        }
        adamRun(n, p, po, g, go, m, mo, v, vo, weightDecay, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                biasCorrection2Sqrt, eps, negStepSize);
    }

    static void adamRun(int n, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                                float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                                float biasCorrection2Sqrt, float eps, float negStepSize) {
        int i = !Vectorization.ENABLED ? 0 : VectorFused.adam(n, p, po, g, go, m, mo, v, vo, weightDecay, beta1,
                oneMinusBeta1, beta2, oneMinusBeta2, biasCorrection2Sqrt, eps, negStepSize);
        for (; i < n; i++) {
            float gi = weightDecay != 0f ? Math.fma(weightDecay, p[po + i], g[go + i]) : g[go + i];
            float mi = Math.fma(oneMinusBeta1, gi, m[mo + i] * beta1);
            float vi = Math.fma(oneMinusBeta2 * gi, gi, v[vo + i] * beta2);
            m[mo + i] = mi;
            v[vo + i] = vi;
            float denom = (float) Math.sqrt(vi) / biasCorrection2Sqrt + eps;
            p[po + i] = p[po + i] + negStepSize * mi / denom;
        }
    }
}
