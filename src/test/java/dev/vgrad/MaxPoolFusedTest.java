package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fused max pooling against the composed form it replaced (unfold with -infinity padding, then max over each
 * window) on odd sizes, strides, padding and a strided input: the same values and the same gradients. Ties and NaN
 * follow PyTorch's kernel. (torch's values: the max_pool2d fixtures; derivatives: GradCheckTest.)
 */
class MaxPoolFusedTest {
    private static Tensor composed(Tensor x, int[] k, int[] s, int[] p) {
        int n = x.size(0), c = x.size(1);
        Tensor windows = Patches.unfold(x.reshape(n * c, 1, x.size(2), x.size(3)), k, new int[] {1, 1}, p, s,
                Float.NEGATIVE_INFINITY);
        int oh = (x.size(2) + 2 * p[0] - k[0]) / s[0] + 1;
        return windows.max(1, false).reshape(n, c, oh, -1);
    }

    @Test
    void equalsTheComposedFormWithItsGradient() {
        Generator g = new Generator(4);
        int[][] cases = {{2, 2, 2, 2, 0, 0}, {3, 3, 2, 2, 1, 1}, {3, 2, 1, 2, 1, 0}, {2, 3, 3, 1, 0, 1}, {5, 5, 2, 3, 2, 2}};
        for (int[] cs : cases) {
            int[] k = {cs[0], cs[1]}, s = {cs[2], cs[3]}, p = {cs[4], cs[5]};
            Tensor base = Tensor.randn(g, 2, 9, 11, 3);
            Tensor x1 = base.clone().requiresGrad_(), x2 = base.clone().requiresGrad_();
            Tensor fused = Tensor.maxPool2d(x1.permute(0, 3, 1, 2), k, s, p);   // [2, 3, 9, 11], strided
            Tensor reference = composed(x2.permute(0, 3, 1, 2), k, s, p);
            assertArrayEquals(reference.shape(), fused.shape());
            assertArrayEquals(reference.toArray(), fused.toArray(), 0f, java.util.Arrays.toString(cs));
            Tensor up = Tensor.randn(g, fused.shape());
            fused.mul(up).sum().backward();
            reference.mul(up).sum().backward();
            assertArrayEquals(x2.grad().toArray(), x1.grad().toArray(), 1e-6f, java.util.Arrays.toString(cs));
        }
    }

    @Test
    void tiesGoToTheFirstAndNanWins() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2, Float.NaN, 0, 5, Float.NaN, 7}, 1, 1, 3, 3).requiresGrad_();
        Tensor y = Tensor.maxPool2d(x, new int[] {1, 3}, new int[] {1, 3}, new int[] {0, 0});
        float[] v = y.toArray();
        assertEquals(3f, v[0]);
        assertTrue(Float.isNaN(v[1]) && Float.isNaN(v[2]));
        y.sum().backward();
        // row 0: the first 3; row 1: the NaN; row 2: the only NaN
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 1, 0}, x.grad().toArray(), 0f);
    }

    @Test
    void planesSplitAcrossThreadsGiveTheComposedResult() {
        int before = dev.vgrad.kernels.Parallel.threads();
        try {
            for (int[] k : new int[][] {{2, 2}, {3, 3}}) {
                float[][] got = new float[2][];
                for (int t = 0; t < 2; t++) {
                    dev.vgrad.kernels.Parallel.setThreads(t == 0 ? 1 : 3);
                    Generator g = new Generator(9);
                    Tensor x = Tensor.randn(g, 5, 16, 32, 33).requiresGrad_();   // above the split's grain
                    Tensor y = Tensor.maxPool2d(x, k, new int[] {2, 2}, new int[] {0, 0});
                    Tensor up = Tensor.randn(g, y.shape());
                    y.mul(up).sum().backward();
                    got[t] = x.grad().toArray();
                    if (t == 1) {
                        Tensor x2 = x.detach().clone().requiresGrad_();
                        Tensor reference = composed(x2, k, new int[] {2, 2}, new int[] {0, 0});
                        assertArrayEquals(reference.toArray(), y.toArray(), 0f);
                        reference.mul(up).sum().backward();
                        assertArrayEquals(x2.grad().toArray(), got[1], 1e-6f);
                    }
                }
                assertArrayEquals(got[0], got[1], 0f, "1 and 3 threads");
            }
        } finally {
            dev.vgrad.kernels.Parallel.setThreads(before);
        }
    }

    @Test
    void twoByTwoWindowsChooseAsTheGeneralLoop() {
        // Window 1 ties at 3 (the first, row 0, wins); window 2 has two NaNs (the last, row 1, wins); -inf alone stays.
        float inf = Float.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(new float[] {1, 3, Float.NaN, 0, inf, inf, 3, 2, 5, Float.NaN, inf, inf}, 1, 1, 2, 6)
                .requiresGrad_();
        Tensor y = Tensor.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        float[] v = y.toArray();
        assertEquals(3f, v[0]);
        assertTrue(Float.isNaN(v[1]));
        assertEquals(inf, v[2]);
        y.sum().backward();
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0}, x.grad().toArray(), 0f);
    }

    @Test
    void badGeometryIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.maxPool2d(Tensor.zeros(1, 1, 4, 4),
                new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 0}));
        assertTrue(e.getMessage().contains("padding [2, 0]") && e.getMessage().contains("[1, 1, 4, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.maxPool2d(Tensor.zeros(4, 4), new int[] {2, 2},
                new int[] {2, 2}, new int[] {0, 0}));
    }
}
