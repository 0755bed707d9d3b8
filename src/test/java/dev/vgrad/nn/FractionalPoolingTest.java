package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fractional max pooling, max_pool3d's indices and max_unpool3d: the window rule against a plain scan, the modules
 * against the functions, gradients against finite differences and the refusals; their values against PyTorch are in
 * TorchOpsFixturesTest ("pooling_extras" programs).
 */
class FractionalPoolingTest {
    @Test
    void windowsStartWherePyTorchsSequenceSaysAndEndAtTheInputsEnd() {
        // alpha = (10 - 3) / (4 - 1) in float; starts int((i + u) alpha) - int(u alpha)
        float u = 0.6f, alpha = 7f / 3f;
        int[] expected = new int[4];
        for (int i = 0; i < 3; i++) {
            expected[i] = (int) ((i + u) * alpha) - (int) (u * alpha);
        }
        expected[3] = 7;
        assertArrayEquals(expected, FractionalPooling.starts(u, 10, 4, 3));
        assertArrayEquals(new int[] {7}, FractionalPooling.starts(u, 10, 1, 3), "one window: the last");
    }

    @Test
    void eachOutputIsTheMaximumOfItsWindowAtItsIndex() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(g, 2, 3, 9, 7), samples = Tensor.rand(g, 2, 3, 2);
        List<Tensor> pooled = Functional.fractionalMaxPool2dWithIndices(x, new int[] {3, 2}, new int[] {4, 5}, null,
                samples, null);
        float[] v = x.toArray(), out = pooled.get(0).toArray(), at = pooled.get(1).toArray(), s = samples.toArray();
        for (int p = 0; p < 6; p++) {
            int[] rows = FractionalPooling.starts(s[p * 2 + 1], 9, 4, 3);
            int[] cols = FractionalPooling.starts(s[p * 2], 7, 5, 2);
            for (int oh = 0; oh < 4; oh++) {
                for (int ow = 0; ow < 5; ow++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int r = rows[oh]; r < rows[oh] + 3; r++) {
                        for (int c = cols[ow]; c < cols[ow] + 2; c++) {
                            max = Math.max(max, v[p * 63 + r * 7 + c]);
                        }
                    }
                    int k = p * 20 + oh * 5 + ow;
                    assertEquals(max, out[k], "plane " + p + " window " + oh + ", " + ow);
                    assertEquals(max, v[p * 63 + (int) at[k]], "the index points at the maximum");
                }
            }
        }
    }

    @Test
    void modulesDrawAsTheFunctionsDoFromTheSameSeed() {
        Tensor x = Tensor.randn(new Generator(3), 1, 2, 8, 8);
        Tensor byModule = new FractionalMaxPool2d(new int[] {2, 2}, null, new double[] {0.5, 0.75}, new Generator(9))
                .forward(x);
        Tensor byFunction = Functional.fractionalMaxPool2d(x, new int[] {2, 2}, new double[] {0.5, 0.75},
                new Generator(9));
        assertArrayEquals(new int[] {1, 2, 4, 6}, byModule.shape());
        assertArrayEquals(byFunction.toArray(), byModule.toArray());
        Tensor volume = Tensor.randn(new Generator(4), 2, 1, 5, 6, 7);
        List<Tensor> pooled = new MaxPool3d(2).forwardWithIndices(volume);
        assertArrayEquals(Functional.maxPool3d(volume, new int[] {2, 2, 2}, new int[] {2, 2, 2}, new int[3]).toArray(),
                pooled.get(0).toArray());
        Tensor restored = new MaxUnpool3d(2).forward(pooled.get(0), pooled.get(1), new int[] {5, 6, 7});
        assertArrayEquals(new int[] {2, 1, 5, 6, 7}, restored.shape());
        assertEquals(pooled.get(0).sum().item(), restored.sum().item(), 1e-4f, "every maximum put back once");
        assertArrayEquals(new int[] {1, 3, 3, 3}, new FractionalMaxPool3d(2, new int[] {3, 3, 3})
                .forward(Tensor.randn(new Generator(6), 1, 5, 5, 5)).shape(), "unbatched [C, D, H, W]");
    }

    @Test
    void gradientsGoToEachWindowsMaximum() {
        Generator g = new Generator(21);
        Tensor samples2 = Tensor.rand(g, 1, 2, 2), samples3 = Tensor.rand(g, 1, 1, 3);
        assertTrue(GradCheck.gradcheck(x -> Functional.fractionalMaxPool2dWithIndices(x[0], new int[] {2, 2},
                new int[] {3, 2}, null, samples2, null).get(0), Tensor.randn(g, 1, 2, 5, 4)));
        assertTrue(GradCheck.gradcheck(x -> Functional.fractionalMaxPool3dWithIndices(x[0], new int[] {2, 1, 2},
                new int[] {2, 3, 2}, null, samples3, null).get(0).square(), Tensor.randn(g, 1, 1, 4, 4, 4)));
        assertTrue(GradCheck.gradcheck(x -> Functional.maxPool3dWithIndices(x[0], new int[] {2, 2, 2},
                new int[] {1, 2, 2}, new int[] {1, 0, 1}).get(0).exp(), Tensor.randn(g, 1, 2, 3, 4, 5)));
        // windows that do not overlap: unpooling writes each maximum once
        assertTrue(GradCheck.gradcheck(x -> {
            List<Tensor> pooled = Functional.maxPool3dWithIndices(x[0], new int[] {2, 2, 2}, new int[] {2, 2, 2},
                    new int[] {0, 0, 1});
            return Functional.maxUnpool3d(pooled.get(0).exp(), pooled.get(1), new int[] {2, 2, 2},
                    new int[] {2, 2, 2}, new int[] {0, 0, 1}, new int[] {4, 4, 5});
        }, Tensor.randn(g, 1, 2, 4, 4, 5)));
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        Tensor x = Tensor.randn(new Generator(1), 1, 1, 5, 5, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.fractionalMaxPool3d(x,
                new int[] {2, 2, 2}, new int[] {4, 4, 4}, new Generator(1)));
        assertTrue(e.getMessage().contains("must be below the input size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.fractionalMaxPool2dWithIndices(
                Tensor.ones(1, 1, 5, 5), new int[] {2, 2}, new int[] {2, 2}, new double[] {0.5, 0.5}, null, null));
        assertTrue(e.getMessage().contains("exactly one of them"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.fractionalMaxPool2dWithIndices(
                Tensor.ones(2, 1, 5, 5), new int[] {2, 2}, new int[] {2, 2}, null, Tensor.rand(1, 1, 2), null));
        assertTrue(e.getMessage().contains("expected random samples of shape [2, 1, 2], got [1, 1, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.fractionalMaxPool2d(Tensor.ones(1, 1, 5, 5),
                new int[] {2, 2}, new double[] {1.5, 0.5}, null));
        assertTrue(e.getMessage().contains("output_ratio must be between 0 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.maxUnpool3d(Tensor.ones(1, 1, 1, 1, 1),
                Tensor.full(8f, 1, 1, 1, 1, 1), new int[] {2, 2, 2}, new int[] {2, 2, 2}, new int[3], null));
        assertTrue(e.getMessage().contains("invalid max index 8.0 at position 0 (output volumes are 2 x 2 x 2)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FractionalMaxPool2d(new int[] {2, 2}, null, null,
                new Generator(1)));
    }
}
