package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Gradients where the composed formula divides by zero or must choose among equal elements, and sorting around NaN,
 * infinities and ties; expected values printed by PyTorch 1.13 (std_backward and norm_backward mask a zero result; the
 * infinity norm shares among ties; NaN sorts above +inf).
 */
class ZeroSpreadAndTiesTest {
    @Test
    void stdOfAConstantLineHasAZeroGradient() {
        Tensor y = Tensor.of(new float[] {2, 2, 2, 1, 4, 7}, 2, 3).requiresGrad_();
        y.std(1, true, false).sum().backward();
        assertArrayEquals(new float[] {0, 0, 0, -0.5f, 0, 0.5f}, y.grad().toArray(), 1e-6f);
    }

    @Test
    void biasedStdOverALineOfOneHasAZeroGradient() {
        Tensor y = Tensor.of(new float[] {3, -1}, 2, 1).requiresGrad_();
        Tensor s = y.std(1, false, true);
        s.sum().backward();
        assertArrayEquals(new float[] {0, 0}, s.toArray());
        assertArrayEquals(new float[] {0, 0}, y.grad().toArray());
    }

    @Test
    void twoNormOfZerosHasAZeroGradient() {
        Tensor y = Tensor.zeros(1, 3).requiresGrad_();
        y.norm(2f, 1, false).sum().backward();
        assertArrayEquals(new float[] {0, 0, 0}, y.grad().toArray());
    }

    @Test
    void pNormsBelowTwoHaveAZeroGradientAtZeroElements() {
        // x.norm(p, 1).backward(tensor([1., 2., 3.])), torch 1.13: |x|^(p-2) is infinite at 0, torch's rule is 0 there
        float[] values = {0, -2, 3, -3, 1, 0.5f, -0.5f, 2, 0, 0, 0, 0};
        Tensor g = Tensor.of(1f, 2f, 3f);
        Tensor x = Tensor.of(values, 3, 4).requiresGrad_();
        x.norm(1.5f, 1, false).backward(g);
        assertArrayEquals(new float[] {0, -0.59809f, 0.7325f, -0.7325f, 1.20824f, 0.85436f, -0.85436f, 1.70871f, 0, 0, 0,
            0}, x.grad().toArray(), 1e-5f);
        Tensor y = Tensor.of(values, 3, 4).requiresGrad_();
        Tensor half = y.norm(0.5f, 1, false);
        assertArrayEquals(new float[] {23.79796f, 14.65685f, 0}, half.toArray(), 1e-4f);
        half.backward(g);
        assertArrayEquals(new float[] {0, -3.44949f, 2.8165f, -2.8165f, 7.65685f, 10.82843f, -10.82843f, 5.41421f, 0, 0,
            0, 0}, y.grad().toArray(), 1e-4f);
    }

    @Test
    void negativeAndZeroPNormsAsTorch() {
        float[] values = {0, -2, 3, -3, 1, 0.5f, -0.5f, 2, 0, 0, 0, 0};
        Tensor g = Tensor.of(1f, 2f, 3f);
        Tensor x = Tensor.of(values, 3, 4).requiresGrad_();
        Tensor count = x.norm(0f, 1, false);
        assertArrayEquals(new float[] {3, 4, 0}, count.toArray(), 0f);
        count.backward(g);
        assertNull(x.grad(), "torch's norm_backward gives p = 0 no gradient");
        Tensor y = Tensor.of(values, 3, 4).requiresGrad_();
        Tensor harmonic = y.norm(-1f, 1, false);
        assertArrayEquals(new float[] {0, 0.18182f, 0}, harmonic.toArray(), 1e-5f);
        harmonic.backward(g);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.06612f, 0.26446f, -0.26446f, 0.01653f, 0, 0, 0, 0},
                y.grad().toArray(), 1e-5f);
        Tensor z = Tensor.of(values, 3, 4).requiresGrad_();
        Tensor smallest = z.norm(Float.NEGATIVE_INFINITY, 1, false);
        assertArrayEquals(new float[] {0, 0.5f, 0}, smallest.toArray(), 0f);
        smallest.backward(g);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, -1, 0, 0, 0, 0, 0}, z.grad().toArray(), 0f);
    }

    @Test
    void infinityNormSharesTheGradientAmongTies() {
        Tensor x = Tensor.of(new float[] {1, -3, 3, 2, 2, 0}, 2, 3).requiresGrad_();
        x.norm(Float.POSITIVE_INFINITY, 1, false).sum().backward();
        assertArrayEquals(new float[] {0, -0.5f, 0.5f, 0.5f, 0.5f, 0}, x.grad().toArray());
    }

    @Test
    void maxAndMinAlongADimensionGiveTheGradientToOneOfTheTies() {
        Tensor x = Tensor.of(new float[] {1, -3, 3, 2, 2, 0}, 2, 3).requiresGrad_();
        x.max(1, false).sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, x.grad().toArray(), 0f);
        Tensor z = Tensor.of(new float[] {1, -3, 3, 2, 2, 0}, 2, 3).requiresGrad_();
        z.min(1, false).sum().backward();
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1}, z.grad().toArray(), 0f);
    }

    @Test
    void sortPutsNanAboveInfinityAndKeepsEqualValuesInOrder() {
        // torch.sort(x, stable=True) and torch.topk(x, 3), torch 1.13
        Tensor x = Tensor.of(3f, Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY, 1f, 3f, Float.POSITIVE_INFINITY);
        assertArrayEquals(new float[] {4, 2, 3, 5, 0, 6, 7, 1}, x.argsort(0, false).toArray(), 0f);
        assertArrayEquals(new float[] {1, 7, 0, 6, 5, 2, 3, 4}, x.argsort(0, true).toArray(), 0f);
        assertArrayEquals(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 3f}, x.topk(3, 0, true).get(0).toArray(), 0f);
        assertArrayEquals(new float[] {1, 7, 0}, x.topk(3, 0, true).get(1).toArray(), 0f);
    }
}
