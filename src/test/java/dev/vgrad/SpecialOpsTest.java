package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
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
}
