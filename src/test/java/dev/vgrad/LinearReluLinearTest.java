package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.TransformerEncoderLayer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feed-forward block as one op ({@link Tensor#linearReluLinear}) against its composition from linear and relu:
 * the same bits forward and in every gradient, with the hidden layer in one block and in several (more than
 * {@link dev.vgrad.kernels.Sgemm#blockRows} rows), with the parameters' gradients returned and added into existing
 * grads, with some inputs not requiring grad; the same bits on 1 and 3 threads; finite differences to second order;
 * the composition where the op does not apply; and the transformer layer, which takes it.
 */
class LinearReluLinearTest {
    /** rows given as [a, b] for a 3-D input (b 0: a 2-D input of a rows). */
    @ParameterizedTest
    @CsvSource({"5,0,3,7,2", "1,0,1,1,1", "9,4,16,33,17", "37,31,17,19,23", "1100,0,3,4100,2", "300,4,5,2000,3",
        "0,0,3,4,2", "2,0,3,4,2", "1100,0,24,600,40"})
    void equalsTheComposition(int a, int b, int e, int f, int out) {
        Generator g = new Generator(a * 7 + b * 11 + e * 13 + f * 17 + out);
        Tensor x = b == 0 ? Tensor.randn(g, a, e) : Tensor.randn(g, a, b, e);
        Tensor w1 = Tensor.randn(g, f, e), b1 = Tensor.randn(g, f), w2 = Tensor.randn(g, out, f);
        Tensor b2 = Tensor.randn(g, out), upstream = Tensor.randn(g, Shapes.with(x.shape, x.dim() - 1, out));
        Tensor[] fused = leaves(x, w1, b1, w2, b2), composed = leaves(x, w1, b1, w2, b2);
        for (int pass = 0; pass < 2; pass++) {  // the second pass adds into the grads the first one made
            Tensor y = Tensor.linearReluLinear(fused[0], fused[1], fused[2], fused[3], fused[4]);
            assertEquals("LinearReluLinearBackward", y.gradFn().name());
            Tensor z = LinearAlgebra.linear(LinearAlgebra.linear(composed[0], composed[1], composed[2]).relu(),
                    composed[3], composed[4]);
            assertArrayEquals(z.toArray(), y.toArray(), 0f, "forward");
            y.backward(upstream);
            z.backward(upstream);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(composed[i].grad().toArray(), fused[i].grad().toArray(), 0f, "grad " + i);
            }
        }
    }

    /**
     * Backward writes the hidden layer's gradient over the hidden layer only at the saved tensors' last use: with
     * retainGraph the hidden layer stays for the next pass, each pass gives the composition's gradients, and the pass
     * that frees the graph (several blocks of rows here) gives them too.
     */
    @Test
    void aRetainedGraphKeepsItsHiddenLayerForTheNextPass() {
        Generator g = new Generator(41);
        Tensor x = Tensor.randn(g, 1100, 3), w1 = Tensor.randn(g, 600, 3), b1 = Tensor.randn(g, 600);
        Tensor w2 = Tensor.randn(g, 2, 600), b2 = Tensor.randn(g, 2), upstream = Tensor.randn(g, 1100, 2);
        Tensor[] fused = leaves(x, w1, b1, w2, b2), composed = leaves(x, w1, b1, w2, b2);
        Tensor y = Tensor.linearReluLinear(fused[0], fused[1], fused[2], fused[3], fused[4]);
        Tensor z = LinearAlgebra.linear(LinearAlgebra.linear(composed[0], composed[1], composed[2]).relu(),
                composed[3], composed[4]);
        for (int pass = 0; pass < 3; pass++) {
            boolean retain = pass < 2;
            dev.vgrad.autograd.Autograd.backward(y, upstream, retain);
            dev.vgrad.autograd.Autograd.backward(z, upstream, retain);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(composed[i].grad().toArray(), fused[i].grad().toArray(), 0f,
                        "pass " + pass + ", grad " + i);
            }
        }
        assertThrows(IllegalStateException.class, () -> y.backward(upstream));
    }

    @Test
    void inputsThatDoNotRequireGradGetNone() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(g, 6, 4), w1 = Tensor.randn(g, 5, 4).requiresGrad_(), b1 = Tensor.randn(g, 5);
        Tensor w2 = Tensor.randn(g, 3, 5), b2 = Tensor.randn(g, 3).requiresGrad_();
        Tensor upstream = Tensor.randn(g, 6, 3);
        Tensor.linearReluLinear(x, w1, b1, w2, b2).backward(upstream);
        Tensor cw1 = w1.detach().requiresGrad_(), cb2 = b2.detach().requiresGrad_();
        LinearAlgebra.linear(LinearAlgebra.linear(x, cw1, b1).relu(), w2, cb2).backward(upstream);
        assertArrayEquals(cw1.grad().toArray(), w1.grad().toArray(), 0f);
        assertArrayEquals(cb2.grad().toArray(), b2.grad().toArray(), 0f);
        assertNull(x.grad());
        assertNull(b1.grad());
        assertNull(w2.grad());
    }

    @Test
    void sameBitsOnOneAndThreeThreads() {
        ThreadCounts.assertSameBitsOnOneAndThree(LinearReluLinearTest::run);
    }

    private static float[][] run() {
        Generator g = new Generator(3);
        Tensor[] p = leaves(Tensor.randn(g, 40, 30, 24), Tensor.randn(g, 96, 24), Tensor.randn(g, 96),
                Tensor.randn(g, 24, 96), Tensor.randn(g, 24));
        Tensor y = Tensor.linearReluLinear(p[0], p[1], p[2], p[3], p[4]);
        y.backward(Tensor.randn(g, 40, 30, 24));
        return new float[][] {y.toArray(), p[0].grad().toArray(), p[1].grad().toArray(), p[2].grad().toArray(),
            p[3].grad().toArray(), p[4].grad().toArray()};
    }

    @Test
    void derivativesMatchFiniteDifferencesToSecondOrder() {
        Generator g = new Generator(13);
        GradCheck.Fn block = x -> Tensor.linearReluLinear(x[0], x[1], x[2], x[3], x[4]);
        // hidden pre-activations kept away from 0, where relu's kink would make the differences meaningless
        Tensor x = Tensor.of(new float[] {1f, -2f, 0.5f, 1.5f, -1f, 2f}, 2, 3);
        Tensor w1 = Tensor.of(new float[] {1f, 0.5f, -1f, -0.5f, 1f, 1f, 2f, -1f, 0.25f, 1f, 1f, 1f}, 4, 3);
        Tensor[] inputs = {x, w1, Tensor.of(0.1f, -0.2f, 0.3f, 0.05f), Tensor.randn(g, 2, 4), Tensor.randn(g, 2)};
        assertTrue(GradCheck.gradcheck(block, inputs));
        assertTrue(GradCheck.gradgradcheck(block, inputs));
    }

    @Test
    void operandsTheOpDoesNotTakeAreComposed() {
        Generator g = new Generator(7);
        Tensor x = Tensor.randn(g, 4, 6).t().requiresGrad_();  // [6, 4], not contiguous
        Tensor w1 = Tensor.randn(g, 5, 4), b1 = Tensor.randn(g, 5), w2 = Tensor.randn(g, 3, 5), b2 = Tensor.randn(g, 3);
        Tensor y = Tensor.linearReluLinear(x, w1, b1, w2, b2);
        assertEquals("AddmmBackward0", y.gradFn().name());
        assertArrayEquals(LinearAlgebra.linear(LinearAlgebra.linear(x, w1, b1).relu(), w2, b2).toArray(), y.toArray(),
                0f);
        assertEquals("AddmmBackward0", Tensor.linearReluLinear(x, w1, null, w2, b2).gradFn().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.linearReluLinear(Tensor.randn(g, 2, 7), w1, b1, w2, b2));
        assertTrue(e.getMessage().contains("2x7 and 4x5"), e.getMessage());
    }

    @Test
    void theTransformerLayerTakesItWithTheBitsOfItsBlockSpeltOut() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(16, 2, 40, 0f, new Generator(9));
        TransformerEncoderLayer twin = new TransformerEncoderLayer(16, 2, 40, 0f, new Generator(9));
        Tensor x = Tensor.randn(new Generator(10), 7, 3, 16);
        Tensor upstream = Tensor.randn(new Generator(11), 7, 3, 16);
        Tensor y = layer.forward(x);
        y.backward(upstream);
        // the twin's layer spelt out (post-norm, no dropout): linear1, relu and linear2 as ops of their own
        Map<String, Tensor> p = twin.namedParameters();
        int[] width = {16};
        Tensor h = Functional.layerNorm(x.add(twin.selfAttn.forward(x, x, x, null, null)), width,
                p.get("norm1.weight"), p.get("norm1.bias"), 1e-5f);
        Tensor hidden = Functional.linear(h, p.get("linear1.weight"), p.get("linear1.bias")).relu();
        Tensor ff = Functional.linear(hidden, p.get("linear2.weight"), p.get("linear2.bias"));
        Tensor z = Functional.layerNorm(h.add(ff), width, p.get("norm2.weight"), p.get("norm2.bias"), 1e-5f);
        z.backward(upstream);
        assertArrayEquals(z.toArray(), y.toArray(), 0f);
        Map<String, Tensor> mine = layer.namedParameters();
        p.forEach((name, t) -> assertArrayEquals(t.grad().toArray(), mine.get(name).grad().toArray(), 0f, name));
    }

    private static Tensor[] leaves(Tensor... values) {
        Tensor[] out = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].detach().clone().requiresGrad_();
        }
        return out;
    }
}
