package dev.vgrad.kernels;

/**
 * Exact GELU and its derivative on floats, each one pass: {@code gelu(x) = x Phi(x) = x/2 (1 + erf(x / sqrt 2))};
 * and its tanh approximation ({@link #geluTanh}).
 * Composed from erf, GELU took 7.5x PyTorch 1.13's time (erf rounded once from double, then three more passes);
 * PyTorch's own kernel evaluates erf in float with an absolute error of 1.5e-7 (Abramowitz and Stegun 7.1.26).
 * Here {@code 1 + erf(z)} ({@code z = x / sqrt 2}, |z| = a) comes from float polynomials of scripts/gelu_fit.py:
 * below a = 1/2, {@code 1 + z P(z^2)} with P erf(z)/z (relative error 1.2e-7); from 1/2 to 4, erfc(a) =
 * e^(-a^2) erfcx(a) with erfcx a polynomial in {@code a - 2.25} (1.5e-7), and 1 + erf(z) = 2 - erfc(a) above 0,
 * erfc(a) below (1 + erf(z) from the first polynomial up to a = 1 lost 8 ulp to cancellation at z = -1); beyond
 * a = 4, 2 or 0 (erfc(4) = 1.5e-8 is below half an ulp of 2, and below 0 erf rounds to -1 there too, as in the
 * composition). e^(-a^2) is computed as e^(-x^2 / 2), x^2 the float x * x plus its rounding error;
 * the backward's normal density is the same exponential.
 *
 * <p>Every step is an exactly rounded float operation (FMAs included), so the result is a function of x alone: the
 * same bits interpreted, compiled and on the vector path ({@code VectorGelu} takes these steps lane by lane).
 * Against the exact value (GeluTest): GELU within 4.5 ulp (4.3 at x = -3.26, mostly erfcx's polynomial), its backward
 * within 3.3 ulp of the larger of its two terms; PyTorch's float erf is 1.5e-7 off absolutely, 80 ulp of GELU(-3.26).
 */
public final class Gelu {
    /** 1 / sqrt 2, the same float as the composition's. */
    static final float SQRT_HALF = 0.7071067811865476f;
    /** 1 / sqrt(2 pi): the normal density's constant. */
    public static final float INV_SQRT_2PI = 0.3989422804014327f;
    /** erf(z)/z on [0, 1/2) in powers of z^2 (scripts/gelu_fit.py). */
    static final float[] ERF = {
        1.1283791065216064f, -0.37612608075141907f, 0.1128283143043518f, -0.026757732033729553f, 0.004719082731753588f};
    /** erfcx(a) on [1/2, 4) in powers of a - 2.25 (scripts/gelu_fit.py). */
    static final float[] ERFCX = {
        0.23108725249767303f, -0.08848650008440018f, 0.03199263662099838f, -0.011002062819898129f,
        0.003618925577029586f, -0.0011437126668170094f, 0.0003487152571324259f, -0.0001027619291562587f,
        2.9127137167961337e-05f, -8.098894795693923e-06f, 2.355397782594082e-06f, -6.152999958430883e-07f,
        9.395599676054189e-08f, -2.4957083510912526e-08f, 1.9133173267960046e-08f, -4.4938222032442354e-09f};
    /** Where the polynomials meet, and where 1 + erf(z) is 2 or 0 to within half an ulp. */
    static final float SEAM = 0.5f, SATURATED = 4f;
    /** |x| from which e^(-x^2 / 2) is 0 in float (it is below 2^-150 from 14.4). */
    static final float GAUSSIAN_CAP = 23f;
    /** sqrt(2 / pi) and 0.044715, the tanh approximation's constants (the composition's floats), and 3 * 0.044715. */
    public static final float TANH_BETA = 0.7978845608028654f, TANH_KAPPA = 0.044715f, THREE_KAPPA = 3f * TANH_KAPPA;
    /** The centre of erfcx's variable. */
    static final float ERFCX_CENTRE = 2.25f;

    private Gelu() {}

    /** {@code x Phi(x)}; NaN for NaN and for -inf (as {@code x * 0.5 * (1 + erf)} gives), +inf for +inf. */
    public static float gelu(float x) {
        float z = x * SQRT_HALF, a = Math.abs(z);
        return x * 0.5f * twicePhi(z, a, a < SEAM ? 0f : gaussian(x));
    }

    /**
     * GELU's backward: {@code g (Phi(x) + x phi(x))}, phi the standard normal density (PyTorch's gelu_backward),
     * phi(x) as {@code e^(-a^2) / sqrt(2 pi)} from the same exponential as erfc's.
     */
    public static float geluGrad(float g, float x) {
        float z = x * SQRT_HALF, a = Math.abs(z), gaussian = gaussian(x);
        return g * Math.fma(x, gaussian * INV_SQRT_2PI, 0.5f * twicePhi(z, a, gaussian));
    }

    /**
     * {@code e^(-x^2 / 2)} (= e^(-a^2), a = |x / sqrt 2|), x^2 taken as the float x * x plus its rounding error (to
     * first order): from a, whose own rounding is multiplied by 2 a^2 in erfc's relative error, erfc(3.5) was 25 ulp
     * off. |x| is capped at {@link #GAUSSIAN_CAP}, where the result is 0 already: above, x * x overflows and its error
     * term would be NaN.
     */
    static float gaussian(float x) {
        float capped = Math.min(Math.abs(x), GAUSSIAN_CAP), x2 = capped * capped;
        float lost = Math.fma(capped, capped, -x2);
        return Transcendental.exp(-(x2 * 0.5f)) * (1f - lost * 0.5f);
    }

    /**
     * GELU's tanh approximation, {@code x/2 (1 + tanh(u))} with {@code u = sqrt(2/pi) (x + 0.044715 x^3)} (u in the
     * composition's float steps), taken as {@code x sigmoid(2u)}: the same function, since 1 + tanh(u) = 2 sigmoid(2u),
     * without 1 + tanh(u)'s cancellation below 0 (from x = -4.5 down, the composition and PyTorch's float formula
     * keep no correct digit). Within 3 ulp of {@code x sigmoid(2u)} at this u (GeluTest).
     */
    public static float geluTanh(float x) {
        return x * Transcendental.sigmoid(2f * tanhInner(x));
    }

    /**
     * The tanh approximation's backward, {@code g d/dx[x sigmoid(2u)] = g s (1 + 2x (1 - s) u')} with s = sigmoid(2u)
     * and {@code u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2)} (PyTorch's gelu_backward with approximate="tanh", in s).
     */
    public static float geluTanhGrad(float g, float x) {
        // s as Transcendental.sigmoid takes it, and 1 - s as sigmoid(-2u) from the same exponential: where s nears 1,
        // 1 - s in float kept only its leading digits (7 ulp off in the result at x = 2.7)
        float e = Transcendental.exp(-(2f * tanhInner(x)));
        float s = 1f / (1f + e), complement = 1f / (1f + 1f / e);
        float slope = (x * x * THREE_KAPPA + 1f) * TANH_BETA;
        return g * (s * ((x + x) * complement * slope + 1f));
    }

    /** {@code sqrt(2/pi) (x + 0.044715 x^3)} in the composition's order: ((x x) x 0.044715 + x) sqrt(2/pi). */
    static float tanhInner(float x) {
        return (x * x * x * TANH_KAPPA + x) * TANH_BETA;
    }

    /** {@code 1 + erf(z)}, a = |z|, {@code gaussian} = e^(-a^2) (read only from the seam to saturation). */
    static float twicePhi(float z, float a, float gaussian) {
        if (a < SEAM) {
            float t = z * z, p = ERF[ERF.length - 1];
            for (int k = ERF.length - 2; k >= 0; k--) {
                p = Math.fma(p, t, ERF[k]);
            }
            return Math.fma(z, p, 1f);
        }
        if (a < SATURATED) {
            float v = a - ERFCX_CENTRE, q = ERFCX[ERFCX.length - 1];
            for (int k = ERFCX.length - 2; k >= 0; k--) {
                q = Math.fma(q, v, ERFCX[k]);
            }
            float erfc = gaussian * q;
            return z > 0f ? 2f - erfc : erfc;
        }
        return z > 0f ? 2f : 0f;
    }
}
