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

    /** {@code out[oo+i] = exp(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int expRun(int bound, float[] x, int xo, float[] out, int oo) {
        return expOrSigmoidRun(bound, x, xo, false, out, oo);
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
                    .convertShape(VectorOperators.I2F, S, 0)).sub(bias);
            FloatVector m = (FloatVector) bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            e = e.sub(FloatVector.zero(S).blend(1f, low));
            m = m.add(m).sub(1f).blend(m.sub(1f), low.not());
            FloatVector z = m.mul(m);
            FloatVector p = FloatVector.broadcast(S, LOG_P[0]);
            for (int k = 1; k < LOG_P.length; k++) {
                // m * p + c: m's class is known, p's (a loop phi) is not
                p = m.fma(p, FloatVector.broadcast(S, LOG_P[k]));
            }
            FloatVector y = m.mul(z).mul(p);
            y = e.fma(FloatVector.broadcast(S, LN2_LO), y);
            y = z.fma(FloatVector.broadcast(S, -0.5f), y);
            FloatVector result = e.fma(FloatVector.broadcast(S, LN2_HI), m.add(y));
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
        return expOrSigmoidRun(bound, x, xo, true, out, oo);
    }

    /**
     * {@code out[oo+i] = exp(x[xo+i])}, or with {@code sigmoid} {@code 1 / (exp(-x[xo+i]) + 1)}, for i below bound.
     * The function is written into the loop, as every vector step in these kernels is: a vector passed to or returned
     * from a method of vgrad's that C2 leaves out of line (a caller over its node-count cutoff, or a helper already
     * compiled on its own into a big method) is boxed, and C2 does leave them out (see {@link VectorWidth}). Sigmoid
     * as a second pass over exp(-x) ran 30 % slower.
     */
    private static int expOrSigmoidRun(int bound, float[] in, int io, boolean sigmoid, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, io + i);
            FloatVector x = sigmoid ? v.neg() : v;
            FloatVector shifted = x.mul(LOG2E).add(ROUNDER);
            FloatVector t = shifted.sub(ROUNDER);
            // t as an int from shifted's low bits, as expm1 does, rather than by convert(F2I): the same n for every x
            // the blends below keep
            IntVector n = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS);
            FloatVector r = t.fma(FloatVector.broadcast(S, -LN2_HI), x);
            r = t.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = FloatVector.broadcast(S, EXP_P0);
            p = p.fma(r, FloatVector.broadcast(S, EXP_P1));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P2));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P3));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P4));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P5));
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            // 2^n in two exact halves (n reaches -150 and 128, beyond one float exponent), each from exponent bits
            IntVector n1 = n.lanewise(VectorOperators.ASHR, 1), n2 = n.sub(n1);
            y = y.mul((FloatVector) n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul((FloatVector) n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_OVERFLOW));
            y = y.blend(0f, x.compare(VectorOperators.LT, EXP_UNDERFLOW));
            (sigmoid ? FloatVector.broadcast(S, 1f).div(y.add(1f)) : y).intoArray(out, oo + i);
        }
        return bound;
    }

    /** {@code out[oo+i] = erf(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int erfRun(int bound, float[] in, int io, float[] out, int oo) {
        return erfOrPowRun(bound, in, io, ERF, 0f, 1f, out, oo);
    }

    /**
     * {@code out[oo+i] = scale * pow(x[xo+i], y)} for i below bound (a multiple of the vector length); returns bound.
     */
    static int powRun(int bound, float[] in, int io, float y, float scale, float[] out, int oo) {
        return erfOrPowRun(bound, in, io, POW, y, scale, out, oo);
    }

    /** {@code out[oo+i] = log1p(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int log1pRun(int bound, float[] in, int io, float[] out, int oo) {
        return erfOrPowRun(bound, in, io, LOG1P, 0f, 1f, out, oo);
    }

    /** What {@link #erfOrPowRun} computes. */
    private static final int ERF = 0, POW = 1, LOG1P = 2;

    /**
     * erf ({@link Transcendental#erf}), {@code scale * pow(x, y)} ({@link Power#pow}) or log1p
     * ({@link Transcendental#log1p}) lane by lane, each half of the lanes in double; log1p is pow's log of 1 + x (x
     * itself below 2^-29 in magnitude), without the exp, and a vector holding a lane at or below -1, infinite or NaN
     * takes the scalar function. The other two end in {@link Power#exp}'s steps. erf: the fixed-length series and w = -x^2, then
     * {@code 2/sqrt(pi) e^w sum} with the sign put back, +-1 from |x| >= 4 and NaN lanes x itself. pow: log from the
     * exponent and mantissa bits (the exponent as a double through 2^52's mantissa, as AVX2 has no long-to-double
     * conversion) and w = y log x, then e^w as a float times scale (1 leaves it exact); a vector holding a lane that is
     * not a positive finite float, or whose w reaches the float range's ends, takes {@code Power.pow} lane by lane, as
     * the scalar path does. e^w: w = n ln 2 + r, Taylor to r^13, times 2^n from the bits of n + 1.5 * 2^52. Written
     * into the loop, like tanh's.
     */
    private static int erfOrPowRun(int bound, float[] in, int io, int mode, float y, float scale, float[] out,
                                   int oo) {
        boolean erf = mode == ERF;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, io + i);
            if (mode == POW && v.compare(VectorOperators.GT, 0f)
                    .and(v.compare(VectorOperators.LT, Float.POSITIVE_INFINITY)).not().anyTrue()) {
                scalarPow(in, io + i, y, scale, out, oo + i);
                continue;
            }
            if (mode == LOG1P && v.compare(VectorOperators.GT, -1f)
                    .and(v.compare(VectorOperators.LT, Float.POSITIVE_INFINITY)).not().anyTrue()) {
                for (int j = 0; j < S.length(); j++) {
                    out[oo + i + j] = Transcendental.log1p(in[io + i + j]);
                }
                continue;
            }
            FloatVector abs = v.abs(), source = mode == LOG1P ? v : abs;   // pow's lanes are positive: abs is v
            DoubleVector a0 = (DoubleVector) source.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector a1 = (DoubleVector) source.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector w0, w1;
            // never null: C2 halted in this method (JDK 25.0.3) with vector locals that were null on pow's path
            DoubleVector below0 = a0, below1 = a1, erfcx0 = a0, erfcx1 = a1;
            if (erf) {
                // Transcendental.erf's two pieces for every lane, chosen per lane below
                DoubleVector x20 = a0.mul(a0), x21 = a1.mul(a1);
                DoubleVector p0 = DoubleVector.broadcast(D, Transcendental.ERF_TAYLOR[Transcendental.ERF_SERIES - 1]);
                DoubleVector p1 = p0;
                for (int k = Transcendental.ERF_SERIES - 2; k >= 0; k--) {
                    DoubleVector c = DoubleVector.broadcast(D, Transcendental.ERF_TAYLOR[k]);
                    p0 = x20.fma(p0, c);   // the loop phi an argument, never the receiver (see log's loop)
                    p1 = x21.fma(p1, c);
                }
                below0 = a0.mul(p0);
                below1 = a1.mul(p1);
                DoubleVector u0 = a0.sub(2.5).mul(Transcendental.TWO_THIRDS);
                DoubleVector u1 = a1.sub(2.5).mul(Transcendental.TWO_THIRDS);
                erfcx0 = DoubleVector.broadcast(D, Transcendental.ERFCX[Transcendental.ERFCX.length - 1]);
                erfcx1 = erfcx0;
                for (int k = Transcendental.ERFCX.length - 2; k >= 0; k--) {
                    DoubleVector c = DoubleVector.broadcast(D, Transcendental.ERFCX[k]);
                    erfcx0 = u0.fma(erfcx0, c);
                    erfcx1 = u1.fma(erfcx1, c);
                }
                w0 = x20.neg();
                w1 = x21.neg();
            } else {
                // log of x (pow) or of 1 + x (log1p, exact in double from 2^-29 on)
                DoubleVector u0 = mode == LOG1P ? a0.add(1.0) : a0, u1 = mode == LOG1P ? a1.add(1.0) : a1;
                LongVector bits0 = (LongVector) u0.reinterpretAsLongs(), bits1 = (LongVector) u1.reinterpretAsLongs();
                // the exponent field as a double: its bits put into 2^52's mantissa, then 2^52 and the bias taken off
                DoubleVector e0 = ((DoubleVector) bits0.lanewise(VectorOperators.LSHR, 52).or(0x4330000000000000L)
                        .reinterpretAsDoubles()).sub(0x1p52).sub(1023.0);
                DoubleVector e1 = ((DoubleVector) bits1.lanewise(VectorOperators.LSHR, 52).or(0x4330000000000000L)
                        .reinterpretAsDoubles()).sub(0x1p52).sub(1023.0);
                DoubleVector m0 = (DoubleVector) bits0.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L)
                        .reinterpretAsDoubles();
                DoubleVector m1 = (DoubleVector) bits1.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L)
                        .reinterpretAsDoubles();
                VectorMask<Double> big0 = m0.compare(VectorOperators.GT, Power.SQRT2);
                VectorMask<Double> big1 = m1.compare(VectorOperators.GT, Power.SQRT2);
                m0 = m0.blend(m0.mul(0.5), big0);
                m1 = m1.blend(m1.mul(0.5), big1);
                e0 = e0.blend(e0.add(1.0), big0);
                e1 = e1.blend(e1.add(1.0), big1);
                DoubleVector q0 = m0.sub(1.0).div(m0.add(1.0)), q1 = m1.sub(1.0).div(m1.add(1.0));
                DoubleVector z0 = q0.mul(q0), z1 = q1.mul(q1);
                DoubleVector c0 = DoubleVector.broadcast(D, Transcendental.INV_ODD[9]), c1 = c0;
                for (int k = 8; k >= 0; k--) {
                    DoubleVector c = DoubleVector.broadcast(D, Transcendental.INV_ODD[k]);
                    c0 = z0.mul(c0).add(c);   // z's class is known, the sum's (a loop phi) is not
                    c1 = z1.mul(c1).add(c);
                }
                DoubleVector twoQ0 = q0.mul(2.0), twoQ1 = q1.mul(2.0);
                DoubleVector lg0 = e0.mul(LN2_HI_D).add(e0.mul(LN2_LO_D).add(twoQ0.add(twoQ0.mul(z0).mul(c0))));
                DoubleVector lg1 = e1.mul(LN2_HI_D).add(e1.mul(LN2_LO_D).add(twoQ1.add(twoQ1.mul(z1).mul(c1))));
                if (mode == LOG1P) {
                    FloatVector low = (FloatVector) lg0.convertShape(VectorOperators.D2F, S, 0);
                    FloatVector high = (FloatVector) lg1.convertShape(VectorOperators.D2F, S, -1);
                    low.blend(high, UPPER_HALF).blend(v, abs.compare(VectorOperators.LT, 0x1p-29f))
                            .intoArray(out, oo + i);
                    continue;
                }
                w0 = lg0.mul(y);
                w1 = lg1.mul(y);
                if (w0.compare(VectorOperators.LT, 88.5).and(w0.compare(VectorOperators.GT, -103.5))
                        .and(w1.compare(VectorOperators.LT, 88.5).and(w1.compare(VectorOperators.GT, -103.5)))
                        .not().anyTrue()) {
                    scalarPow(in, io + i, y, scale, out, oo + i);
                    continue;
                }
            }
            DoubleVector s0 = w0.mul(INV_LN2_D).add(ROUNDER_D), s1 = w1.mul(INV_LN2_D).add(ROUNDER_D);
            DoubleVector n0 = s0.sub(ROUNDER_D), n1 = s1.sub(ROUNDER_D);
            DoubleVector r0 = w0.sub(n0.mul(LN2_HI_D)).sub(n0.mul(LN2_LO_D));
            DoubleVector r1 = w1.sub(n1.mul(LN2_HI_D)).sub(n1.mul(LN2_LO_D));
            DoubleVector p0 = DoubleVector.broadcast(D, EXPM1_TAYLOR[0]), p1 = p0;
            for (int k = 1; k < EXPM1_TAYLOR.length; k++) {
                DoubleVector c = DoubleVector.broadcast(D, EXPM1_TAYLOR[k]);
                p0 = r0.mul(p0).add(c);
                p1 = r1.mul(p1).add(c);
            }
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            DoubleVector x0 = one.add(r0.add(r0.mul(r0).mul(p0))).mul((DoubleVector) ((LongVector) s0
                    .reinterpretAsLongs()).add(1023 - ROUNDER_D_BITS).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles());
            DoubleVector x1 = one.add(r1.add(r1.mul(r1).mul(p1))).mul((DoubleVector) ((LongVector) s1
                    .reinterpretAsLongs()).add(1023 - ROUNDER_D_BITS).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles());
            if (erf) {
                x0 = one.sub(x0.mul(erfcx0)).blend(below0, a0.compare(VectorOperators.LT, 1.0));
                x1 = one.sub(x1.mul(erfcx1)).blend(below1, a1.compare(VectorOperators.LT, 1.0));
            }
            FloatVector low = (FloatVector) x0.convertShape(VectorOperators.D2F, S, 0);
            FloatVector high = (FloatVector) x1.convertShape(VectorOperators.D2F, S, -1);
            FloatVector t = low.blend(high, UPPER_HALF);
            if (erf) {
                t = t.blend(1f, abs.compare(VectorOperators.GE, 4f));
                IntVector sign = ((IntVector) v.reinterpretAsInts()).and(0x80000000);
                t = ((FloatVector) ((IntVector) t.reinterpretAsInts()).or(sign).reinterpretAsFloats())
                        .blend(v, v.test(VectorOperators.IS_NAN));
            } else {
                t = t.mul(scale);
            }
            t.intoArray(out, oo + i);
        }
        return bound;
    }

    /** One vector's lanes of {@link #powRun} on the scalar function. */
    private static void scalarPow(float[] in, int io, float y, float scale, float[] out, int oo) {
        for (int j = 0; j < S.length(); j++) {
            out[oo + j] = scale * Power.pow(in[io + j], y);
        }
    }

    /** Which function {@link #trigRun} computes. */
    static final int SIN = 0, COS = 1, TAN = 2;

    /**
     * {@code out[oo+i] = sin, cos or tan of x[xo+i]} ({@link #SIN}, {@link #COS}, {@link #TAN}) for i below bound (a
     * multiple of the vector length); returns bound. {@link Trigonometry}'s steps lane by lane, each half of the lanes
     * in double: k = rint(|x| 2/pi) by the rounder (its low bits are the quadrant), the three-part reduction, both
     * Taylor polynomials, then the quadrant's choice and sign by bits. A vector holding a lane of 2^20 or more, an
     * infinity or NaN takes the scalar function, as the scalar path does. Written into the loop, like tanh's.
     */
    static int trigRun(int bound, float[] in, int io, int which, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, in, io + i);
            FloatVector abs = v.abs();
            if (abs.compare(VectorOperators.GE, Trigonometry.LARGE).or(v.test(VectorOperators.IS_NAN)).anyTrue()) {
                for (int j = 0; j < S.length(); j++) {
                    float x = in[io + i + j];
                    out[oo + i + j] = which == SIN ? Trigonometry.sin(x)
                            : which == COS ? Trigonometry.cos(x) : Trigonometry.tan(x);
                }
                continue;
            }
            DoubleVector a0 = (DoubleVector) abs.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector a1 = (DoubleVector) abs.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector s0 = a0.mul(Trigonometry.TWO_OVER_PI).add(ROUNDER_D);
            DoubleVector s1 = a1.mul(Trigonometry.TWO_OVER_PI).add(ROUNDER_D);
            DoubleVector k0 = s0.sub(ROUNDER_D), k1 = s1.sub(ROUNDER_D);
            DoubleVector r0 = a0.sub(k0.mul(Trigonometry.PIO2_1)).sub(k0.mul(Trigonometry.PIO2_2))
                    .sub(k0.mul(Trigonometry.PIO2_2T));
            DoubleVector r1 = a1.sub(k1.mul(Trigonometry.PIO2_1)).sub(k1.mul(Trigonometry.PIO2_2))
                    .sub(k1.mul(Trigonometry.PIO2_2T));
            DoubleVector z0 = r0.mul(r0), z1 = r1.mul(r1);
            DoubleVector ps0 = DoubleVector.broadcast(D, Trigonometry.SIN[8]), ps1 = ps0;
            DoubleVector pc0 = DoubleVector.broadcast(D, Trigonometry.COS[8]), pc1 = pc0;
            for (int c = 7; c >= 0; c--) {
                // z * p + coefficient: z's class is known, p's (a loop phi) is not
                DoubleVector sc = DoubleVector.broadcast(D, Trigonometry.SIN[c]);
                DoubleVector cc = DoubleVector.broadcast(D, Trigonometry.COS[c]);
                ps0 = z0.mul(ps0).add(sc);
                ps1 = z1.mul(ps1).add(sc);
                pc0 = z0.mul(pc0).add(cc);
                pc1 = z1.mul(pc1).add(cc);
            }
            DoubleVector one = DoubleVector.broadcast(D, 1.0);
            DoubleVector sin0 = r0.add(r0.mul(z0).mul(ps0)), sin1 = r1.add(r1.mul(z1).mul(ps1));
            DoubleVector cos0 = one.sub(z0.mul(0.5)).add(z0.mul(z0).mul(pc0));
            DoubleVector cos1 = one.sub(z1.mul(0.5)).add(z1.mul(z1).mul(pc1));
            // the quadrant k mod 4 in the low bits of k + 1.5 * 2^52; "odd" as a double of bits 0 or 1 (0 or the
            // least subnormal) compared with 0
            LongVector q0 = (LongVector) s0.reinterpretAsLongs(), q1 = (LongVector) s1.reinterpretAsLongs();
            VectorMask<Double> odd0 = ((DoubleVector) q0.and(1L).reinterpretAsDoubles())
                    .compare(VectorOperators.GT, 0.0);
            VectorMask<Double> odd1 = ((DoubleVector) q1.and(1L).reinterpretAsDoubles())
                    .compare(VectorOperators.GT, 0.0);
            DoubleVector f0, f1;
            if (which == TAN) {
                f0 = sin0.blend(cos0.neg(), odd0).div(cos0.blend(sin0, odd0));
                f1 = sin1.blend(cos1.neg(), odd1).div(cos1.blend(sin1, odd1));
            } else {
                // sin(|x|): sin r, cos r, -sin r, -cos r by quadrant; cos(|x|): cos r, -sin r, -cos r, sin r
                boolean sin = which == SIN;
                DoubleVector c0 = sin ? sin0.blend(cos0, odd0) : cos0.blend(sin0, odd0);
                DoubleVector c1 = sin ? sin1.blend(cos1, odd1) : cos1.blend(sin1, odd1);
                LongVector n0 = (sin ? q0 : q0.add(1L)).and(2L).lanewise(VectorOperators.LSHL, 62);
                LongVector n1 = (sin ? q1 : q1.add(1L)).and(2L).lanewise(VectorOperators.LSHL, 62);
                f0 = (DoubleVector) ((LongVector) c0.reinterpretAsLongs()).lanewise(VectorOperators.XOR, n0)
                        .reinterpretAsDoubles();
                f1 = (DoubleVector) ((LongVector) c1.reinterpretAsLongs()).lanewise(VectorOperators.XOR, n1)
                        .reinterpretAsDoubles();
            }
            FloatVector low = (FloatVector) f0.convertShape(VectorOperators.D2F, S, 0);
            FloatVector high = (FloatVector) f1.convertShape(VectorOperators.D2F, S, -1);
            FloatVector t = low.blend(high, UPPER_HALF);
            if (which != COS) {
                // sin and tan are odd: x's sign bit flips the result's (negation, exact)
                IntVector sign = ((IntVector) v.reinterpretAsInts()).and(0x80000000);
                t = (FloatVector) ((IntVector) t.reinterpretAsInts()).lanewise(VectorOperators.XOR, sign)
                        .reinterpretAsFloats();
            }
            t.intoArray(out, oo + i);
        }
        return bound;
    }

    /** Doubles in a vector of the float species' size: half as many lanes. */
    private static final VectorSpecies<Double> D =
            VectorSpecies.of(double.class, VectorShape.forBitSize(S.vectorBitSize()));

    /** {@code out[oo+i] = tanh(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int tanhRun(int bound, float[] x, int xo, float[] out, int oo) {
        return expm1FamilyRun(bound, x, xo, true, out, oo);
    }

    /** {@code out[oo+i] = expm1(x[xo+i])} for i below bound (a multiple of the vector length); returns bound. */
    static int expm1Run(int bound, float[] x, int xo, float[] out, int oo) {
        return expm1FamilyRun(bound, x, xo, false, out, oo);
    }

    /**
     * tanh ({@link Transcendental#tanh}) or expm1 ({@link Transcendental#expm1}) lane by lane, both built on
     * {@code m = e^y - 1} ({@link Transcendental#expm1Reduced}) in double: each half of the lanes converted, y = 2|x|
     * (tanh) or x, the double steps, then tanh's {@code m / (m + 2)} with the sign put back and +-1 from |x| >= 9.1, or
     * expm1's m with -1 at or below -18, infinity from 89 and +-0 itself; NaN lanes x itself. Written into the loop, both halves
     * side by side: with the double steps in a method of their own, C2 could compile that method alone first (it was
     * called from tanh's tier-3 code), then refuse to inline it ("already compiled into a big method"), and every
     * vector crossing the call was boxed: 3.2 MB a step for a 64 x 64 tanh without type profiles, 793 KB for a
     * 784-64-10 tanh network, and the likely cause of the GRU step's rare fork at 2.65 MB (BENCHMARKS.md). Written out
     * it allocates nothing and runs as fast (Intel Xeon, AVX-512).
     */
    private static int expm1FamilyRun(int bound, float[] x, int xo, boolean tanh, float[] out, int oo) {
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector abs = v.abs(), in = tanh ? abs : v;
            DoubleVector a0 = (DoubleVector) in.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector a1 = (DoubleVector) in.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector y0 = tanh ? a0.add(a0).min(TANH_ONE * 2) : a0, y1 = tanh ? a1.add(a1).min(TANH_ONE * 2) : a1;
            DoubleVector s0 = y0.mul(INV_LN2_D).add(ROUNDER_D), s1 = y1.mul(INV_LN2_D).add(ROUNDER_D);
            DoubleVector n0 = s0.sub(ROUNDER_D), n1 = s1.sub(ROUNDER_D);
            DoubleVector lnLo = DoubleVector.broadcast(D, -LN2_LO_D), lnHi = DoubleVector.broadcast(D, -LN2_HI_D);
            DoubleVector r0 = n0.fma(lnLo, n0.fma(lnHi, y0)), r1 = n1.fma(lnLo, n1.fma(lnHi, y1));
            DoubleVector p0 = DoubleVector.broadcast(D, EXPM1_TAYLOR[0]), p1 = p0;
            for (int k = 1; k < EXPM1_TAYLOR.length; k++) {
                DoubleVector c = DoubleVector.broadcast(D, EXPM1_TAYLOR[k]);
                p0 = r0.fma(p0, c);   // r's class is known, p's (a loop phi) is not
                p1 = r1.fma(p1, c);
            }
            DoubleVector e0 = r0.mul(r0).fma(p0, r0), e1 = r1.mul(r1).fma(p1, r1);
            // 2^n from the bits of n + 1.5 * 2^52 (n in its low bits): AVX2 has no double-to-long conversion
            DoubleVector c0 = (DoubleVector) ((LongVector) s0.reinterpretAsLongs()).add(1023 - ROUNDER_D_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector c1 = (DoubleVector) ((LongVector) s1.reinterpretAsLongs()).add(1023 - ROUNDER_D_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector m0 = c0.fma(e0, c0.sub(1.0)), m1 = c1.fma(e1, c1.sub(1.0));
            FloatVector t;
            if (tanh) {
                FloatVector low = (FloatVector) m0.div(m0.add(2.0)).convertShape(VectorOperators.D2F, S, 0);
                FloatVector high = (FloatVector) m1.div(m1.add(2.0)).convertShape(VectorOperators.D2F, S, -1);
                t = low.blend(high, UPPER_HALF).blend(1f, abs.compare(VectorOperators.GE, (float) TANH_ONE));
                IntVector sign = ((IntVector) v.reinterpretAsInts()).and(0x80000000);
                t = (FloatVector) ((IntVector) t.reinterpretAsInts()).or(sign).reinterpretAsFloats();
            } else {
                FloatVector low = (FloatVector) m0.convertShape(VectorOperators.D2F, S, 0);
                FloatVector high = (FloatVector) m1.convertShape(VectorOperators.D2F, S, -1);
                t = low.blend(high, UPPER_HALF)
                        .blend(-1f, v.compare(VectorOperators.LE, Transcendental.EXPM1_MINUS_ONE))
                        .blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.GE, Transcendental.EXPM1_INFINITE))
                        .blend(v, v.compare(VectorOperators.EQ, 0f));   // +-0 itself
            }
            t.blend(v, v.test(VectorOperators.IS_NAN)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** The lanes filled by the second half's conversion (part -1). */
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(S, -1L << (S.length() / 2));
}
