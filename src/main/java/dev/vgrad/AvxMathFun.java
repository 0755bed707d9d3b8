package dev.vgrad;

/**
 * The float logarithm, sine and cosine that PyTorch's normal_ uses on AVX2 CPUs: {@code log256_ps} and
 * {@code sincos256_ps} of avx_mathfun.h (Cephes polynomials), as GCC compiles them into PyTorch (built with -mfma, every
 * multiply that feeds an add contracted into one fused multiply-add). Written out lane by lane so that
 * {@link Generator}'s Box-Muller gives torch.randn's values bit for bit; checked on 100 000 draws against PyTorch 1.13
 * (where each multiply-add pairing was tried, only this one matched every value). Valid for the arguments Box-Muller
 * gives: log on (0, 1], sine and cosine on [0, 2 pi).
 */
final class AvxMathFun {
    private AvxMathFun() {}

    private static final float SQRTHF = 0.707106781186547524f;
    private static final float LOG_P0 = 7.0376836292E-2f, LOG_P1 = -1.1514610310E-1f, LOG_P2 = 1.1676998740E-1f,
            LOG_P3 = -1.2420140846E-1f, LOG_P4 = 1.4249322787E-1f, LOG_P5 = -1.6668057665E-1f,
            LOG_P6 = 2.0000714765E-1f, LOG_P7 = -2.4999993993E-1f, LOG_P8 = 3.3333331174E-1f;
    private static final float LOG_Q1 = -2.12194440e-4f, LOG_Q2 = 0.693359375f;

    /** log256_ps for one lane, x in (0, 1]. */
    static float log(float x) {
        x = Math.max(x, Float.MIN_NORMAL);   // the kernel cuts off denormals
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));   // mantissa in [0.5, 1)
        boolean small = x < SQRTHF;
        float tmp = small ? x : 0f;
        x = x - 1f;
        e = e - (small ? 1f : 0f);
        x = x + tmp;
        float z = x * x;
        float y = LOG_P0;
        y = Math.fma(y, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        return Math.fma(e, LOG_Q2, x);
    }

    private static final float FOUR_OVER_PI = 1.27323954473516f;
    private static final float DP1 = -0.78515625f, DP2 = -2.4187564849853515625e-4f, DP3 = -3.77489497744594108e-8f;
    private static final float SIN_P0 = -1.9515295891E-4f, SIN_P1 = 8.3321608736E-3f, SIN_P2 = -1.6666654611E-1f;
    private static final float COS_P0 = 2.443315711809948E-005f, COS_P1 = -1.388731625493765E-003f,
            COS_P2 = 4.166664568298827E-002f;

    /**
     * sincos256_ps for one lane, x in [0, 2 pi), both scaled by {@code r}, as Box-Muller uses them: writes r cos x to
     * {@code out[cosAt]} and r sin x to {@code out[sinAt]} (one reduction and both polynomials, as the kernel computes).
     */
    static void scaledSinCos(float x, float r, float[] out, int cosAt, int sinAt) {
        int j = (int) (x * FOUR_OVER_PI);
        j = (j + 1) & ~1;
        float y = j;
        // Extended-precision reduction to [-pi/4, pi/4]: x - j pi/4 in three parts.
        x = Math.fma(y, DP1, x);
        x = Math.fma(y, DP2, x);
        x = Math.fma(y, DP3, x);
        float z = x * x;
        float cosPoly = COS_P0;
        cosPoly = Math.fma(cosPoly, z, COS_P1);
        cosPoly = Math.fma(cosPoly, z, COS_P2);
        cosPoly = cosPoly * z;
        cosPoly = Math.fma(cosPoly, z, -(z * 0.5f));
        cosPoly = cosPoly + 1f;
        float sinPoly = SIN_P0;
        sinPoly = Math.fma(sinPoly, z, SIN_P1);
        sinPoly = Math.fma(sinPoly, z, SIN_P2);
        sinPoly = sinPoly * z;
        sinPoly = Math.fma(sinPoly, x, x);
        boolean swap = (j & 2) != 0;   // the octants where sine is the cosine polynomial and back
        float s = swap ? cosPoly : sinPoly, c = swap ? sinPoly : cosPoly;
        out[sinAt] = r * ((j & 4) != 0 ? -s : s);
        out[cosAt] = r * (((~(j - 2)) & 4) != 0 ? -c : c);
    }
}
