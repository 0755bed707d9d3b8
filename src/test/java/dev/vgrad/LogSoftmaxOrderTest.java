package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * log_softmax takes the row's max off before log(sum), as PyTorch's kernel does: adding {@code -max - log(sum)}
 * rounded once loses log(sum) beside a large max (values printed by torch 1.13).
 */
class LogSoftmaxOrderTest {
    private static final float LARGE = 1e30f;

    @Test
    void aRowWithAHugeMaxKeepsItsLogSum() {
        // torch: tensor([[1e30, 1e30, -1e30]]).log_softmax(1) == [[-0.6931, -0.6931, -2e30]], along dim 0 of the
        // transpose the same; eighteen elements (the vector path): -log 12 = -2.4849066 for the first two
        Tensor row = Tensor.of(new float[] {LARGE, LARGE, -LARGE}, 1, 3);
        float[] expected = {-0.6931471824645996f, -0.6931471824645996f, -2.0000000300949324e30f};
        assertArrayEquals(expected, row.logSoftmax(1).toArray(), 0f);
        assertArrayEquals(expected, row.t().contiguous().logSoftmax(0).toArray(), 0f);
        float[] long18 = new float[18];
        for (int i = 0; i < 18; i++) {
            long18[i] = i % 3 == 2 ? -LARGE : LARGE;
        }
        float[] y = Tensor.of(long18, 1, 18).logSoftmax(1).toArray();
        assertEquals(-2.4849066734313965f, y[0], 0f);
        assertEquals(-2.4849066734313965f, y[1], 0f);
    }

    @Test
    void crossEntropyIsMinusThatLogSoftmax() {
        // torch: F.cross_entropy(tensor([[1e30, 1e30, -1e30]]), tensor([0])) == 0.6931
        Tensor logits = Tensor.of(new float[] {LARGE, LARGE, -LARGE}, 1, 3);
        assertEquals(0.6931471824645996f, Loss.crossEntropy(logits, Tensor.of(new float[] {0f}, 1),
                Loss.Reduction.MEAN).item(), 0f);
    }
}
