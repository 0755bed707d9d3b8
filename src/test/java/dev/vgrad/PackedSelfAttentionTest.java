package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import dev.vgrad.nn.MultiheadAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Self-attention on packed projections ({@link Tensor#packedSelfAttention}) against the same attention on q, k and v
 * cut from the packed tensor and split into heads with views (the fused 3-D op): same bits forward and backward; the
 * same bits on 1 and 3 threads; finite differences to second order; and MultiheadAttention's self-attention, which
 * takes it, against its general path (distinct key and value tensors).
 */
class PackedSelfAttentionTest {
    /**
     * mode: 0 no mask, 1 additive mask, 2 causal, 3 an additive mask hiding every later key (the lower bands); the
     * sequence-first op against the fused op on head views, and the batch-first op against the sequence-first one.
     */
    @ParameterizedTest
    @CsvSource({"5,3,2,4,0", "5,3,2,4,1", "5,3,2,4,2", "1,2,3,2,2", "7,1,1,3,1", "64,4,4,8,2", "5,3,2,4,3",
            "40,2,2,8,3", "64,4,4,8,3"})
    void equalsTheFusedOpOnHeadViews(int t, int n, int heads, int hd, int mode) {
        Generator g = new Generator(t * 1000 + n * 100 + heads * 10 + mode);
        int width = heads * hd;
        Tensor qkv = Tensor.randn(g, t, n, 3 * width).requiresGrad_();
        Tensor mask = mask(g, t, mode);
        Tensor upstream = Tensor.randn(g, t, n, width);

        Tensor packed = Tensor.packedSelfAttention(qkv, heads, mask, mode == 2);
        assertEquals("PackedSelfAttentionBackward0", packed.gradFn().name());
        packed.backward(upstream);
        float[] packedGrad = qkv.grad().toArray();

        Tensor x = qkv.detach().requiresGrad_();
        Tensor[] parts = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = x.narrow(2, i * width, width).reshape(t, n * heads, hd).transpose(0, 1);
        }
        Tensor reference = Tensor.scaledDotProductAttention(parts[0], parts[1], parts[2], mask, mode == 2)
                .transpose(0, 1).reshape(t, n, width);
        reference.backward(upstream);
        assertArrayEquals(reference.toArray(), packed.toArray(), 0f);
        assertArrayEquals(x.grad().toArray(), packedGrad, 0f);

        // Batch-first ([N, T, 3E]) on the same numbers transposed: each head of each batch element is the same
        // computation, so the same bits forward and backward.
        Tensor first = qkv.detach().transpose(0, 1).contiguous().requiresGrad_();
        Tensor y = Tensor.packedSelfAttention(first, heads, mask, mode == 2, true);
        assertArrayEquals(new int[] {n, t, width}, y.shape());
        y.backward(upstream.transpose(0, 1).contiguous());
        assertArrayEquals(packed.transpose(0, 1).contiguous().toArray(), y.toArray(), 0f);
        assertArrayEquals(qkv.grad().transpose(0, 1).contiguous().toArray(), first.grad().toArray(), 0f);
    }

    /** The mask of {@code mode} (see {@link #equalsTheFusedOpOnHeadViews}) over t positions; null for 0 and 2. */
    private static Tensor mask(Generator g, int t, int mode) {
        if (mode == 3) {
            return Tensor.randn(g, t, t).maskedFill(Tensor.ones(t, t).triu(1), Float.NEGATIVE_INFINITY);
        }
        return mode == 1 ? Tensor.randn(g, t, t) : null;
    }

    /**
     * Batch-first MultiheadAttention's self-attention takes the packed op on [N, T, 3E] as it lies: the same output
     * bits as the sequence-first module (the same weights) on the transposed input, and close gradients (the weight
     * gradients sum over the positions in another order).
     */
    @Test
    void batchFirstMultiheadSelfAttentionTakesThePackedOpWithoutTransposes() {
        MultiheadAttention first = new MultiheadAttention(12, 3, 0f, true, new Generator(29));
        MultiheadAttention sequence = new MultiheadAttention(12, 3, 0f, false, new Generator(29));
        Generator g = new Generator(31);
        Tensor x = Tensor.randn(g, 2, 6, 12).requiresGrad_();
        Tensor mask = Tensor.zeros(6, 6).maskedFill(Tensor.ones(6, 6).triu(1), Float.NEGATIVE_INFINITY);
        Tensor weights = Tensor.randn(g, 2, 6, 12);
        Tensor y = first.forward(x, x, x, mask);
        assertTrue(reaches(y.gradFn(), "PackedSelfAttentionBackward0"), "the packed op is in the graph");
        assertTrue(y.isContiguous(), "no transposed view around the op");
        y.mul(weights).sum().backward();

        Tensor xs = x.detach().transpose(0, 1).contiguous().requiresGrad_();
        Tensor ys = sequence.forward(xs, xs, xs, mask);
        ys.mul(weights.transpose(0, 1)).sum().backward();
        assertArrayEquals(ys.transpose(0, 1).contiguous().toArray(), y.toArray(), 0f);
        assertClose(xs.grad().transpose(0, 1).contiguous().toArray(), x.grad().toArray(), "input gradient");
        assertClose(sequence.inProjWeight.grad().toArray(), first.inProjWeight.grad().toArray(), "in_proj_weight");
        assertClose(sequence.outProj.weight.grad().toArray(), first.outProj.weight.grad().toArray(), "out_proj");
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), what + " at " + i);
        }
    }

    @Test
    void sameBitsOnOneAndThreeThreads() {
        ThreadCounts.assertSameBitsOnOneAndThree(PackedSelfAttentionTest::run);
    }

    private static float[][] run() {
        Generator g = new Generator(3);
        Tensor qkv = Tensor.randn(g, 48, 8, 3 * 32).requiresGrad_();
        Tensor y = Tensor.packedSelfAttention(qkv, 4, null, true);
        y.backward(Tensor.randn(g, 48, 8, 32));
        return new float[][] {y.toArray(), qkv.grad().toArray()};
    }

    /** Finite differences to second order, sequence-first qkv [3, 2, 12] and batch-first [2, 3, 12]. */
    @ParameterizedTest
    @CsvSource({"false", "true"})
    void secondDerivativesMatchFiniteDifferences(boolean batchFirst) {
        Generator g = new Generator(13);
        Tensor mask = Tensor.randn(g, 3, 3);
        GradCheck.Fn masked = x -> Tensor.packedSelfAttention(x[0], 2, mask, false, batchFirst);
        GradCheck.Fn causal = x -> Tensor.packedSelfAttention(x[0], 2, null, true, batchFirst);
        Tensor[] inputs = {batchFirst ? Tensor.randn(g, 2, 3, 12) : Tensor.randn(g, 3, 2, 12)};
        assertTrue(GradCheck.gradcheck(masked, inputs));
        assertTrue(GradCheck.gradgradcheck(masked, inputs));
        assertTrue(GradCheck.gradcheck(causal, inputs));
        assertTrue(GradCheck.gradgradcheck(causal, inputs));
    }

    @Test
    void multiheadSelfAttentionEqualsItsGeneralPath() {
        Generator g = new Generator(17);
        MultiheadAttention attention = new MultiheadAttention(12, 3, g);
        Tensor x = Tensor.randn(g, 6, 2, 12).requiresGrad_();
        Tensor mask = Tensor.zeros(6, 6).maskedFill(Tensor.ones(6, 6).triu(1), Float.NEGATIVE_INFINITY);
        Tensor weights = Tensor.randn(g, 6, 2, 12);
        attention.forward(x, x, x, mask).mul(weights).sum().backward();
        float[] dx = x.grad().toArray(), dw = attention.inProjWeight.grad().toArray();
        float[] db = attention.inProjBias.grad().toArray();
        float[] y = attention.forward(x, x, x, mask).toArray();
        attention.zeroGrad();

        // The same tensor three times over as distinct objects: the general path (three projections, head views).
        Tensor x2 = x.detach().requiresGrad_(), k = x2.mul(1f), v = x2.mul(1f);
        Tensor y2 = attention.forward(x2, k, v, mask);
        y2.mul(weights).sum().backward();
        // One product of the stacked weight computes each output and weight-gradient element in the order the three
        // products do: same bits. The input gradient sums over 3E in one product instead of three: rounding differs.
        assertArrayEquals(y2.toArray(), y, 0f);
        assertArrayEquals(attention.inProjWeight.grad().toArray(), dw, 0f);
        assertArrayEquals(attention.inProjBias.grad().toArray(), db, 0f);
        float[] dx2 = x2.grad().toArray();
        for (int i = 0; i < dx.length; i++) {
            assertEquals(dx2[i], dx[i], 1e-5f * Math.max(1f, Math.abs(dx2[i])), "input gradient at " + i);
        }
    }

    @Test
    void unbatchedSelfAttentionTakesThePackedOpAndEqualsTheBatchedOne() {
        Generator g = new Generator(19);
        MultiheadAttention attention = new MultiheadAttention(8, 2, g);
        Tensor x = Tensor.randn(g, 5, 8).requiresGrad_();
        Tensor y = attention.forward(x);
        assertTrue(reaches(y.gradFn(), "PackedSelfAttentionBackward0"), "the packed op is in the graph");
        Tensor batched = attention.forward(x.detach().unsqueeze(1)).squeeze(1);
        assertArrayEquals(batched.toArray(), y.toArray(), 0f);
    }

    /** Whether a node named {@code name} is reachable from {@code from} along next edges. */
    private static boolean reaches(dev.vgrad.autograd.Node from, String name) {
        if (from == null) {
            return false;
        }
        if (from.name().equals(name)) {
            return true;
        }
        for (dev.vgrad.autograd.Node next : from.nextFunctions()) {
            if (reaches(next, name)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void badShapesAndMasksAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.packedSelfAttention(Tensor.zeros(4, 2, 10), 2, null, false));
        assertTrue(e.getMessage().contains("[4, 2, 10]") && e.getMessage().contains("num_heads=2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.packedSelfAttention(Tensor.zeros(4, 2, 12), 2, Tensor.zeros(4, 3), false));
        assertTrue(e.getMessage().contains("[4, 4]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        Tensor learned = Tensor.zeros(4, 4).requiresGrad_(), qkv = Tensor.zeros(4, 2, 12);
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.packedSelfAttention(qkv, 2, learned, false));
        assertTrue(e.getMessage().contains("requiring grad"), e.getMessage());
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            assertArrayEquals(new int[] {4, 2, 4}, Tensor.packedSelfAttention(qkv, 2, learned, false).shape());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.packedSelfAttention(Tensor.zeros(2, 4, 12), 2, Tensor.zeros(2, 2), false, true));
        assertTrue(e.getMessage().contains("[4, 4]") && e.getMessage().contains("[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.packedSelfAttention(Tensor.zeros(2, 4, 10), 2, null, false, true));
        assertTrue(e.getMessage().contains("[N, T, 3E]") && e.getMessage().contains("[2, 4, 10]"), e.getMessage());
    }
}
