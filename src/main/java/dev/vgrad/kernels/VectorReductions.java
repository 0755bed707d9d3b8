package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API reductions over unit-stride runs. Four independent accumulators hide the latency of the
 * add/FMA chain (one accumulator would wait 3-4 cycles per vector); the body is "4 vectors / 1 vector /
 * scalar tail". Sums and dots close every {@link #BLOCK} elements into a double, which keeps long sums
 * accurate at the cost of one lane reduction per block.
 */
final class VectorReductions {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per partial sum; the float error grows with the block, not with n. */
    private static final int BLOCK = 2048;

    /** Shuffles that bring lane i + L/2, i + L/4, ... onto lane i, for a fixed-order lane sum. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    private VectorReductions() {}

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] h = new VectorShuffle[steps];
        for (int k = 0, half = L / 2; k < steps; k++, half /= 2) {
            h[k] = VectorShuffle.iota(S, half, 1, true);
        }
        return h;
    }

    /**
     * The sum of v's lanes in a fixed tree order: lane i plus lane i + L/2, then + L/4, ... {@code reduceLanes(ADD)}
     * leaves its order unspecified, and its interpreted and compiled forms round differently, which made results
     * depend on when the JIT compiled a loop; this is the same in every tier.
     */
    static float sumLanes(FloatVector v) {
        for (VectorShuffle<Float> h : HALVES) {
            v = v.add(v.rearrange(h));
        }
        return v.lane(0);
    }

    static float sum(int n, float[] x, int off) {
        return sum(n, x, off, false);
    }

    /** The sum of |x[off + i]|: the same blocks and order as {@link #sum}, so it equals sum over an abs copy. */
    static float sumAbs(int n, float[] x, int off) {
        return sum(n, x, off, true);
    }

    private static float sum(int n, float[] x, int off, boolean abs) {
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            total += sumBlock(Math.min(BLOCK, n - start), x, off + start, abs);
        }
        return (float) total;
    }

    private static float sumBlock(int n, float[] x, int off, boolean abs) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            a0 = a0.add(load(x, off + i, abs));
            a1 = a1.add(load(x, off + i + L, abs));
            a2 = a2.add(load(x, off + i + 2 * L, abs));
            a3 = a3.add(load(x, off + i + 3 * L, abs));
        }
        for (int bound = n - L; i <= bound; i += L) {
            a0 = a0.add(load(x, off + i, abs));
        }
        float s = sumLanes(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            s += abs ? Math.abs(x[off + i]) : x[off + i];
        }
        return s;
    }

    private static FloatVector load(float[] x, int i, boolean abs) {
        FloatVector v = FloatVector.fromArray(S, x, i);
        return abs ? v.abs() : v;
    }

    static float max(int n, float[] x, int off) {
        FloatVector a0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            a0 = a0.max(FloatVector.fromArray(S, x, off + i));
            a1 = a1.max(FloatVector.fromArray(S, x, off + i + L));
            a2 = a2.max(FloatVector.fromArray(S, x, off + i + 2 * L));
            a3 = a3.max(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        for (int bound = n - L; i <= bound; i += L) {
            a0 = a0.max(FloatVector.fromArray(S, x, off + i));
        }
        float m = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    static float dot(int n, float[] a, int ao, float[] b, int bo) {
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            total += dotBlock(Math.min(BLOCK, n - start), a, ao + start, b, bo + start);
        }
        return (float) total;
    }

    private static float dotBlock(int n, float[] a, int ao, float[] b, int bo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            a0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), a0);
            a1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), a1);
            a2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), a2);
            a3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), a3);
        }
        for (int bound = n - L; i <= bound; i += L) {
            a0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), a0);
        }
        float s = sumLanes(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            s = Math.fma(a[ao + i], b[bo + i], s);
        }
        return s;
    }
}
