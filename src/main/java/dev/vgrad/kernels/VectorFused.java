package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Fused}'s Vector API loops. Each runs over the whole vectors of its range and returns how far it got;
 * {@code Fused} finishes the tail with the same float operations, so the bits do not depend on the split.
 */
final class VectorFused {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;

    private VectorFused() {}

    static int axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int i = 0;
        FloatVector a = FloatVector.broadcast(S, alpha);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).fma(a, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        return i;
    }

    static int addcmul(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, t1, o1 + i).mul(value)
                    .fma(FloatVector.fromArray(S, t2, o2 + i), FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        return i;
    }

    static int addcdiv(int n, float value, float[] t1, int o1, float[] t2, int o2, float[] y, int yo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, t1, o1 + i).mul(value).div(FloatVector.fromArray(S, t2, o2 + i))
                    .add(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        return i;
    }

    static int adam(int n, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                   float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                   float biasCorrection2Sqrt, float eps, float negStepSize) {
        int i = 0;
        FloatVector wd = FloatVector.broadcast(S, weightDecay), c1 = FloatVector.broadcast(S, oneMinusBeta1);
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, po + i);
            FloatVector gv = FloatVector.fromArray(S, g, go + i);
            if (weightDecay != 0f) {
                gv = pv.fma(wd, gv);
            }
            FloatVector mv = gv.fma(c1, FloatVector.fromArray(S, m, mo + i).mul(beta1));
            FloatVector vv = gv.mul(oneMinusBeta2).fma(gv, FloatVector.fromArray(S, v, vo + i).mul(beta2));
            FloatVector denom = vv.sqrt().div(biasCorrection2Sqrt).add(eps);
            mv.intoArray(m, mo + i);
            vv.intoArray(v, vo + i);
            mv.mul(negStepSize).div(denom).add(pv).intoArray(p, po + i);
        }
        return i;
    }
}
