package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * softmax and logSoftmax over a dimension that is not the innermost (short ones a vector's width of columns at a time,
 * longer ones copied into tiles) give the bits of the same rows made contiguous and taken along the innermost
 * dimension, on widths below, at and past a tile's rows (one block's tiles split between threads where there are
 * several), with NaN and infinities in some rows; and their
 * backward over such a dimension and over the last gives the bits of the recorded rule's tensor ops.
 */
class SoftmaxAlongDimTest {
    @Test
    void rowsAlongAnOuterDimensionAreTheBitsOfTheSameRowsMadeInnermost() {
        Generator g = new Generator(5);
        int[][] shapes = {{3, 7, 5}, {2, 33, 16}, {4, 9, 37}, {1, 300, 17}, {2, 1, 20}, {1, 130, 200}, {1, 300, 300}};
        for (int[] shape : shapes) {
            Tensor x = Tensor.randn(g, shape).mul(4f);
            float[] data = x.toArray();
            data[1] = Float.NaN;
            data[data.length - 2] = Float.POSITIVE_INFINITY;
            data[data.length / 2] = Float.NEGATIVE_INFINITY;
            x = Tensor.of(data).reshape(shape);
            for (int dim = 0; dim < 2; dim++) {
                Tensor innermost = x.movedim(dim, 2).contiguous();
                for (boolean log : new boolean[] {false, true}) {
                    Tensor got = log ? x.logSoftmax(dim) : x.softmax(dim);
                    Tensor want = (log ? innermost.logSoftmax(2) : innermost.softmax(2)).movedim(2, dim);
                    String what = (log ? "logSoftmax" : "softmax") + " dim " + dim + " of "
                            + java.util.Arrays.toString(shape);
                    assertArrayEquals(bits(want.contiguous().toArray()), bits(got.toArray()), what);
                }
            }
        }
    }

    @Test
    void gradientsAlongAnOuterDimensionAreTheBitsOfTheRecordedRule() {
        // Without createGraph the last dimension, a short one that is not and a longer one with a vector's width of
        // columns or more take one pass (Softmax.backward); with it, the rule's tensor ops. Both must give the same
        // bits, on widths below, at and past a vector's lanes, and on rows past a canonical sum's block.
        Generator g = new Generator(6);
        int[][] shapes = {{3, 7, 5}, {2, 10, 16}, {4, 3, 37}, {2, 15, 40}, {5, 1, 9}, {2, 3, 2100}, {2, 40, 33},
            {1, 130, 200}, {2, 2100, 17}, {2, 40, 15}, {1, 300, 300}};
        for (int[] shape : shapes) {
            Tensor x = Tensor.randn(g, shape).mul(3f);
            Tensor upstream = Tensor.randn(g, shape);
            for (int dim : new int[] {1, 2}) {   // a middle dimension (columns when short), the last (rows)
                for (boolean log : new boolean[] {false, true}) {
                    Tensor a = x.detach().requiresGrad_(), b = x.detach().requiresGrad_();
                    (log ? a.logSoftmax(dim) : a.softmax(dim)).backward(upstream);
                    (log ? b.logSoftmax(dim) : b.softmax(dim)).backward(upstream, false, true);
                    String what = (log ? "logSoftmax" : "softmax") + " backward, dim " + dim + " of "
                            + java.util.Arrays.toString(shape);
                    assertArrayEquals(bits(b.grad().detach().toArray()), bits(a.grad().toArray()), what);
                }
            }
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }
}
