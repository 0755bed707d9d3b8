package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
