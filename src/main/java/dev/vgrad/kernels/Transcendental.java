package dev.vgrad.kernels;

/**
 * exp, log and sigmoid on floats from exactly rounded operations only (float add, multiply, divide, FMA and exact
 * bit manipulation), so that the result is a function of the input alone: the same bits interpreted or compiled,
 * and the same bits on the vector path, whose loops in {@code VectorTranscendental} perform these steps in this order
 * lane by lane. (The Vector API's own EXP/LOG/TANH call an intrinsic library when compiled and a Java fallback when
 * not, and the two round differently.) The polynomials are Cephes' single-precision ones; measured against double
 * references, exp is within 1.01 ulp, log 0.82, sigmoid 1.95 (TranscendentalTest holds them to 2).
 */
public final class Transcendental {
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the nearest integer. */
    static final float ROUNDER = 12582912f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** Above this exp overflows, below {@link #EXP_UNDERFLOW} it is 0. */
    static final float EXP_OVERFLOW = 88.72283905206835f;
    static final float EXP_UNDERFLOW = -103.972076f;
    static final float EXP_P0 = 1.9875691500e-4f;
    static final float EXP_P1 = 1.3981999507e-3f;
    static final float EXP_P2 = 8.3334519073e-3f;
    static final float EXP_P3 = 4.1665795894e-2f;
    static final float EXP_P4 = 1.6666665459e-1f;
    static final float EXP_P5 = 5.0000001201e-1f;

    static final float SQRT_HALF = 0.707106781186547524f;
    static final float[] LOG_P = {7.0376836292e-2f, -1.1514610310e-1f, 1.1676998740e-1f, -1.2420140846e-1f,
        1.4249322787e-1f, -1.6668057665e-1f, 2.0000714765e-1f, -2.4999993993e-1f, 3.3333331174e-1f};

    private Transcendental() {}

    /** e^x. */
    public static float exp(float x) {
        if (x > EXP_OVERFLOW) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < EXP_UNDERFLOW) {
            return 0f;
        }
        // x = n ln2 + r, |r| <= ln2 / 2, with ln2 in two parts so that n ln2 is exact.
        float t = (x * LOG2E + ROUNDER) - ROUNDER;
        int n = (int) t;
        float r = Math.fma(t, -LN2_HI, x);
        r = Math.fma(t, -LN2_LO, r);
        float p = EXP_P0;
        p = Math.fma(p, r, EXP_P1);
        p = Math.fma(p, r, EXP_P2);
        p = Math.fma(p, r, EXP_P3);
        p = Math.fma(p, r, EXP_P4);
        p = Math.fma(p, r, EXP_P5);
        float y = Math.fma(p, r * r, r) + 1f;
        // 2^n in two exact halves: n reaches -150 (subnormal results) and 128, beyond one float exponent.
        int n1 = n >> 1;
        return y * pow2(n1) * pow2(n - n1);
    }

    private static float pow2(int n) {
        return Float.intBitsToFloat((n + 127) << 23);
    }

    /** The natural logarithm: -inf at 0, NaN below 0. */
    public static float log(float x) {
        if (!(x > 0f) || x == Float.POSITIVE_INFINITY) {
            return x == 0f ? Float.NEGATIVE_INFINITY : x > 0f ? x : Float.NaN;
        }
        int bias = 0;
        if (x < Float.MIN_NORMAL) {
            x *= 8388608f;   // 2^23: subnormals become normal, exactly
            bias = 23;
        }
        int bits = Float.floatToRawIntBits(x);
        // x = m 2^e with m in [0.5, 1), then m moved to [sqrt(1/2), sqrt(2)) and reduced to m - 1.
        float e = ((bits >>> 23) & 0xff) - 126 - bias;
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f000000);
        if (m < SQRT_HALF) {
            e -= 1f;
            m = m + m - 1f;
        } else {
            m = m - 1f;
        }
        float z = m * m;
        float p = LOG_P[0];
        for (int i = 1; i < LOG_P.length; i++) {
            p = Math.fma(p, m, LOG_P[i]);
        }
        float y = m * z * p;
        y = Math.fma(e, LN2_LO, y);
        y = Math.fma(z, -0.5f, y);
        return Math.fma(e, LN2_HI, m + y);
    }

    /**
     * The hyperbolic tangent, as fdlibm's double tanh rounded once ({@link StrictMath}, plain Java, so the same
     * interpreted or compiled). A float polynomial was within 1.3 ulp, and an L-BFGS line search run against PyTorch
     * amplified that into a 2e-3 difference after 14 steps; tanh has no vector loop for this reason.
     */
    public static float tanh(float x) {
        return (float) StrictMath.tanh(x);
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** 2 / sqrt(pi) */
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /**
     * The error function, computed in double and rounded once, from +, *, / and {@link StrictMath#exp} only, so its
     * bits are the same on every JVM and in every tier. For |x| < 4 the series
     * {@code erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1))}, whose terms are all positive (no
     * cancellation), to double precision; beyond, erf is 1 to within half a float ulp.
     */
    public static float erf(float x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs((double) x);
        if (a >= 4.0) {
            return x > 0 ? 1f : -1f;
        }
        double x2 = a * a, term = a, sum = a;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
        }
        double r = TWO_OVER_SQRT_PI * StrictMath.exp(-x2) * sum;
        return (float) Math.copySign(r, x);
    }
}
