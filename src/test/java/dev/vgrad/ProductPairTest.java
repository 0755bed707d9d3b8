package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Sgemm;
import org.junit.jupiter.api.Test;

/**
 * A linear layer's input and weight gradients run side by side on two threads ({@link ProductPair}): the same bits as
 * one after the other on one thread, into new tensors and into existing grads, with operands that must be copied
 * first; and the pair is taken only where it pays.
 */
class ProductPairTest {
    /** {x.grad, w.grad, b.grad} after backward of sum(linear(x, w, b) * weights), twice (the grads accumulate). */
    private static float[][] gradients(int m, int in, int out, boolean stridedInput, int threads) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            Generator g = new Generator(m * 31 + in * 7 + out);
            Tensor wide = Tensor.randn(g, m, stridedInput ? 2 * in : in);
            // every other column: neither row- nor column-major, so the GEMM's operand is a copy made beforehand
            Tensor x = (stridedInput ? wide.asStrided(new int[] {m, in}, new int[] {2 * in, 2}, 0) : wide)
                    .detach().requiresGrad_();
            Tensor w = Tensor.randn(g, out, in).requiresGrad_();
            Tensor b = Tensor.randn(g, out).requiresGrad_();
            Tensor weights = Tensor.randn(g, m, out);
            for (int pass = 0; pass < 2; pass++) {
                Tensor y = Tensor.linear(x, w, b);
                y.mul(weights).sum().backward();
            }
            return new float[][] {x.grad().toArray(), w.grad().toArray(), b.grad().toArray()};
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void pairedGradientsAreTheBitsOfOneThread() {
        int[][] shapes = {{512, 128, 64}, {64, 784, 128}, {37, 19, 11}, {5, 3, 2}, {300, 33, 70}};
        for (int[] s : shapes) {
            for (boolean strided : new boolean[] {false, true}) {
                float[][] one = gradients(s[0], s[1], s[2], strided, 1);
                float[][] two = gradients(s[0], s[1], s[2], strided, 2);
                float[][] four = gradients(s[0], s[1], s[2], strided, 4);
                for (int i = 0; i < one.length; i++) {
                    String what = "grad " + i + " of " + java.util.Arrays.toString(s) + (strided ? " strided" : "");
                    assertArrayEquals(one[i], two[i], what + ", 2 threads");
                    assertArrayEquals(one[i], four[i], what + ", 4 threads");
                }
            }
        }
    }

    @Test
    void pairedGradientsMatchTheComposedProducts() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(g, 48, 40).requiresGrad_(), w = Tensor.randn(g, 24, 40).requiresGrad_();
        Tensor gy = Tensor.randn(g, 48, 24);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Tensor.linear(x, w, null).backward(gy);
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(gy.mm(w).toArray(), x.grad().toArray(), "dx = g w");
        assertArrayEquals(gy.t().mm(x.detach()).toArray(), w.grad().toArray(), "dw = g^T x");
    }

    @Test
    void takenOnlyWhereItPays() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            assertFalse(ProductPair.pays(1), "one thread");
            Parallel.setThreads(2);
            assertTrue(ProductPair.pays(Long.MAX_VALUE), "two threads, any size");
            try (var alone = Parallel.singleThreaded()) {
                assertFalse(ProductPair.pays(1), "inside singleThreaded");
            }
            Parallel.setThreads(4);
            assertTrue(ProductPair.pays(Sgemm.PARALLEL_FLOPS - 1), "four threads, a product that would not split");
            assertFalse(ProductPair.pays(Sgemm.PARALLEL_FLOPS), "four threads, a product that splits over all four");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aFailingProductFreesThePairForTheNextCall() {
        ProductPair pair = ProductPair.take();
        Tensor a = Tensor.ones(4, 3), b = Tensor.ones(3, 2), out = Tensor.zeros(4, 2);
        pair.first.set(false, a, false, b, 4, 2, 3, 0f, null, out);
        pair.second.set(false, a, false, b, 4, 2, 3, 0f, null, Tensor.zeros(1, 1));  // C too small: the GEMM throws
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            assertThrows(RuntimeException.class, pair::run);
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3, 3, 3}, out.toArray(), "the first product ran");
        ProductPair again = ProductPair.take();
        assertSame(pair, again, "the thread's pair is free again");
        Tensor first = Tensor.zeros(4, 2), second = Tensor.zeros(4, 2);
        again.first.set(false, a, false, b, 4, 2, 3, 0f, null, first);
        again.second.set(false, a, false, b, 4, 2, 3, 0f, null, second);
        again.run();
        assertArrayEquals(out.toArray(), first.toArray(), "first, run again");
        assertArrayEquals(out.toArray(), second.toArray(), "second, run again");
    }
}
