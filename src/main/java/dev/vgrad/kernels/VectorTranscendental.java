package dev.vgrad.kernels;

import static dev.vgrad.kernels.Transcendental.EXP_OVERFLOW;
import static dev.vgrad.kernels.Transcendental.EXP_P0;
import static dev.vgrad.kernels.Transcendental.EXP_P1;
import static dev.vgrad.kernels.Transcendental.EXP_P2;
import static dev.vgrad.kernels.Transcendental.EXP_P3;
import static dev.vgrad.kernels.Transcendental.EXP_P4;
import static dev.vgrad.kernels.Transcendental.EXP_P5;
import static dev.vgrad.kernels.Transcendental.EXP_UNDERFLOW;
import static dev.vgrad.kernels.Transcendental.EXPM1_TAYLOR;
import static dev.vgrad.kernels.Transcendental.INV_LN2_D;
import static dev.vgrad.kernels.Transcendental.LN2_HI;
import static dev.vgrad.kernels.Transcendental.LN2_HI_D;
import static dev.vgrad.kernels.Transcendental.LN2_LO;
import static dev.vgrad.kernels.Transcendental.LN2_LO_D;
import static dev.vgrad.kernels.Transcendental.LOG2E;
import static dev.vgrad.kernels.Transcendental.LOG_P;
import static dev.vgrad.kernels.Transcendental.ROUNDER;
import static dev.vgrad.kernels.Transcendental.ROUNDER_BITS;
import static dev.vgrad.kernels.Transcendental.ROUNDER_D;
import static dev.vgrad.kernels.Transcendental.ROUNDER_D_BITS;
import static dev.vgrad.kernels.Transcendental.SQRT_HALF;
import static dev.vgrad.kernels.Transcendental.TANH_ONE;
import static dev.vgrad.kernels.VectorWidth.exact;
import static dev.vgrad.kernels.VectorWidth.exactInts;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Transcendental}'s functions on whole vectors: the same exactly rounded steps in the same order, each lane
 * computing what the scalar function computes for it, so the vector and scalar paths agree bit for bit. Branches of
 * the scalar code become both sides computed and a blend.
 */
final class VectorTranscendental {
    private static final VectorSpecies<Float> S = VectorElementwise.S;

    private VectorTranscendental() {}

    private static FloatVector bc(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** {@code out[oo+i] = exp(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int expRun(int bound, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            exp(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        return bound;
    }

    /**
     * {@code out[oo+i] = log(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. The function
     * is written into the loop rather than called: as a method of its own it was too large for C2 to inline here, and
     * every call boxed its argument and result (786 KB and about 100 us for a 64 K-element log on an Intel Xeon;
     * 29 us and nothing allocated written out).
     */
    static int logRun(int bound, float[] in, int io, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, in, io + i);
            VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
            FloatVector xs = x.blend(x.mul(8388608f), subnormal);
            FloatVector bias = FloatVector.zero(S).blend(23f, subnormal);
            IntVector bits = (IntVector) xs.reinterpretAsInts();
            FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(126)
                    .convert(VectorOperators.I2F, 0)).sub(bias);
            FloatVector m = (FloatVector) bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            e = e.sub(FloatVector.zero(S).blend(1f, low));
            m = m.add(m).sub(1f).blend(m.sub(1f), low.not());
            FloatVector z = m.mul(m);
            FloatVector p = bc(LOG_P[0]);
            for (int k = 1; k < LOG_P.length; k++) {
                p = m.fma(p, bc(LOG_P[k]));   // m * p + c: m's class is known, p's (a loop phi) is not
            }
            FloatVector y = m.mul(z).mul(p);
            y = e.fma(bc(LN2_LO), y);
            y = z.fma(bc(-0.5f), y);
            FloatVector result = e.fma(bc(LN2_HI), m.add(y));
            // The scalar function's early returns: x itself for +inf and NaN, -inf at 0, NaN below 0.
            result = result.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY)
                    .or(x.test(VectorOperators.IS_NAN)));
            result = result.blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
            result.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** {@code out[oo+i] = sigmoid(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int sigmoidRun(int bound, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            sigmoid(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        return bound;
    }

    static FloatVector exp(FloatVector input) {
        FloatVector x = exact(input);   // a parameter: C2 knows its class only where this is inlined
        FloatVector shifted = x.mul(LOG2E).add(ROUNDER);
        FloatVector t = shifted.sub(ROUNDER);
        // t as an int from shifted's low bits, as expm1 does, rather than by convert(F2I): the same n for every x the
        // blends below keep, and no call whose target C2 must take from a type profile (see VectorWidth#exact).
        IntVector n = exactInts(shifted.reinterpretAsInts()).sub(ROUNDER_BITS);
        FloatVector r = t.fma(bc(-LN2_HI), x);
        r = t.fma(bc(-LN2_LO), r);
        FloatVector p = bc(EXP_P0);
        p = p.fma(r, bc(EXP_P1));
        p = p.fma(r, bc(EXP_P2));
        p = p.fma(r, bc(EXP_P3));
        p = p.fma(r, bc(EXP_P4));
        p = p.fma(r, bc(EXP_P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        y = y.mul(pow2(n1)).mul(pow2(n.sub(n1)));
        y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_OVERFLOW));
        return y.blend(0f, x.compare(VectorOperators.LT, EXP_UNDERFLOW));
    }

    private static FloatVector pow2(IntVector n) {
        return exact(n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    /** Doubles in a vector of the float species' size: half as many lanes. */
    private static final VectorSpecies<Double> D =
            VectorSpecies.of(double.class, VectorShape.forBitSize(S.vectorBitSize()));

    /** {@code out[oo+i] = tanh(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int tanhRun(int bound, float[] x, int xo, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** {@link Transcendental#tanh} lane by lane: each half of the lanes in double, then rounded and the sign put back. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector low = (FloatVector) tanhOfAbs((DoubleVector) a.convertShape(VectorOperators.F2D, D, 0))
                .convertShape(VectorOperators.D2F, S, 0);
        FloatVector high = (FloatVector) tanhOfAbs((DoubleVector) a.convertShape(VectorOperators.F2D, D, 1))
                .convertShape(VectorOperators.D2F, S, -1);
        FloatVector t = low.blend(high, UPPER_HALF);
        t = t.blend(1f, a.compare(VectorOperators.GE, (float) TANH_ONE));
        IntVector sign = ((IntVector) x.reinterpretAsInts()).and(0x80000000);
        t = (FloatVector) ((IntVector) t.reinterpretAsInts()).or(sign).reinterpretAsFloats();
        return t.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /** The lanes filled by the second half's conversion (part -1). */
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(S, -1L << (S.length() / 2));

    /** {@code m / (m + 2)}, m = e^(2a) - 1, for lanes a >= 0 (those >= 9.1 are replaced by the caller). */
    private static DoubleVector tanhOfAbs(DoubleVector a) {
        DoubleVector y = a.add(a).min(TANH_ONE * 2);
        DoubleVector shifted = y.mul(INV_LN2_D).add(ROUNDER_D);
        DoubleVector n = shifted.sub(ROUNDER_D);
        DoubleVector r = n.fma(DoubleVector.broadcast(D, -LN2_LO_D), n.fma(DoubleVector.broadcast(D, -LN2_HI_D), y));
        DoubleVector p = DoubleVector.broadcast(D, EXPM1_TAYLOR[0]);
        for (int k = 1; k < EXPM1_TAYLOR.length; k++) {
            p = r.fma(p, DoubleVector.broadcast(D, EXPM1_TAYLOR[k]));
        }
        DoubleVector em1 = r.mul(r).fma(p, r);   // r * r * p + r: p is a loop phi, r's class is known
        // 2^n from the bits of n + 1.5 * 2^52 (n in its low bits): AVX2 has no double-to-long conversion
        DoubleVector scale = (DoubleVector) ((LongVector) shifted.reinterpretAsLongs()).add(1023 - ROUNDER_D_BITS)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector m = scale.fma(em1, scale.sub(1.0));
        return m.div(m.add(2.0));
    }

    static FloatVector sigmoid(FloatVector x) {
        return bc(1f).div(exp(exact(x).neg()).add(1f));
    }
}
