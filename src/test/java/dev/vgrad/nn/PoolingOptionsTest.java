package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * max_pool2d's ceil_mode and avg_pool2d's ceil_mode and count_include_pad against PyTorch 1.13: input 1.5 sin(0.7 i),
 * the output weighted by 1.5 sin(0.7 i + 0.3) and summed, then backward; torch printed the output's sum, the input
 * gradient's absolute sum and its sum weighted by 1.5 sin(0.7 i + 2) (which tells where the gradient went).
 */
class PoolingOptionsTest {
    private static Tensor det(float phase, int... shape) {
        return Sines.of(phase, shape);
    }

    private static void check(float[] expected, int[] outShape, UnaryOperator<Tensor> pool, int... shape) {
        Tensor x = det(0f, shape).requiresGrad_();
        Tensor y = pool.apply(x);
        assertArrayEquals(outShape, y.shape());
        y.mul(det(0.3f, y.shape())).sum().backward();
        assertArrayEquals(expected, new float[] {y.sum().item(), x.grad().abs().sum().item(),
            x.grad().mul(det(2f, shape)).sum().item()}, 1e-4f);
    }

    private static int[] p(int... v) {
        return v;
    }

    @Test
    void maxPoolCeilModeAsTorch() {
        check(new float[] {24.644255f, 13.120493f, -0.593249f}, p(1, 2, 3, 3),
                x -> Functional.maxPool2d(x, p(3, 3), p(2, 2), p(0, 0), true), 1, 2, 6, 7);
        check(new float[] {16.495167f, 17.056784f, 6.420383f}, p(2, 1, 3, 3),
                x -> Functional.maxPool2d(x, p(2, 2), p(2, 2), p(1, 1), true), 2, 1, 5, 5);
        check(new float[] {7.387509f, 8.538629f, 0.408747f}, p(1, 1, 3, 3),
                new MaxPool2d(3, 3, 1, true)::forward, 1, 1, 7, 8);
    }

    @Test
    void avgPoolCeilModeAndCountIncludePadAsTorch() {
        check(new float[] {0.695753f, 8.679338f, -2.142763f}, p(1, 2, 4, 4),
                x -> Functional.avgPool2d(x, p(3, 3), p(2, 2), p(1, 1), true, true), 1, 2, 6, 7);
        check(new float[] {1.114793f, 16.056904f, 0.378196f}, p(1, 2, 4, 4),
                x -> Functional.avgPool2d(x, p(3, 3), p(2, 2), p(1, 1), true, false), 1, 2, 6, 7);
        check(new float[] {0.466467f, 15.514608f, -0.889326f}, p(2, 1, 4, 3),
                new AvgPool2d(3, 2, 1, false, false)::forward, 2, 1, 7, 6);
        check(new float[] {0.489968f, 8.538629f, 3.610969f}, p(1, 1, 3, 3),
                x -> Functional.avgPool2d(x, p(2, 2), p(2, 2), p(0, 0), true, true), 1, 1, 5, 5);
        check(new float[] {2.550044f, 29.934029f, -1.972348f}, p(1, 2, 3, 6),
                x -> Functional.avgPool2d(x, p(2, 3), p(2, 1), p(1, 1), true, false), 1, 2, 5, 6);
        check(new float[] {1.114793f, 16.056904f, 0.378196f}, p(2, 4, 4),
                new AvgPool2d(3, 2, 1, true, false)::forward, 2, 6, 7);
    }

    @Test
    void rectangularWindowsInTheModulesAsTorch() {
        // nn.MaxPool2d((2, 3), (2, 1), (1, 1)) and nn.AvgPool2d((2, 3), (2, 1), (1, 1), ceil_mode=True,
        // count_include_pad=False) on 1.5 sin(0.7 i) as [1, 2, 5, 6]: output sums, torch 1.13
        MaxPool2d max = new MaxPool2d(p(2, 3), p(2, 1), p(1, 1), false);
        AvgPool2d avg = new AvgPool2d(p(2, 3), p(2, 1), p(1, 1), true, false);
        assertEquals("MaxPool2d(kernel_size=(2, 3), stride=(2, 1), padding=(1, 1), dilation=1, ceil_mode=False)",
                max.toString());
        assertEquals("AvgPool2d(kernel_size=(2, 3), stride=(2, 1), padding=(1, 1))", avg.toString());
        assertEquals(38.99217224121094f, max.forward(det(0f, 1, 2, 5, 6)).sum().item(), 1e-4f);
        assertEquals(2.550044059753418f, avg.forward(det(0f, 1, 2, 5, 6)).sum().item(), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(p(2), p(2, 2), p(0, 0), false));
    }

    @Test
    void defaultsKeepTheirBitsReprsNameTheModeAndIndicesFollowCeilMode() {
        Tensor x = det(0f, 2, 3, 7, 8);
        assertArrayEquals(Functional.avgPool2d(x, p(3, 3), p(2, 2), p(1, 1)).toArray(),
                new AvgPool2d(3, 2, 1, false, true).forward(x).toArray(), 0f);
        assertArrayEquals(Functional.maxPool2d(x, p(3, 3), p(2, 2), p(1, 1)).toArray(),
                new MaxPool2d(3, 2, 1, false).forward(x).toArray(), 0f);
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=True)",
                new MaxPool2d(3, 2, 1, true).toString());
        // torch: nn.MaxPool2d(3, 2, 0, ceil_mode=True, return_indices=True) on 1.5 sin(0.7 i) as [1, 2, 6, 7], and
        // nn.MaxPool2d(2, 2, 1, ceil_mode=True, return_indices=True) on [1, 1, 5, 5]: the indices
        java.util.List<Tensor> pooled = new MaxPool2d(3, 2, 0, true).forwardWithIndices(det(0f, 1, 2, 6, 7));
        assertArrayEquals(new float[] {2, 11, 20, 29, 30, 20, 29, 38, 39, 14, 4, 5, 23, 32, 32, 30, 32, 41},
                pooled.get(1).toArray(), 0f);
        assertArrayEquals(new MaxPool2d(3, 2, 0, true).forward(det(0f, 1, 2, 6, 7)).toArray(), pooled.get(0).toArray());
        assertArrayEquals(new float[] {0, 2, 3, 10, 11, 13, 20, 21, 19},
                new MaxPool2d(2, 2, 1, true).forwardWithIndices(det(0f, 1, 1, 5, 5)).get(1).toArray(), 0f);
    }
}
