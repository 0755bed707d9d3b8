package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.nn.Functional;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adaptive pooling as one op against the same windows composed from views: a narrowed window per cell, its mean or the
 * max of its flattened elements, stacked. Values bit for bit for max (the same first maximum, the same first NaN) and
 * within float rounding for the mean (the op sums in double); gradients where windows overlap, ties and NaN included.
 */
class AdaptivePoolingTest {
    private static final int[][] SIZES = {{3, 4}, {2, 1}, {1, 1}, {7, 5}, {9, 6}, {4, 2}};

    @Test
    void maxPoolingGivesTheComposedValuesAndGradients() {
        againstComposed(true);
    }

    @Test
    void averagePoolingGivesTheComposedValuesAndGradients() {
        againstComposed(false);
    }

    @Test
    void anEmptyPlaneIsRefusedNamingItsDimensionAndAnEmptyBatchGivesAnEmptyOutput() {
        for (boolean max : new boolean[] {true, false}) {
            Tensor empty = Tensor.zeros(2, 3, 0, 5);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> pool(max, empty, new int[] {2, 2}));
            assertTrue(e.getMessage().contains("dimension 2 being empty")
                    && e.getMessage().contains("adaptive_" + (max ? "max" : "avg")), e.getMessage());
            Tensor none = Tensor.zeros(0, 3, 4, 5);
            Tensor y = pool(max, none, new int[] {2, 2});
            assertEquals(java.util.List.of(0, 3, 2, 2), java.util.Arrays.stream(y.shape()).boxed().toList());
        }
    }

    /** Every output size of {@link #SIZES}: the op against {@link #composed}, forward and backward. */
    private static void againstComposed(boolean max) {
        for (int[] size : SIZES) {
            String where = (max ? "max" : "mean") + " at " + java.util.Arrays.toString(size);
            Tensor x = input(max);
            Tensor xr = x.detach().clone().requiresGrad_();
            Tensor weights = Tensor.randn(new Generator(9), 2, 3, size[0], size[1]);
            Tensor y = pool(max, x, size);
            Tensor want = composed(xr, size, max);
            if (max) {
                assertBitsEqual(want, y, where + ", values");
            } else {
                assertClose(want, y, where + ", values");
            }
            y.mul(weights).sum().backward();
            want.mul(weights).sum().backward();
            assertClose(xr.grad(), x.grad(), where + ", gradient");
        }
    }

    private static Tensor pool(boolean max, Tensor x, int[] size) {
        return max ? Functional.adaptiveMaxPool2d(x, size) : Functional.adaptiveAvgPool2d(x, size);
    }

    /** [2, 3, 7, 5] of values rounded to tenths (ties), with a NaN and then another in one plane when asked. */
    private static Tensor input(boolean nan) {
        float[] v = Tensor.randn(new Generator(4), 2, 3, 7, 5).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i] * 10) / 10f;
        }
        if (nan) {
            v[2 * 5 + 3] = Float.NaN;
            v[4 * 5 + 1] = Float.NaN;
        }
        return Tensor.of(v, 2, 3, 7, 5).requiresGrad_();
    }

    /** PyTorch's windows as views: rows floor(i H / oh) to ceil((i + 1) H / oh), columns likewise. */
    private static Tensor composed(Tensor x, int[] size, boolean max) {
        int h = x.size(2), w = x.size(3), oh = size[0], ow = size[1];
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < oh; i++) {
            int h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
            List<Tensor> cells = new ArrayList<>();
            for (int j = 0; j < ow; j++) {
                int w0 = j * w / ow, w1 = ((j + 1) * w + ow - 1) / ow;
                Tensor window = x.narrow(2, h0, h1 - h0).narrow(3, w0, w1 - w0);
                cells.add(max ? window.flatten(2, 3).max(2, false) : window.mean(new int[] {2, 3}, false));
            }
            rows.add(Tensor.stack(cells, -1));
        }
        return Tensor.stack(rows, -2);
    }

    private static void assertBitsEqual(Tensor want, Tensor got, String what) {
        float[] a = want.toArray(), b = got.toArray();
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), what + " at " + i);
        }
    }

    private static void assertClose(Tensor want, Tensor got, String what) {
        float[] a = want.toArray(), b = got.toArray();
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            if (Float.isNaN(a[i])) {
                assertEquals(Float.NaN, b[i], what + " at " + i);
            } else {
                assertEquals(a[i], b[i], 1e-5f * Math.max(1f, Math.abs(a[i])), what + " at " + i);
            }
        }
    }
}
