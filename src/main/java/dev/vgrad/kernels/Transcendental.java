package dev.vgrad.kernels;

/**
 * exp, log and sigmoid on floats from exactly rounded operations only (float add, multiply, divide, FMA and exact
 * bit manipulation), so that the result is a function of the input alone: the same bits interpreted or compiled,
 * and the same bits on the vector path, whose loops in {@code VectorTranscendental} perform these steps in this order
 * lane by lane. (The Vector API's own EXP/LOG/TANH call an intrinsic library when compiled and a Java fallback when
 * not, and the two round differently.) The polynomials are Cephes' single-precision ones; measured against double
 * references, exp is within 1.01 ulp, log 0.82, sigmoid 1.95 (TranscendentalTest holds them to 2). tanh, expm1, log1p
 * and erf are computed in double from exactly rounded steps and rounded once, their vector twins taking the same
 * steps on double lanes.
 */
public final class Transcendental {
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the nearest integer. */
    static final float ROUNDER = 12582912f;
    /** ROUNDER's bits: those of ROUNDER + n exceed them by n. */
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
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
     * The hyperbolic tangent, computed in double from exactly rounded operations and rounded once:
     * {@code tanh|x| = m / (m + 2)} with {@code m = e^(2|x|) - 1} (see {@link #expm1Reduced}), the sign put back, and +-1
     * from |x| >= 9.1 (where the float result is 1 anyway). The double result is within a few double ulps, so the float
     * is the correctly rounded one (fdlibm's, which this replaced) but for inputs within ~1e-15 of a rounding boundary;
     * and every step has a lane-wise twin, so the vector path gives the same bits. A float polynomial (1.3 ulp) was
     * tried before: an L-BFGS line search run against PyTorch amplified its error into a 2e-3 difference.
     */
    public static float tanh(float x) {
        double a = Math.abs((double) x);
        if (!(a < TANH_ONE)) {
            return x != x ? x : Math.copySign(1f, x);
        }
        double m = expm1Reduced(a + a);
        return Math.copySign((float) (m / (m + 2.0)), x);
    }

    /** From here on tanh rounds to 1 in float (it does from 9.011). */
    static final double TANH_ONE = 9.1;
    static final double LN2_HI_D = 6.93147180369123816490e-01;
    static final double LN2_LO_D = 1.90821492927058770002e-10;
    static final double INV_LN2_D = 1.44269504088896338700e+00;
    /** 1.5 * 2^52: adding and subtracting it rounds a double of magnitude below 2^51 to the nearest integer. */
    static final double ROUNDER_D = 6755399441055744.0;
    /** ROUNDER_D's bits: those of ROUNDER_D + n exceed them by n. */
    static final long ROUNDER_D_BITS = Double.doubleToRawLongBits(ROUNDER_D);
    /** 1 / k! for k = 13 down to 2: Taylor's coefficients of e^r - 1 - r, highest first. */
    static final double[] EXPM1_TAYLOR = {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
        1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};

    /**
     * {@code e^y - 1} in double for -18 < y < 89: y = n ln2 + r with |r| <= ln2 / 2 (ln2 in two parts, n ln2 exact),
     * {@code e^r - 1} by its Taylor series to r^13 (relative error below 1e-16), then {@code 2^n (e^r - 1) + (2^n - 1)}.
     * For n = 0 that is the series alone, so a small y keeps its relative accuracy.
     */
    static double expm1Reduced(double y) {
        double shifted = y * INV_LN2_D + ROUNDER_D;
        double n = shifted - ROUNDER_D;
        double r = Math.fma(n, -LN2_LO_D, Math.fma(n, -LN2_HI_D, y));
        double p = EXPM1_TAYLOR[0];
        for (int k = 1; k < EXPM1_TAYLOR.length; k++) {
            p = Math.fma(p, r, EXPM1_TAYLOR[k]);
        }
        double em1 = Math.fma(p, r * r, r);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023 - ROUNDER_D_BITS) << 52);
        return Math.fma(scale, em1, scale - 1.0);
    }

    /**
     * {@code e^x - 1} by {@link #expm1Reduced} (which holds for negative arguments too: for n < 0,
     * {@code 2^n (e^r - 1) + (2^n - 1)} adds a small term to an exact one), rounded once; -1 at and below -18,
     * infinity from 89, and NaN and +-0 themselves. Allocation-free and with a vector twin
     * ({@code VectorTranscendental.expm1Run}); StrictMath's, used before, ran at 11.5 ns an element.
     */
    public static float expm1(float x) {
        if (x != x || x == 0f) {
            return x;   // NaN itself; +-0 itself (the series would give +0 for -0)
        }
        if (x <= EXPM1_MINUS_ONE) {
            return -1f;   // e^x is below half a float ulp of 1 (StrictMath's rounds to -1 too)
        }
        if (x >= EXPM1_INFINITE) {
            return Float.POSITIVE_INFINITY;
        }
        return (float) expm1Reduced(x);
    }

    /** expm1 is -1 at and below this, infinite at and above {@link #EXPM1_INFINITE}. */
    static final float EXPM1_MINUS_ONE = -18f, EXPM1_INFINITE = 89f;

    /**
     * {@code ln(1 + x)}: x itself below 2^-29 in magnitude (where the float result is x), else {@link Power#log} of
     * {@code 1 + x}, exact in double from 2^-29 on; at or below -1, at infinity and for NaN, StrictMath's.
     * Allocation-free and with a vector twin ({@code VectorTranscendental.log1pRun}, pow's log steps).
     */
    public static float log1p(float x) {
        if (!(x > -1f && x < Float.POSITIVE_INFINITY)) {
            return (float) StrictMath.log1p(x);
        }
        if (Math.abs(x) < 0x1p-29f) {
            return x;
        }
        return (float) Power.log(1.0 + x);
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** 2 / sqrt(pi) */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /**
     * The error function, computed in double and rounded once, from +, *, fused multiply-adds and exact bit steps only,
     * so its bits are the same on every JVM, in every tier and on the vector path ({@code VectorTranscendental.erfRun}
     * takes these steps lane by lane). Below |x| = 1, |x| times the Taylor series of erf(a)/a in a^2 to
     * {@link #ERF_SERIES} terms (the next is below 4e-13 of the sum); from 1 to 4, {@code 1 - e^(-a^2) erfcx(a)} with
     * erfcx a degree-20 polynomial in {@code u = (a - 2.5) * 2/3} ({@link #ERFCX}, interpolated at Chebyshev nodes by
     * {@code scripts/erfcx_fit.py}: relative error 4e-15) and e^(-a^2) by {@link Power#exp}; beyond, erf is 1 to within
     * half a float ulp. Until 2026-12-05 the whole range summed 64 terms of a positive series times e^(-x^2): 6.8 ns an
     * element on the Vector API (a Zen 4), where exact GELU took 13x PyTorch 1.13's time.
     */
    public static float erf(float x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs((double) x);
        if (a >= 4.0) {
            return x > 0 ? 1f : -1f;
        }
        double r;
        if (a < 1.0) {
            double t = a * a, p = ERF_TAYLOR[ERF_SERIES - 1];
            for (int k = ERF_SERIES - 2; k >= 0; k--) {
                p = Math.fma(p, t, ERF_TAYLOR[k]);
            }
            r = a * p;
        } else {
            double u = (a - 2.5) * TWO_THIRDS, q = ERFCX[ERFCX.length - 1];
            for (int k = ERFCX.length - 2; k >= 0; k--) {
                q = Math.fma(q, u, ERFCX[k]);
            }
            r = 1.0 - Power.exp(-(a * a)) * q;
        }
        return (float) Math.copySign(r, x);
    }

    /** Terms of erf's Taylor series below |x| = 1. */
    static final int ERF_SERIES = 14;
    /** erf(a)/a = sum of {@code ERF_TAYLOR[k] (a^2)^k}: 2/sqrt(pi) (-1)^k / (k! (2k+1)). */
    static final double[] ERF_TAYLOR = new double[ERF_SERIES];

    static {
        double factorial = 1;
        for (int k = 0; k < ERF_SERIES; k++) {
            factorial *= Math.max(k, 1);
            ERF_TAYLOR[k] = (k % 2 == 0 ? 1 : -1) * TWO_OVER_SQRT_PI / (factorial * (2 * k + 1));
        }
    }

    static final double TWO_THIRDS = 2.0 / 3.0;
    /** erfcx(a) on [1, 4] in powers of u = (a - 2.5) * 2/3, from scripts/erfcx_fit.py. */
    static final double[] ERFCX = {
            0.2108063640611436, -0.11152102018467626, 0.05611049344497322, -0.02700529666574668,
            0.012489373879841054, -0.005570706154054586, 0.0024036476783987457, -0.0010058316963059736,
            0.00040908491246424244, -0.00016201037133522968, 6.257900179179341e-05, -2.3614016169873686e-05,
            8.712502403441536e-06, -3.138273541371801e-06, 1.111538574950877e-06, -3.9788605258713253e-07,
            1.3530198325470135e-07, -3.593325839269299e-08, 1.2029302171698742e-08, -8.084231033249293e-09,
            2.5395574884830492e-09
    };

    /**
     * erf in double to double precision: the same positive series, summed until its terms no longer add (up to x = 6,
     * where erf is 1 in double), for callers in double such as a truncated normal's bounds.
     */
    public static double erfDouble(double x) {
        if (x != x) {
            return x;
        }
        double a = Math.abs(x);
        if (a >= 6.0) {
            return x > 0 ? 1 : -1;
        }
        double x2 = a * a, twoX2 = x2 + x2, term = a, sum = a;
        for (int n = 0; term > sum * 1e-18; n++) {
            term = term * (twoX2 / (2 * n + 3));
            sum = sum + term;
        }
        return Math.copySign(TWO_OVER_SQRT_PI * Math.exp(-x2) * sum, x);
    }

    /** 1 / (2n + 3) for n below ten: atanh's series in {@link Power#log}. */
    static final double[] INV_ODD = java.util.stream.IntStream.range(0, 10)
            .mapToDouble(n -> 1.0 / (2 * n + 3)).toArray();
}
