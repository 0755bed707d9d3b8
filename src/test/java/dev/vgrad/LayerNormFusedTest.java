package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fused layer norm against the same normalization composed from ops (the form it replaced), on odd row lengths
 * (tails shorter than a vector), a strided input, and with and without weight and bias: outputs and all three
 * gradients agree to float rounding. (Bits across the scalar and vector paths: ReproducibilityTest; torch's values:
 * the layer_norm fixtures; first and second derivatives: GradCheckTest.)
 */
class LayerNormFusedTest {
    private static Tensor composed(Tensor x, Tensor w, Tensor b, float eps) {
        int[] last = {x.dim() - 1};
        Tensor centred = x.sub(x.mean(last, true));
        Tensor y = centred.mul(centred.mul(centred).mean(last, true).add(eps).rsqrt());
        if (w != null) {
            y = y.mul(w);
        }
        return b == null ? y : y.add(b);
    }

    @Test
    void aRowOfOneValueNormalizesToExactlyTheBiasAsInPyTorch() {
        // PyTorch's mean of a row of one value is that value (Welford), so the centred row is 0, the output the bias
        // and the weight's gradient 0; sum / d can miss the value by a rounding, and 1 / sqrt(eps) then magnified it.
        Generator g = new Generator(21);
        int missed = 0;
        for (float c : new float[] {0.1f, 1f / 3, -7.77f, 1e-3f, 12345.678f, 0.7f}) {
            for (int d : new int[] {3, 7, 64, 129}) {
                Tensor x = Tensor.full(c, 2, d).requiresGrad_();
                Tensor w = Tensor.randn(g, d).requiresGrad_(), b = Tensor.randn(g, d).requiresGrad_();
                if (dev.vgrad.kernels.Reductions.sum(d, x.toArray(), 0, 1) / d != c) {
                    missed++;
                }
                Tensor y = Tensor.layerNorm(x, w, b, 1e-5f);
                String what = "c=" + c + " d=" + d;
                float[] out = y.toArray(), bias = b.toArray();
                for (int i = 0; i < out.length; i++) {
                    assertEquals(bias[i % d], out[i], 0f, what);
                }
                y.backward(Tensor.randn(g, 2, d));
                assertArrayEquals(new float[d], w.grad().toArray(), 0f, what + ": the weight's gradient");
                float[] dx = x.grad().toArray();
                for (int r = 0; r < 2; r++) {
                    double rowSum = 0, scale = 0;
                    for (int i = 0; i < d; i++) {
                        rowSum += dx[r * d + i];
                        scale += Math.abs(dx[r * d + i]);
                    }
                    assertTrue(Math.abs(rowSum) <= 1e-5 * scale, what + ": a row's input gradients sum to 0");
                }
            }
        }
        assertTrue(missed > 0, "some of these rows' sum / d is not the value itself");
    }

    @Test
    void equalsTheComposedFormWithItsGradients() {
        Generator g = new Generator(12);
        for (int d : new int[] {1, 3, 7, 8, 19, 128}) {
            for (boolean affine : new boolean[] {true, false}) {
                Tensor base = Tensor.randn(g, d, 5, 3).mul(3f).add(2f);
                Tensor x1 = base.clone().requiresGrad_(), x2 = base.clone().requiresGrad_();
                Tensor w1 = affine ? Tensor.randn(g, d).requiresGrad_() : null, b1 = affine ? Tensor.randn(g, d).requiresGrad_() : null;
                Tensor w2 = affine ? w1.detach().requiresGrad_() : null, b2 = affine ? b1.detach().requiresGrad_() : null;
                Tensor up = Tensor.randn(g, 3, 5, d);
                Tensor fused = Tensor.layerNorm(x1.permute(2, 1, 0), w1, b1, 1e-5f);   // rows strided in memory
                Tensor reference = composed(x2.permute(2, 1, 0), w2, b2, 1e-5f);
                assertEquals("NativeLayerNormBackward0", fused.gradFn().name());
                assertArrayEquals(reference.toArray(), fused.toArray(), 2e-5f, "output, d=" + d);
                fused.mul(up).sum().backward();
                reference.mul(up).sum().backward();
                assertArrayEquals(x2.grad().toArray(), x1.grad().toArray(), 2e-4f, "dx, d=" + d);
                if (affine) {
                    assertArrayEquals(w2.grad().toArray(), w1.grad().toArray(), 2e-4f, "dw, d=" + d);
                    assertArrayEquals(b2.grad().toArray(), b1.grad().toArray(), 2e-4f, "db, d=" + d);
                }
            }
        }
    }

    @Test
    void aRetainedGraphKeepsItsStatisticsAndAResetArenaRefusesThem() {
        Generator g = new Generator(13);
        Tensor x = Tensor.randn(g, 4, 6).requiresGrad_(), w = Tensor.randn(g, 6);
        try (dev.vgrad.memory.Arena arena = dev.vgrad.memory.Arena.open()) {
            // Only the statistics live in the arena among what backward reads: x and w are heap tensors.
            Tensor y = Tensor.layerNorm(x, w, null, 1e-5f).sum();
            y.backward(null, true, false);
            float[] once = x.grad().toArray();
            Tensor.layerNorm(Tensor.randn(g, 4, 6), null, null, 1e-5f);   // other statistics in the same arena
            x.setGrad(null);
            y.backward(null, true, false);
            assertArrayEquals(once, x.grad().toArray(), "the second pass reads the statistics the first did");
            arena.reset();
            Tensor.layerNorm(Tensor.randn(g, 4, 6), null, null, 1e-5f);   // may take the statistics' buffer
            var e = assertThrows(IllegalStateException.class, () -> y.backward(null, true, false));
            assertTrue(e.getMessage().contains("arena was reset"), e.getMessage());
        }
    }

    @Test
    void badShapesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.layerNorm(Tensor.zeros(2, 4), Tensor.ones(3), null, 1e-5f));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.layerNorm(Tensor.scalar(1f), null, null, 1e-5f));
    }
}
