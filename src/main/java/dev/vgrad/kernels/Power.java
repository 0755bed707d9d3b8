package dev.vgrad.kernels;

import static dev.vgrad.kernels.Transcendental.EXPM1_TAYLOR;
import static dev.vgrad.kernels.Transcendental.INV_LN2_D;
import static dev.vgrad.kernels.Transcendental.INV_ODD;
import static dev.vgrad.kernels.Transcendental.LN2_HI_D;
import static dev.vgrad.kernels.Transcendental.LN2_LO_D;
import static dev.vgrad.kernels.Transcendental.ROUNDER_D;

/**
 * {@code x^y} of floats as {@code exp(y log x)} in double (lane by lane in {@code VectorTranscendental.powRun}), from
 * exactly rounded steps and rounded once, allocating nothing. StrictMath's fdlibm port, used before, allocates small
 * arrays inside {@code Pow.compute} wherever C2 does not compile it to its liking (96 B an element after a mix of other
 * ops; rsqrt's backward once cost a transformer step 1.5 MB that way). log x carries ~5e-16 relative error and y log x
 * at most ~5e-14 absolute (|y log x| < 89 here), so the float result is the correctly rounded one but for values within
 * that of a rounding boundary; PowerTest counts how often it differs from {@code (float) StrictMath.pow} (never by more
 * than one float ulp). Zero, infinite and NaN operands, a negative base with a non-integral exponent (NaN) and results
 * beyond the float range go to StrictMath, but for the cases where C's pow, which PyTorch's follows, differs from
 * Java's ({@link #cPow}).
 */
final class Power {
    static final double SQRT2 = 1.4142135623730951;

    private Power() {}

    static float pow(float x, float y) {
        if (!(Float.isFinite(x) && Float.isFinite(y)) || x == 0f || y == 0f) {
            return (float) cPow(x, y);
        }
        boolean negate = false;
        if (x < 0f) {
            if (y != Math.rint(y)) {
                return (float) StrictMath.pow(x, y);   // NaN, with StrictMath's bits (0/0's on this CPU)
            }
            // |y| >= 2^24 is even (a float that large is a multiple of 2); below, the parity of the integer
            negate = Math.abs(y) < 0x1p24f && ((int) y & 1) != 0;
        }
        double w = y * log(Math.abs((double) x));
        if (!(w < 88.5 && w > -103.5)) {
            return (float) StrictMath.pow(x, y);   // at or beyond the float range's ends: overflow or underflow
        }
        double r = exp(w);
        return (float) (negate ? -r : r);
    }

    /**
     * C's pow (C99 Annex F, IEEE 754), which PyTorch's kernels follow (std::pow, Sleef), through StrictMath where the
     * two agree: 1 to any power, NaN included, and -1 to an infinite power are 1, where Java's pow gives NaN.
     */
    static double cPow(double x, double y) {
        return x == 1 || (x == -1 && Double.isInfinite(y)) ? 1 : StrictMath.pow(x, y);
    }

    /**
     * ln a for a positive, finite, normal double: a = m 2^e with m in [sqrt(1/2), sqrt(2)), 2 atanh((m-1)/(m+1)) + e ln 2.
     * log1p uses it too.
     */
    static double log(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int e = (int) (bits >>> 52) - 1023;   // a is a float's value: never subnormal as a double
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        // atanh's series from s^3/3 to s^21/21: 1/(2i+3) for i = 0..9
        double s = (m - 1.0) / (m + 1.0), z = s * s, p = INV_ODD[9];
        for (int i = 8; i >= 0; i--) {
            p = p * z + INV_ODD[i];
        }
        double logM = 2.0 * s + 2.0 * s * z * p;
        return e * LN2_HI_D + (e * LN2_LO_D + logM);
    }

    /**
     * e^w for -104 < w < 89: w = n ln 2 + r with |r| <= ln 2 / 2, Taylor to r^13, times 2^n (exact). erf uses it too,
     * and {@code VectorTranscendental.erfRun} takes the same steps lane by lane.
     */
    static double exp(double w) {
        double n = (w * INV_LN2_D + ROUNDER_D) - ROUNDER_D;
        double r = (w - n * LN2_HI_D) - n * LN2_LO_D;
        double p = EXPM1_TAYLOR[0];   // 1/k!, k from 13 down to 2
        for (int k = 1; k < EXPM1_TAYLOR.length; k++) {
            p = p * r + EXPM1_TAYLOR[k];
        }
        return Math.scalb(1.0 + (r + r * r * p), (int) n);
    }
}
