package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * torch.diagonal as a view (as PyTorch's): reads and writes the tensor's diagonal, for offsets either side, any two
 * dimensions, batches and non-contiguous inputs; DiagonalBackward0 and writes through it recorded as PyTorch records
 * them; the gradient checked by finite differences.
 */
class DiagonalViewTest {
    /** The diagonal read element by element from the definition, for comparison. */
    private static float[] reference(Tensor x, int offset, int d1, int d2) {
        int[] s = x.shape();
        float[] a = x.contiguous().toArray();
        int rows = s[d1], cols = s[d2], n = Math.max(0, Math.min(rows - Math.max(0, -offset),
                cols - Math.max(0, offset)));
        java.util.List<Float> out = new java.util.ArrayList<>();
        int[] idx = new int[s.length];
        int[] strides = new int[s.length];
        for (int d = s.length - 1, st = 1; d >= 0; st *= s[d], d--) {
            strides[d] = st;
        }
        int other = 1;
        for (int d = 0; d < s.length; d++) {
            if (d != d1 && d != d2) {
                other *= s[d];
            }
        }
        for (int o = 0; o < other; o++) {
            for (int d = s.length - 1, rest = o; d >= 0; d--) {
                if (d != d1 && d != d2) {
                    idx[d] = rest % s[d];
                    rest /= s[d];
                }
            }
            for (int i = 0; i < n; i++) {
                idx[d1] = i + Math.max(0, -offset);
                idx[d2] = i + Math.max(0, offset);
                int pos = 0;
                for (int d = 0; d < s.length; d++) {
                    pos += idx[d] * strides[d];
                }
                out.add(a[pos]);
            }
        }
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    @Test
    void readsTheDiagonalForEveryOffsetAndPairOfDimensions() {
        Generator g = new Generator(3);
        Tensor[] inputs = {Tensor.randn(g, 4, 5), Tensor.randn(g, 2, 3, 4), Tensor.randn(g, 5, 4).t(),
                Tensor.randn(g, 3, 4, 5).transpose(0, 2)};
        for (Tensor x : inputs) {
            for (int d1 = 0; d1 < x.dim(); d1++) {
                for (int d2 = 0; d2 < x.dim(); d2++) {
                    for (int offset = -3; offset <= 3 && d1 != d2; offset++) {
                        assertArrayEquals(reference(x, offset, d1, d2), x.diagonal(offset, d1, d2).toArray(),
                                java.util.Arrays.toString(x.shape()) + " " + offset + " " + d1 + " " + d2);
                    }
                }
            }
        }
        assertEquals(0, Tensor.ones(2, 3).diagonal(5, 0, 1).numel());
    }

    @Test
    void writesGoToTheTensor() {
        Tensor x = Tensor.zeros(2, 3, 4);
        x.diagonal(1, 1, 2).fill_(-1f);
        float[] want = new float[24];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                want[b * 12 + i * 4 + i + 1] = -1f;
            }
        }
        assertArrayEquals(want, x.toArray());
    }

    @Test
    void recordedAsPyTorchRecordsIt() {
        Tensor a = Tensor.randn(new Generator(4), 3, 4).requiresGrad_(true);
        Tensor d = a.diagonal(-1, 0, 1);
        assertEquals("DiagonalBackward0", d.gradFn().name());
        Tensor b = a.mul(1f);
        b.diagonal(0, 0, 1).mul_(3f);
        assertEquals("CopySlices", b.gradFn().name());
        b.sum().backward();
        float[] want = new float[12];
        java.util.Arrays.fill(want, 1f);
        want[0] = want[5] = want[10] = 3f;
        assertArrayEquals(want, a.grad().toArray());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Generator g = new Generator(5);
        assertTrue(GradCheck.gradcheck(x -> x[0].diagonal(1, 0, 1).square(), Tensor.randn(g, 3, 5)));
        assertTrue(GradCheck.gradcheck(x -> x[0].transpose(0, 2).diagonal(-1, 2, 0).exp(), Tensor.randn(g, 3, 2, 4)));
        assertTrue(GradCheck.gradcheck(x -> x[0].diagonal(0, -2, -1).mul(x[0].diagonal(1, -2, -1).sum(-1, true)),
                Tensor.randn(g, 2, 4, 4)));
    }
}
