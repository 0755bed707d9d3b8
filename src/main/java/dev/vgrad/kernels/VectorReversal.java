package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Runs read backwards (a flipped view's stride of -1) copied a vector at a time: the vector that ends at the run's
 * element, its lanes turned around by one permute. The scalar gather walked them an element at a time, and flip(1) of
 * a 1024 x 1024 tensor took 3.75x PyTorch 1.13's time (Intel Xeon, 2026-12-06).
 */
final class VectorReversal {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();
    private static final VectorShuffle<Float> BACKWARDS = VectorShuffle.iota(S, L - 1, -1, true);

    private VectorReversal() {}

    /** {@code out[oo + i] = x[first - i]} for i in [0, n). */
    static void copyBackwards(int n, float[] x, int first, float[] out, int oo) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, first - i - L + 1).rearrange(BACKWARDS).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = x[first - i];
        }
    }
}
