package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import dev.vgrad.kernels.BesselFunctions;
import dev.vgrad.kernels.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * The special-function ops beyond their PyTorch programs (special_* in torch_ops.txt): second derivatives, PyTorch's
 * values at the poles, and the arguments PyTorch refuses.
 */
class SpecialOpsTest {
    @Test
    void firstAndSecondDerivativesMatchFiniteDifferences() {
        Tensor positive = Tensor.of(0.7f, 1.9f, 3.3f, 6.1f), negative = Tensor.of(-0.6f, -1.3f, -2.5f);
        Tensor unit = Tensor.of(-0.8f, -0.2f, 0.3f, 0.75f), wide = Tensor.of(-1.5f, 0.2f, 1.7f, 3.1f);
        for (Tensor x : new Tensor[] {positive, negative}) {
            assertTrue(GradCheck.gradcheck(v -> v[0].lgamma(), x));
            assertTrue(GradCheck.gradgradcheck(v -> v[0].lgamma(), x));
            assertTrue(GradCheck.gradcheck(v -> v[0].digamma(), x));
            assertTrue(GradCheck.gradgradcheck(v -> v[0].digamma(), x));
            assertTrue(GradCheck.gradgradcheck(v -> v[0].polygamma(2), 1e-3, 1e-2, 2e-2, x));
        }
        assertTrue(GradCheck.gradgradcheck(v -> v[0].erfc(), wide));
        assertTrue(GradCheck.gradgradcheck(v -> v[0].erfinv(), unit));
        assertTrue(GradCheck.gradgradcheck(v -> v[0].mvlgamma(3), positive.add(1f)));
    }

    @Test
    void torchSpecialsOtherFunctionsDifferentiateTwice() {
        // no large erfcx value among them: the check's float sum of all elements would bury the small ones' changes
        Tensor x = Tensor.of(-1.2f, -0.4f, 0.3f, 1.7f, 4f), p = Tensor.of(0.01f, 0.3f, 0.6f, 0.97f);
        Tensor positive = Tensor.of(0.2f, 0.9f, 2.5f), bessel = Tensor.of(-35f, -3f, -0.2f, 0.5f, 4f, 33f);
        for (GradCheck.Fn f : new GradCheck.Fn[] {v -> Special.ndtr(v[0]), v -> Special.logNdtr(v[0]),
            v -> Special.erfcx(v[0])}) {
            assertTrue(GradCheck.gradgradcheck(f, x));
        }
        assertTrue(GradCheck.gradgradcheck(v -> Special.ndtri(v[0]), 1e-4, 1e-2, 2e-2, p));
        assertTrue(GradCheck.gradgradcheck(v -> Special.entr(v[0]), positive));
        for (GradCheck.Fn f : new GradCheck.Fn[] {v -> Special.i0e(v[0]), v -> Special.i1e(v[0])}) {
            assertTrue(GradCheck.gradgradcheck(f, bessel));
        }
        Tensor small = Tensor.of(-3f, -0.2f, 0.5f, 2.5f);
        assertTrue(GradCheck.gradgradcheck(v -> Special.i0(v[0]), small));
        assertTrue(GradCheck.gradgradcheck(v -> Special.i1(v[0]), small));
        assertTrue(GradCheck.gradcheck(v -> Special.xlog1py(v[0], v[1]), Tensor.of(0.5f, -1.2f, 2f),
                Tensor.of(0.3f, 2f, -0.5f)));
        Tensor q = Tensor.of(0.7f, 2.2f);
        assertTrue(GradCheck.gradcheck(v -> Special.zeta(Tensor.of(2.5f, 3f), v[0]), q));
        Tensor s = Tensor.of(2.5f, 3f).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Special.zeta(s, Tensor.of(1f, 1f)).sum().backward());
        assertEquals("the derivative for 'zeta' is not implemented.", e.getMessage());
        // xlog1py's flat zero: x == 0 with y <= -1 gives 0 and a 0 gradient for x, as PyTorch's
        Tensor zero = Tensor.of(0f, 0f).requiresGrad_();
        Tensor out = Special.xlog1py(zero, Tensor.of(-1f, Float.NaN));
        assertEquals(0f, out.toArray()[0]);
        assertTrue(Float.isNaN(out.toArray()[1]));
        out.select(0, 0).backward();
        assertEquals(0f, zero.grad().toArray()[0]);
    }

    @Test
    void polesGivePyTorchsValues() {
        Tensor x = Tensor.of(0f, -0f, -1f, 1f, 2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN);
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        // what torch 1.13 prints for these values
        assertArrayEquals(new float[] {inf, inf, inf, 0, 0, inf, inf, nan}, x.lgamma().toArray());
        assertArrayEquals(new float[] {-inf, inf, nan, -0.5772157f, 0.42278433f, inf, nan, nan}, x.digamma().toArray());
        float[] p2 = x.polygamma(2).toArray();
        assertEquals(-inf, p2[0]);
        assertEquals(-inf, p2[2]);
        assertTrue(Float.isNaN(p2[5]) && Float.isNaN(p2[7]));
        assertArrayEquals(new float[] {2f, 1f, 0f, 0f}, Tensor.of(-30f, 0f, 30f, inf).erfc().toArray());
        assertArrayEquals(new float[] {-inf, 0f, inf, nan}, Tensor.of(-1f, 0f, 1f, 1.5f).erfinv().toArray());
    }

    @Test
    void badArgumentsAreRefusedWithPyTorchsMessages() {
        assertEquals("polygamma(n, x) does not support negative n.",
                assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).polygamma(-1)).getMessage());
        assertEquals("p has to be greater than or equal to 1",
                assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).mvlgamma(0)).getMessage());
    }

    @Test
    void besselPolynomialAndIncompleteGammaFunctionsAgreeWithTheirDefinitions() {
        // the power series and Hankel's expansion meet at 12: both evaluated either side agree with the
        // recurrence J0' = -J1 integrated over the gap (a plain midpoint rule, independent of either)
        double integral = 0, h = 1e-4;
        for (double t = 11.5 + h / 2; t < 12.5; t += h) {
            integral += BesselFunctions.j1(t) * h;
        }
        assertEquals(BesselFunctions.j0(11.5) - integral, BesselFunctions.j0(12.5), 1e-9);
        // Wronskian J1 Y0 - J0 Y1 = 2 / (pi x), on both sides of the switch
        for (double x : new double[] {0.3, 4.0, 11.9, 12.1, 40.0}) {
            double w = BesselFunctions.j1(x) * BesselFunctions.y0(x)
                    - BesselFunctions.j0(x) * BesselFunctions.y1(x);
            assertEquals(2 / (Math.PI * x), w, 1e-10, "Wronskian at " + x);
        }
        // I0 K1 + I1 K0 = 1 / x
        for (double x : new double[] {0.01, 0.5, 3.0, 30.0}) {
            double w = SpecialFunctions.besselI(0, x, false) * BesselFunctions.k(1, x, false)
                    + SpecialFunctions.besselI(1, x, false) * BesselFunctions.k(0, x, false);
            assertEquals(1 / x, w, 1e-9 / x, "I-K Wronskian at " + x);
        }
        Tensor x = Tensor.of(-0.7f, 0.2f, 1.3f);
        assertArrayEquals(x.mul(x).mul(x).mul(4f).sub(x.mul(3f)).toArray(),
                Special.chebyshevPolynomialT(x, 3).toArray(), 1e-6f, "T3 = 4x^3 - 3x");
        assertArrayEquals(x.mul(x).mul(4f).sub(2f).toArray(), Special.hermitePolynomialH(x, 2).toArray(), 1e-6f);
        assertArrayEquals(x.mul(x).mul(1.5f).sub(0.5f).toArray(), Special.legendrePolynomialP(x, 2).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 0f, 0f}, Special.laguerrePolynomialL(x, -1).toArray(), "negative degree");
        assertTrue(Special.besselJ0(x.requiresGrad_(true)).gradFn() == null, "no gradient, as PyTorch's");
        // P(1, x) = 1 - exp(-x); d/dx P(a, x) = x^(a-1) e^-x / Gamma(a)
        Tensor at = Tensor.of(0.5f, 2f);
        assertArrayEquals(new float[] {1f - (float) Math.exp(-0.5), 1f - (float) Math.exp(-2)},
                Special.gammainc(Tensor.of(1f), at).toArray(), 1e-6f);
        Tensor a = Tensor.of(1.5f, 2.5f, 4f);
        assertTrue(GradCheck.gradcheck(v -> Special.gammainc(a, v[0]).add(Special.gammaincc(a, v[0].mul(2f))),
                Tensor.of(0.6f, 2.2f, 3.9f)));
        Tensor needy = Tensor.of(1.5f).requiresGrad_(true);
        var e = assertThrows(UnsupportedOperationException.class, () -> Special.gammainc(needy, Tensor.of(2f)).sum()
                .backward());
        assertEquals("the derivative for 'igamma: input' is not implemented.", e.getMessage());
    }
}
