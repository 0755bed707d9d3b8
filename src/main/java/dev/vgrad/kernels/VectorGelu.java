package dev.vgrad.kernels;

import static dev.vgrad.kernels.Transcendental.EXP_OVERFLOW;
import static dev.vgrad.kernels.Transcendental.EXP_P0;
import static dev.vgrad.kernels.Transcendental.EXP_P1;
import static dev.vgrad.kernels.Transcendental.EXP_P2;
import static dev.vgrad.kernels.Transcendental.EXP_P3;
import static dev.vgrad.kernels.Transcendental.EXP_P4;
import static dev.vgrad.kernels.Transcendental.EXP_P5;
import static dev.vgrad.kernels.Transcendental.EXP_UNDERFLOW;
import static dev.vgrad.kernels.Transcendental.LN2_HI;
import static dev.vgrad.kernels.Transcendental.LN2_LO;
import static dev.vgrad.kernels.Transcendental.LOG2E;
import static dev.vgrad.kernels.Transcendental.ROUNDER;
import static dev.vgrad.kernels.Transcendental.ROUNDER_BITS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gelu}'s functions on whole vectors: the same exactly rounded steps in the same order, both sides of each
 * branch computed and blended, so each lane has the scalar function's bits.
 */
final class VectorGelu {
    private static final VectorSpecies<Float> S = VectorElementwise.S;

    private VectorGelu() {}

    /** {@code out[oo+i] = gelu(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int geluRun(int bound, float[] x, int xo, float[] out, int oo) {
        return run(bound, false, null, 0, x, xo, out, oo);
    }

    /** {@code out[oo+i] = geluGrad(g[go+i], x[xo+i])} for i below bound (a multiple of the vector length). */
    static void geluGradRun(int bound, float[] g, int go, float[] x, int xo, float[] out, int oo) {
        run(bound, false, g, go, x, xo, out, oo);
    }

    /** {@code out[oo+i] = geluTanh(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int geluTanhRun(int bound, float[] x, int xo, float[] out, int oo) {
        return run(bound, true, null, 0, x, xo, out, oo);
    }

    /** {@code out[oo+i] = geluTanhGrad(g[go+i], x[xo+i])} for i below bound (a multiple of the vector length). */
    static void geluTanhGradRun(int bound, float[] g, int go, float[] x, int xo, float[] out, int oo) {
        run(bound, true, g, go, x, xo, out, oo);
    }

    /**
     * Exact GELU, or with {@code tanh} its tanh approximation; where {@code g} is not null, the backward. One loop for
     * all four, with e^y written in once as {@code Transcendental.exp} takes it (y is -x^2/2 for exact GELU, -2u for
     * the approximation's sigmoid): a vector passed to or returned from a method of vgrad's that C2 leaves out of line
     * is boxed (see {@link VectorWidth}). Every vector local is assigned on every path (the few steps of the other
     * mode's cost nothing beside the exponential): one left to be set in one mode only would have to start as null,
     * which C2 does not take well.
     */
    private static int run(int bound, boolean tanh, float[] g, int go, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector square = v.mul(v);
            // exact GELU's e^(-x^2 / 2) (Gelu.gaussian): x^2 from |x| capped, with its rounding error kept apart
            FloatVector capped = v.abs().min(Gelu.GAUSSIAN_CAP), x2 = capped.mul(capped);
            FloatVector lost = capped.fma(capped, x2.neg());
            FloatVector y = tanh ? square.mul(v).mul(Gelu.TANH_KAPPA).add(v).mul(Gelu.TANH_BETA).mul(2f).neg()
                    : x2.mul(0.5f).neg();
            FloatVector shifted = y.mul(LOG2E).add(ROUNDER);
            FloatVector n = shifted.sub(ROUNDER);
            IntVector bits = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS);
            FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), y);
            r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector e = FloatVector.broadcast(S, EXP_P0);
            e = e.fma(r, FloatVector.broadcast(S, EXP_P1));
            e = e.fma(r, FloatVector.broadcast(S, EXP_P2));
            e = e.fma(r, FloatVector.broadcast(S, EXP_P3));
            e = e.fma(r, FloatVector.broadcast(S, EXP_P4));
            e = e.fma(r, FloatVector.broadcast(S, EXP_P5));
            e = e.fma(r.mul(r), r).add(1f);
            IntVector half = bits.lanewise(VectorOperators.ASHR, 1), rest = bits.sub(half);
            e = e.mul((FloatVector) half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul((FloatVector) rest.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e = e.blend(Float.POSITIVE_INFINITY, y.compare(VectorOperators.GT, EXP_OVERFLOW));
            e = e.blend(0f, y.compare(VectorOperators.LT, EXP_UNDERFLOW));
            if (tanh) {
                FloatVector sigmoid = FloatVector.broadcast(S, 1f).div(e.add(1f));
                if (g != null) {
                    FloatVector slope = square.mul(Gelu.THREE_KAPPA).add(1f).mul(Gelu.TANH_BETA);
                    FloatVector complement = FloatVector.broadcast(S, 1f)
                            .div(FloatVector.broadcast(S, 1f).div(e).add(1f));
                    FloatVector inner = v.add(v).mul(complement).mul(slope).add(1f);
                    FloatVector.fromArray(S, g, go + i).mul(sigmoid.mul(inner)).intoArray(out, oo + i);
                } else {
                    v.mul(sigmoid).intoArray(out, oo + i);
                }
                continue;
            }
            FloatVector gaussian = e.mul(lost.mul(0.5f).neg().add(1f));
            FloatVector z = v.mul(Gelu.SQRT_HALF), a = z.abs();
            // 1 + erf(z) below the seam
            FloatVector t = z.mul(z);
            FloatVector p = FloatVector.broadcast(S, Gelu.ERF[Gelu.ERF.length - 1]);
            for (int k = Gelu.ERF.length - 2; k >= 0; k--) {
                p = p.fma(t, FloatVector.broadcast(S, Gelu.ERF[k]));
            }
            FloatVector small = z.fma(p, FloatVector.broadcast(S, 1f));
            // erfc(a) = e^(-a^2) erfcx(a) from the seam to saturation
            FloatVector centred = a.sub(Gelu.ERFCX_CENTRE);
            FloatVector q = FloatVector.broadcast(S, Gelu.ERFCX[Gelu.ERFCX.length - 1]);
            for (int k = Gelu.ERFCX.length - 2; k >= 0; k--) {
                q = q.fma(centred, FloatVector.broadcast(S, Gelu.ERFCX[k]));
            }
            FloatVector erfc = gaussian.mul(q);
            VectorMask<Float> above = z.compare(VectorOperators.GT, 0f);
            FloatVector twicePhi = FloatVector.zero(S).blend(2f, above)
                    .blend(erfc.blend(FloatVector.broadcast(S, 2f).sub(erfc), above),
                            a.compare(VectorOperators.LT, Gelu.SATURATED))
                    .blend(small, a.compare(VectorOperators.LT, Gelu.SEAM));
            if (g != null) {
                FloatVector density = gaussian.mul(Gelu.INV_SQRT_2PI);
                FloatVector.fromArray(S, g, go + i).mul(v.fma(density, twicePhi.mul(0.5f))).intoArray(out, oo + i);
            } else {
                v.mul(0.5f).mul(twicePhi).intoArray(out, oo + i);
            }
        }
        return bound;
    }
}
