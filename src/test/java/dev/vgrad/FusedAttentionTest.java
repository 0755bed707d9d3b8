package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused attention op against the same attention composed from matmul and softmax: outputs and the gradients of
 * query, key and value, on operands that are transposed views (as MultiheadAttention passes them), with no mask, an
 * additive mask and the causal triangle; the same bits on 1 and 3 threads; finite differences to second order.
 */
class FusedAttentionTest {
    /**
     * mode: 0 no mask, 1 additive mask, 2 causal, 3 an additive mask that hides every later key (-infinity above the
     * diagonal, as triu(1) makes it): modes 2 and 3 take the op's lower-triangular bands (rows of 40 cut into bands of
     * 16, 16 and 8; more queries than keys; fewer).
     */
    @ParameterizedTest
    @CsvSource({"3,5,7,4,3,0", "3,5,7,4,3,1", "3,5,7,4,3,2", "8,64,64,32,32,2", "2,1,9,5,6,1", "4,17,3,8,2,2",
            "3,5,7,4,3,3", "2,40,40,8,8,3", "2,40,40,8,8,2", "1,64,64,32,32,3", "4,17,3,8,2,3", "2,37,50,5,3,3"})
    void matchesTheComposedAttention(int batch, int l, int s, int e, int ev, int mode) {
        Generator g = new Generator(batch * 100 + l * 10 + mode);
        // [L, B, E] storage seen as [B, L, E]: the last dimension contiguous, the batch dimension strided.
        Tensor q = Tensor.randn(g, l, batch, e).transpose(0, 1).requiresGrad_();
        Tensor k = Tensor.randn(g, s, batch, e).transpose(0, 1).requiresGrad_();
        Tensor v = Tensor.randn(g, s, batch, ev).transpose(0, 1).requiresGrad_();
        Tensor mask = mode == 1 ? Tensor.randn(g, l, s) : null;
        if (mode == 3) {
            mask = Tensor.randn(g, l, s).maskedFill(Tensor.ones(l, s).triu(1), Float.NEGATIVE_INFINITY);
        }
        Tensor upstream = Tensor.randn(g, batch, l, ev);

        Tensor fused = Tensor.scaledDotProductAttention(q, k, v, mask, mode == 2);
        assertEquals("ScaledDotProductAttentionBackward0", fused.gradFn().name());
        fused.backward(upstream);
        float[][] fusedGrads = {q.grad().toArray(), k.grad().toArray(), v.grad().toArray()};
        q.grad().zero_();
        k.grad().zero_();
        v.grad().zero_();

        Tensor scores = q.matmul(k.transpose(-2, -1)).mul((float) (1 / Math.sqrt(e)));
        if (mode == 1 || mode == 3) {
            scores = scores.add(mask);
        } else if (mode == 2) {
            scores = scores.maskedFill(Tensor.ones(l, s).triu(1), Float.NEGATIVE_INFINITY);
        }
        Tensor composed = scores.softmax(-1).matmul(v);
        composed.backward(upstream);
        float[][] composedGrads = {q.grad().toArray(), k.grad().toArray(), v.grad().toArray()};

        assertClose(composed.toArray(), fused.toArray(), "output");
        String[] names = {"query", "key", "value"};
        for (int i = 0; i < 3; i++) {
            assertClose(composedGrads[i], fusedGrads[i], names[i] + " gradient");
        }
    }

    /**
     * Operands that are transposed views give a result in their layout, so the caller's transpose back is contiguous
     * (MultiheadAttention then merges heads with a view); a gradient arriving in that layout is read in place. Values
     * and gradients equal those of contiguous operands, bit for bit (the same products on the same numbers).
     */
    @Test
    void followsTheQuerysLayoutAndReadsAGradientInIt() {
        Generator g = new Generator(9);
        Tensor qs = Tensor.randn(g, 6, 5, 4), ks = Tensor.randn(g, 7, 5, 4), vs = Tensor.randn(g, 7, 5, 3);
        Tensor q = qs.transpose(0, 1).requiresGrad_(), k = ks.transpose(0, 1).requiresGrad_();
        Tensor v = vs.transpose(0, 1).requiresGrad_();
        Tensor weights = Tensor.randn(g, 6, 5, 3);
        Tensor y = Tensor.scaledDotProductAttention(q, k, v, null, true);
        assertTrue(y.transpose(0, 1).isContiguous(), "the result is laid out as the query");
        y.transpose(0, 1).mul(weights).sum().backward();   // the gradient reaches y as a transposed view

        Tensor q2 = q.detach().contiguous().requiresGrad_(), k2 = k.detach().contiguous().requiresGrad_();
        Tensor v2 = v.detach().contiguous().requiresGrad_();
        Tensor y2 = Tensor.scaledDotProductAttention(q2, k2, v2, null, true);
        assertTrue(y2.isContiguous());
        y2.transpose(0, 1).mul(weights).sum().backward();
        assertArrayEquals(y2.toArray(), y.toArray(), 0f);
        assertArrayEquals(q2.grad().toArray(), q.grad().toArray(), 0f);
        assertArrayEquals(k2.grad().toArray(), k.grad().toArray(), 0f);
        assertArrayEquals(v2.grad().toArray(), v.grad().toArray(), 0f);
    }

    @Test
    void sameBitsOnOneAndThreeThreads() {
        ThreadCounts.assertSameBitsOnOneAndThree(FusedAttentionTest::run);
    }

    private static float[][] run() {
        Generator g = new Generator(5);
        Tensor q = Tensor.randn(g, 32, 48, 16).requiresGrad_(), k = Tensor.randn(g, 32, 40, 16).requiresGrad_();
        Tensor v = Tensor.randn(g, 32, 40, 24).requiresGrad_();
        Tensor y = Tensor.scaledDotProductAttention(q, k, v, null, true);
        y.backward(Tensor.randn(g, 32, 48, 24));
        return new float[][] {y.toArray(), q.grad().toArray(), k.grad().toArray(), v.grad().toArray()};
    }

    /**
     * Causal with fewer queries than keys, inside an arena whose buffers held NaN: the backward pass's dS buffer comes
     * from the arena unwritten, and the keys' bands read the last band of queries past the columns it reaches (cut
     * short by l), where dS must read as the 0 it is. Gradients equal those computed on the heap, bit for bit.
     */
    @Test
    void fewerQueriesThanKeysGiveTheSameGradientsInADirtyArena() {
        int batch = 2, l = 37, s = 50;
        float[][] heap = causalShortQueries(batch, l, s);
        try (dev.vgrad.memory.Arena arena = dev.vgrad.memory.Arena.open()) {
            for (int parts = 1; parts <= batch; parts++) {
                for (int copies = 0; copies < 3; copies++) {
                    Tensor.full(Float.NaN, parts * l * s);
                }
            }
            arena.reset();
            float[][] inArena = causalShortQueries(batch, l, s);
            String[] names = {"output", "query gradient", "key gradient", "value gradient"};
            for (int i = 0; i < heap.length; i++) {
                assertArrayEquals(heap[i], inArena[i], 0f, names[i]);
            }
        }
    }

    private static float[][] causalShortQueries(int batch, int l, int s) {
        Generator g = new Generator(23);
        Tensor q = Tensor.randn(g, batch, l, 5), k = Tensor.randn(g, batch, s, 5), v = Tensor.randn(g, batch, s, 3);
        for (Tensor t : new Tensor[] {q, k, v}) {
            t.requiresGrad_();
        }
        Tensor y = Tensor.scaledDotProductAttention(q, k, v, null, true);
        y.backward(Tensor.randn(g, batch, l, 3));
        return new float[][] {y.toArray(), q.grad().toArray(), k.grad().toArray(), v.grad().toArray()};
    }

    @Test
    void secondDerivativesWithAMaskMatchFiniteDifferences() {
        Generator g = new Generator(11);
        Tensor mask = Tensor.randn(g, 3, 4);
        GradCheck.Fn fn = x -> Tensor.scaledDotProductAttention(x[0], x[1], x[2], mask, false);
        Tensor[] inputs = {Tensor.randn(g, 2, 3, 2), Tensor.randn(g, 2, 4, 2), Tensor.randn(g, 2, 4, 3)};
        assertTrue(GradCheck.gradcheck(fn, inputs));
        assertTrue(GradCheck.gradgradcheck(fn, inputs));
    }

    @Test
    void badShapesAreNamed() {
        Tensor q = Tensor.zeros(2, 3, 4), k = Tensor.zeros(2, 5, 4), v = Tensor.zeros(2, 5, 6);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.scaledDotProductAttention(q, Tensor.zeros(2, 5, 3), v, null, false));
        assertTrue(e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[2, 5, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.scaledDotProductAttention(q, k, v, Tensor.zeros(3, 4), false));
        assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    private static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 2e-5f * Math.max(1f, Math.abs(want[i])), what + " at " + i);
        }
    }
}
