package dev.vgrad.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link DoubleDot}'s eight running sums as the lanes of one 8-double vector (used where vectors are 512 bits). */
final class VectorDoubleDot {
    private static final VectorSpecies<Double> S =
            DoubleVector.SPECIES_MAX.withShape(VectorShape.forBitSize(VectorWidth.SPECIES.vectorBitSize()));
    static final boolean EIGHT_LANES = S.length() == 8;
    private static final DoubleVector ZERO = DoubleVector.zero(S);

    private VectorDoubleDot() {}

    static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
        DoubleVector sums = DoubleVector.zero(S);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            sums = DoubleVector.fromArray(S, x, xOff + i).mul(DoubleVector.fromArray(S, y, yOff + i)).add(sums);
        }
        sums = ZERO.add(sums);   // a constant receiver names the class after the loop (VectorWidth's rules)
        return DoubleDot.tail(sums.lane(0), sums.lane(1), sums.lane(2), sums.lane(3), sums.lane(4), sums.lane(5),
                sums.lane(6), sums.lane(7), x, xOff + i, y, yOff + i, len - i);
    }
}
