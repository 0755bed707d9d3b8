package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * cumsum along every dimension (rows added at once when the dimension is not the innermost, a running sum along it
 * when it is) gives the bits of the plain walk along each line, and so does its gradient (the walk from the other end).
 */
class CumsumTest {
    @Test
    void everyDimensionGivesTheBitsOfTheWalkAlongEachLine() {
        Generator g = new Generator(9);
        int[][] shapes = {{5}, {3, 17}, {4, 5, 33}, {2, 64, 3}, {1, 1, 7}};
        for (int[] shape : shapes) {
            Tensor x = Tensor.randn(g, shape).mul(3f);
            float[] data = x.toArray();
            for (int d = 0; d < shape.length; d++) {
                Tensor leaf = Tensor.of(data, shape).requiresGrad_(true);
                Tensor y = leaf.cumsum(d);
                Tensor upstream = Tensor.randn(g, shape);
                y.backward(upstream);
                String what = "dim " + d + " of " + java.util.Arrays.toString(shape);
                assertBits(walk(data, shape, d, false), y.toArray(), "cumsum " + what);
                assertBits(walk(upstream.toArray(), shape, d, true), leaf.grad().toArray(), "gradient " + what);
            }
        }
    }

    /** Each line along d summed in order from its start (or, reversed, from its end), one element at a time. */
    private static float[] walk(float[] v, int[] shape, int d, boolean reverse) {
        float[] out = v.clone();
        int step = 1;
        for (int k = d + 1; k < shape.length; k++) {
            step *= shape[k];
        }
        int len = shape[d];
        for (int start = 0; start < out.length; start++) {
            if ((start / step) % len != 0) {
                continue;   // not the first element of its line
            }
            if (reverse) {
                for (int i = len - 2; i >= 0; i--) {
                    out[start + i * step] += out[start + (i + 1) * step];
                }
            } else {
                for (int i = 1; i < len; i++) {
                    out[start + i * step] += out[start + (i - 1) * step];
                }
            }
        }
        return out;
    }

    private static void assertBits(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), what + " at " + i);
        }
    }
}
