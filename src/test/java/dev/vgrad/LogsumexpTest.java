package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * logsumexp along the innermost dimension (a row at a time) gives the bits of its composed ops, rows of infinities and
 * NaN included; its gradient is softmax's, and second derivatives hold against finite differences.
 */
class LogsumexpTest {
    @Test
    void rowsAreTheBitsOfTheComposedOps() {
        Generator g = new Generator(11);
        for (int[] shape : new int[][] {{7}, {3, 17}, {2, 5, 40}, {64, 1}}) {
            float[] v = Tensor.randn(g, shape).mul(5f).toArray();
            if (v.length > 20) {
                v[0] = Float.POSITIVE_INFINITY;
                v[18] = Float.NaN;
                v[v.length - 1] = Float.NEGATIVE_INFINITY;
            }
            Tensor x = Tensor.of(v, shape);
            Tensor max = x.amax(-1, true);
            Tensor m = max.maskedFill(max.abs().eq(Float.POSITIVE_INFINITY), 0f);
            Tensor want = x.sub(m).exp().sum(-1, true).log().add(m);
            float[] got = x.logsumexp(-1, true).toArray(), expected = want.toArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]),
                        java.util.Arrays.toString(shape) + " row " + i);
            }
        }
        Tensor allMinusInf = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1, 2);
        assertEquals(Float.NEGATIVE_INFINITY, allMinusInf.logsumexp(1, false).item(), 0f);
    }

    @Test
    void gradientIsSoftmaxAndDifferentiableAgain() {
        Tensor x = Tensor.randn(new Generator(12), 4, 9).requiresGrad_(true);
        x.logsumexp(1, false).sum().backward();
        assertArrayEquals(x.detach().softmax(1).toArray(), x.grad().toArray(), 1e-6f);
        assertTrue(GradCheck.gradgradcheck(t -> t[0].logsumexp(1, false).mul(t[0].sum(1, false)),
                Tensor.randn(new Generator(13), 3, 5)));
    }
}
