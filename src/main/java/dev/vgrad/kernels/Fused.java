package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused updates optimizers are made of, over contiguous runs, one pass each where the unfused form would
 * take two or three: {@code y += alpha * x}, {@code y += value * t1 * t2}, {@code y += value * t1 / t2}. The
 * arithmetic follows PyTorch's AVX2 kernels (a multiply feeding an add is one FMA), so optimizer
 * trajectories track PyTorch's.
 */
public final class Fused {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Fused() {}

    /** {@code y[yo+i] = fma(alpha, x[xo+i], y[yo+i])} for i < n. */
    public static void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int i = 0;
        if (Vectorization.ENABLED) {
            FloatVector a = FloatVector.broadcast(S, alpha);
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, xo + i).fma(a, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    /** {@code y[yo+i] = fma(value * t1[i], t2[i], y[yo+i])} for i < n. */
    public static void addcmul(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int i = 0;
        if (Vectorization.ENABLED) {
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector.fromArray(S, t1, o1 + i).mul(value)
                        .fma(FloatVector.fromArray(S, t2, o2 + i), FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) {
            y[yo + i] = Math.fma(value * t1[o1 + i], t2[o2 + i], y[yo + i]);
        }
    }

    /** {@code y[yo+i] = y[yo+i] + value * t1[i] / t2[i]} for i < n. */
    public static void addcdiv(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int i = 0;
        if (Vectorization.ENABLED) {
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector.fromArray(S, t1, o1 + i).mul(value).div(FloatVector.fromArray(S, t2, o2 + i))
                        .add(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) {
            y[yo + i] = y[yo + i] + value * t1[o1 + i] / t2[o2 + i];
        }
    }
}
