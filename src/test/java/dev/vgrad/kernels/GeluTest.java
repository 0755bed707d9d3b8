package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gelu's float kernel against GELU in double ({@code x/2 erfc(-x / sqrt 2)}, SpecialFunctions.erfc), its backward
 * against {@code Phi(x) + x phi(x)} in double, and the vector loops against the scalar functions bit for bit over
 * every region (below the seam, between seam and saturation, saturated, the tails where e^(-x^2/2) is 0); the same for
 * the tanh approximation.
 */
class GeluTest {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private static double geluExact(double x) {
        return x * 0.5 * SpecialFunctions.erfc(-x * SQRT_HALF);
    }

    private static double geluGradExact(double x) {
        return 0.5 * SpecialFunctions.erfc(-x * SQRT_HALF) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** Every 2^-10 from -6.5 to 8, with the floats either side, and both seams' neighbours. */
    private static float[] grid() {
        int n = (int) (14.5 * 1024) + 1;
        float[] x = new float[3 * n + 8];
        for (int i = 0; i < n; i++) {
            float v = -6.5f + i / 1024f;
            x[3 * i] = v;
            x[3 * i + 1] = Math.nextUp(v);
            x[3 * i + 2] = Math.nextDown(v);
        }
        float seam = (float) Math.sqrt(0.5), saturated = (float) (4 * Math.sqrt(2));
        float[] edges = {seam, -seam, Math.nextUp(seam), Math.nextDown(-seam), saturated, -saturated,
            Math.nextDown(saturated), Math.nextUp(-saturated)};
        System.arraycopy(edges, 0, x, 3 * n, edges.length);
        return x;
    }

    @Test
    void geluIsWithinFourAndAHalfUlpOfTheExactValueUntilItRoundsToZero() {
        double worst = 0;
        for (float x : grid()) {
            double want = geluExact(x);
            float got = Gelu.gelu(x);
            if (x * SQRT_HALF <= -4) {
                // saturated below: 0 (as erf rounds to -1 in the composition), where GELU is below 5e-8 |x|
                assertEquals(0f, got, 0f, "gelu(" + x + ")");
                assertTrue(Math.abs(want) < 5e-8 * Math.abs(x), "gelu(" + x + ") = " + want);
                continue;
            }
            double ulps = Math.abs(got - want) / Math.ulp((float) want);
            worst = Math.max(worst, ulps);
            assertTrue(ulps <= 4.5, "gelu(" + x + ") = " + got + ", want " + want + " (" + ulps + " ulp)");
        }
        assertTrue(worst > 0, "the comparison measured nothing");
    }

    /**
     * The backward against {@code Phi(x) + x phi(x)}: within 4 ulp of the larger of the two terms (where they cancel,
     * near GELU's minimum at x = -0.75, the result is small and the terms' own roundings are what is left), plus, below
     * -4 sqrt 2, the Phi(x) < 1.6e-8 that saturates to 0.
     */
    @Test
    void geluGradIsWithinFourUlpOfItsLargerTerm() {
        double worst = 0;
        for (float x : grid()) {
            double want = geluGradExact(x);
            double cdf = 0.5 * SpecialFunctions.erfc(-x * SQRT_HALF);
            double larger = Math.max(Math.abs(want), Math.max(cdf, Math.abs(want - cdf)));
            float got = Gelu.geluGrad(1f, x);
            double ulps = Math.abs(got - want) / Math.ulp((float) larger);
            if (x * SQRT_HALF <= -4) {
                assertTrue(Math.abs(got - want) <= 4 * Math.ulp((float) larger) + 1.6e-8, "gelu'(" + x + ")");
                continue;
            }
            worst = Math.max(worst, ulps);
            assertTrue(ulps <= 4, "gelu'(" + x + ") = " + got + ", want " + want + " (" + ulps + " ulp)");
        }
        assertTrue(worst > 0, "the comparison measured nothing");
        assertEquals(2.5f, Gelu.geluGrad(2.5f, 30f), 0f);
        assertEquals(-0f, Gelu.geluGrad(1f, -30f), 0f);
        assertEquals(0.5f * 3f, Gelu.geluGrad(3f, 0f), 0f);
    }

    private static final double BETA = Math.sqrt(2 / Math.PI), KAPPA = 0.044715;

    /**
     * The tanh approximation: within 3 ulp of {@code x sigmoid(2u)} in double at the kernel's own float u (sigmoid's
     * 2 ulp and the product), and close to {@code x/2 (1 + tanh(u))} in double at the exact u: u's float rounding is
     * multiplied by about 2|u| in sigmoid(2u)'s relative error where it is small (x well below 0).
     */
    @Test
    void geluTanhAgainstDouble() {
        for (float x : grid()) {
            float u = Gelu.tanhInner(x);
            double atFloatU = x / (1 + Math.exp(-2.0 * u));
            float got = Gelu.geluTanh(x);
            assertTrue(Math.abs(got - atFloatU) <= 3 * Math.ulp((float) atFloatU), "geluTanh(" + x + ") = " + got
                    + ", want " + atFloatU);
            double exactU = BETA * (x + KAPPA * (double) x * x * x);
            // x/2 (1 + tanh(u)) in double as x sigmoid(2u): 1 + tanh(u) in double cancels too (5e-4 relative at u = -15)
            double want = x / (1 + Math.exp(-2 * exactU));
            // u's five roundings, each up to half an ulp, times sigmoid(2u)'s sensitivity to u (up to 2|u| relative)
            double relative = 3 * Math.ulp(1f) * (1 + 2 * Math.abs(exactU));
            assertTrue(Math.abs(got - want) <= relative * Math.abs(want) + Float.MIN_NORMAL, "geluTanh(" + x + ") = "
                    + got + ", want " + want);
        }
    }

    /** The tanh approximation's backward against its formula in double at the kernel's float u. */
    @Test
    void geluTanhGradAgainstDouble() {
        for (float x : grid()) {
            float u = Gelu.tanhInner(x);
            double s = 1 / (1 + Math.exp(-2.0 * u));
            double slope = BETA * (1 + 3 * KAPPA * (double) x * x);
            double d = 2.0 * x * (1 - s) * slope;
            double want = s * (1 + d);
            float got = Gelu.geluTanhGrad(1f, x);
            double larger = Math.max(Math.abs(want), Math.max(s, Math.abs(s * d)));
            assertTrue(Math.abs(got - want) <= 6 * Math.ulp((float) larger), "geluTanh'(" + x + ") = " + got
                    + ", want " + want);
        }
        assertEquals(2.5f, Gelu.geluTanhGrad(2.5f, 30f), 0f);
        assertEquals(0f, Gelu.geluTanhGrad(1f, -30f), 0f);
        assertEquals(0.5f * 3f, Gelu.geluTanhGrad(3f, 0f), 0f);
    }

    @Test
    void specialValues() {
        assertEquals(Float.POSITIVE_INFINITY, Gelu.geluTanh(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(Gelu.geluTanh(Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(Gelu.geluTanh(Float.NaN)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Gelu.geluTanh(-0f)));
        assertEquals(-0f, Gelu.geluTanh(-30f), 0f);
        assertEquals(Float.POSITIVE_INFINITY, Gelu.gelu(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(Gelu.gelu(Float.NEGATIVE_INFINITY)), "x * 0.5 * (1 + erf) at -inf is NaN, as in torch");
        assertTrue(Float.isNaN(Gelu.gelu(Float.NaN)));
        assertTrue(Float.isNaN(Gelu.geluGrad(1f, Float.NaN)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Gelu.gelu(-0f)));
        assertEquals(0f, Gelu.gelu(0f));
        assertEquals(1e30f, Gelu.gelu(1e30f));
        assertEquals(1f, Gelu.geluGrad(1f, 1e30f), "e^(-x^2/2) is 0 with x^2 beyond float: no NaN from its error term");
        assertEquals(-0f, Gelu.gelu(-1e30f), 0f);
    }

    @Test
    void vectorLoopsGiveTheScalarBitsInEveryRegion() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 40_000 + 13;
        float[] x = new float[n], g = new float[n];
        for (int i = 0; i < n; i++) {
            double scale = switch (i % 4) {
                case 0 -> 1.5;
                case 1 -> 6;
                case 2 -> 25;
                default -> 1e3;
            };
            x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
            g[i] = (float) (r.nextDouble() * 4 - 2);
        }
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE,
            1e30f, -1e30f, (float) Math.sqrt(0.5), -(float) (4 * Math.sqrt(2)), 22.99f, 23.01f};
        System.arraycopy(special, 0, x, 7, special.length);
        assertSameBits("gelu", UnaryOp.GELU, x);
        assertSameBits("gelu_backward", BinaryOp.GELU_GRAD, g, x);
        assertSameBits("gelu tanh", UnaryOp.GELU_TANH, x);
        assertSameBits("gelu tanh backward", BinaryOp.GELU_TANH_GRAD, g, x);
    }

    /** {@code op} on x by the dispatching (vector) kernel and by the scalar one: the same bits. */
    private static void assertSameBits(String name, UnaryOp op, float[] x) {
        float[] vector = new float[x.length], scalar = new float[x.length];
        Elementwise.unary(op, 0f, 0f, x.length, x, 0, 1, vector, 0, 1);
        ScalarElementwise.unary(op, 0f, 0f, x.length, x, 0, 1, scalar, 0, 1);
        assertSameBits(name, x, scalar, vector);
    }

    /** {@code op(g, x)} by the dispatching (vector) kernel and by the scalar one: the same bits. */
    private static void assertSameBits(String name, BinaryOp op, float[] g, float[] x) {
        float[] vector = new float[x.length], scalar = new float[x.length];
        Elementwise.binary(op, x.length, g, 0, 1, x, 0, 1, vector, 0, 1);
        ScalarElementwise.binary(op, x.length, g, 0, 1, x, 0, 1, scalar, 0, 1);
        assertSameBits(name, x, scalar, vector);
    }

    private static void assertSameBits(String name, float[] x, float[] scalar, float[] vector) {
        for (int i = 0; i < x.length; i++) {
            boolean same = Float.floatToRawIntBits(scalar[i]) == Float.floatToRawIntBits(vector[i])
                    || (scalar[i] != scalar[i] && vector[i] != vector[i]);
            assertTrue(same, name + "(" + x[i] + "): vector " + vector[i] + ", scalar " + scalar[i]);
        }
    }
}
