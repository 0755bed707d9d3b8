package dev.vgrad.kernels;

import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerNormRows}' vector steps, each over the leading whole vectors of a row; each returns how many elements
 * that was, and the caller finishes the row one element at a time with the same operations.
 */
final class VectorLayerNorm {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();

    private VectorLayerNorm() {}

    static int scaleShift(int n, float[] y, int yo, float rstd, float[] w, int wo, float[] b, int bo) {
        int bound = n - n % L;
        for (int i = 0; i < bound; i += L) {
            FloatVector v = fromArray(S, y, yo + i).mul(rstd);
            if (w != null) {
                v = v.mul(fromArray(S, w, wo + i));
            }
            if (b != null) {
                v = v.add(fromArray(S, b, bo + i));
            }
            v.intoArray(y, yo + i);
        }
        return bound;
    }

    static int backwardTerms(int n, float[] x, int xo, float mean, float rstd, float[] g, int go, float[] w, int wo,
                             float[] dw, int dwo, float[] db, int dbo, boolean wantX, float[] sc, int xhat,
                             int dxhat) {
        int bound = n - n % L;
        float shift = -mean;
        for (int i = 0; i < bound; i += L) {
            FloatVector xh = fromArray(S, x, xo + i).add(shift).mul(rstd);
            FloatVector gi = fromArray(S, g, go + i);
            xh.intoArray(sc, xhat + i);
            if (dw != null) {
                fromArray(S, dw, dwo + i).add(gi.mul(xh)).intoArray(dw, dwo + i);
            }
            if (db != null) {
                fromArray(S, db, dbo + i).add(gi).intoArray(db, dbo + i);
            }
            if (wantX) {
                (w != null ? gi.mul(fromArray(S, w, wo + i)) : gi).intoArray(sc, dxhat + i);
            }
        }
        return bound;
    }

    static int backwardOut(int n, float[] sc, int xhat, int dxhat, float a, float c, float rstd, float[] out, int o) {
        int bound = n - n % L;
        float shift = -a;
        for (int i = 0; i < bound; i += L) {
            FloatVector centred = fromArray(S, sc, dxhat + i).add(shift);
            centred.sub(fromArray(S, sc, xhat + i).mul(c)).mul(rstd).intoArray(out, o + i);
        }
        return bound;
    }
}
