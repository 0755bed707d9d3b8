package dev.vgrad.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowCombination}'s four-term pass on the Vector API, in doubles of the width vgrad's float kernels use. Each
 * lane takes the four products one after another, as the scalar loop does (a multiply, then a subtraction, never
 * fused), so the bits are the scalar loop's; the method returns how far it got and the caller finishes the tail.
 */
final class VectorRowCombination {
    private static final VectorSpecies<Double> S =
            DoubleVector.SPECIES_MAX.withShape(VectorShape.forBitSize(VectorWidth.SPECIES.vectorBitSize()));

    private VectorRowCombination() {}

    static int subtract4(double[] x, int from, int to, double f0, double[] r0, double f1, double[] r1, double f2,
            double[] r2, double f3, double[] r3) {
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, x, j);
            v = v.sub(DoubleVector.fromArray(S, r0, j).mul(f0));
            v = v.sub(DoubleVector.fromArray(S, r1, j).mul(f1));
            v = v.sub(DoubleVector.fromArray(S, r2, j).mul(f2));
            v = v.sub(DoubleVector.fromArray(S, r3, j).mul(f3));
            v.intoArray(x, j);
        }
        return j;
    }

    static int subtract4Pair(double[] x, double[] y, int from, int to, double f0, double g0, double[] r0, double f1,
            double g1, double[] r1, double f2, double g2, double[] r2, double f3, double g3, double[] r3) {
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += S.length()) {
            DoubleVector a0 = DoubleVector.fromArray(S, r0, j), a1 = DoubleVector.fromArray(S, r1, j);
            DoubleVector a2 = DoubleVector.fromArray(S, r2, j), a3 = DoubleVector.fromArray(S, r3, j);
            DoubleVector v = DoubleVector.fromArray(S, x, j), w = DoubleVector.fromArray(S, y, j);
            v = v.sub(a0.mul(f0)).sub(a1.mul(f1)).sub(a2.mul(f2)).sub(a3.mul(f3));
            w = w.sub(a0.mul(g0)).sub(a1.mul(g1)).sub(a2.mul(g2)).sub(a3.mul(g3));
            v.intoArray(x, j);
            w.intoArray(y, j);
        }
        return j;
    }
}
