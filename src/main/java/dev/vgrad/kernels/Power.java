package dev.vgrad.kernels;

/**
 * {@code x^y} of floats as {@code exp(y log x)} in double (lane by lane in {@code VectorTranscendental.powRun}), from
 * exactly rounded steps and rounded once, allocating nothing. StrictMath's fdlibm port, used before, allocates small
 * arrays inside {@code Pow.compute} wherever C2 does not compile it to its liking (96 B an element after a mix of other
 * ops; rsqrt's backward once cost a transformer step 1.5 MB that way). log x carries ~5e-16 relative error and y log x
 * at most ~5e-14 absolute (|y log x| < 89 here), so the float result is the correctly rounded one but for values within
 * that of a rounding boundary; PowerTest counts how often it differs from {@code (float) StrictMath.pow} (never by more
 * than one float ulp). Zero, infinite and NaN operands, a negative base with a non-integral exponent (NaN) and results
 * beyond the float range go to StrictMath.
 */
final class Power {
    static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L),
            LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L), INV_LN2 = 1.4426950408889634;
    /** 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 in magnitude to the nearest integer. */
    private static final double ROUNDER = 6755399441055744.0;
    static final double SQRT2 = 1.4142135623730951;
    /** 1/(2i+1) for i = 1..10: atanh's series, s^3/3 to s^21/21. */
    static final double[] ODD = odd();
    /** 1/k! for k = 2..13: exp's Taylor series from r^2. */
    static final double[] FACT = factorials();

    private Power() {}

    private static double[] odd() {
        double[] c = new double[10];
        for (int i = 0; i < c.length; i++) {
            c[i] = 1.0 / (2 * i + 3);
        }
        return c;
    }

    private static double[] factorials() {
        double[] c = new double[12];
        double f = 1;
        for (int k = 2; k <= 13; k++) {
            f *= k;
            c[k - 2] = 1.0 / f;
        }
        return c;
    }

    static float pow(float x, float y) {
        if (!(Float.isFinite(x) && Float.isFinite(y)) || x == 0f || y == 0f) {
            return (float) StrictMath.pow(x, y);
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
        double s = (m - 1.0) / (m + 1.0), z = s * s, p = ODD[9];
        for (int i = 8; i >= 0; i--) {
            p = p * z + ODD[i];
        }
        double logM = 2.0 * s + 2.0 * s * z * p;
        return e * LN2_HI + (e * LN2_LO + logM);
    }

    /**
     * e^w for -104 < w < 89: w = n ln 2 + r with |r| <= ln 2 / 2, Taylor to r^13, times 2^n (exact). erf uses it too,
     * and {@code VectorTranscendental.erfRun} takes the same steps lane by lane.
     */
    static double exp(double w) {
        double n = (w * INV_LN2 + ROUNDER) - ROUNDER;
        double r = (w - n * LN2_HI) - n * LN2_LO;
        double p = FACT[11];
        for (int k = 10; k >= 0; k--) {
            p = p * r + FACT[k];
        }
        return Math.scalb(1.0 + (r + r * r * p), (int) n);
    }
}
