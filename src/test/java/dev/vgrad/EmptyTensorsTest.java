package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensors with no elements, and views of them, behave as PyTorch 1.13's (values printed by torch in comments). */
class EmptyTensorsTest {
    @TempDir
    Path dir;

    private static final Tensor EMPTY = Tensor.zeros(0, 3);

    @Test
    void viewsOfAnEmptyTensorReadAsEmpty() {
        // x.narrow(1,1,2).shape == [0, 2]; x.select(1,2).shape == [0]: their offsets lie past the (empty) storage
        Tensor narrowed = EMPTY.narrow(1, 1, 2), selected = EMPTY.select(1, 2);
        assertArrayEquals(new int[] {0, 2}, narrowed.shape());
        assertArrayEquals(new float[0], narrowed.toArray());
        assertArrayEquals(new int[] {0}, selected.shape());
        assertArrayEquals(new float[0], selected.toArray());
        assertArrayEquals(new int[] {0, 2}, narrowed.reshape(-1, 2).shape());
        assertArrayEquals(new int[] {0}, narrowed.exp().add(EMPTY.narrow(1, 0, 2)).relu().sum(1, false).shape());
    }

    @Test
    void lossesOfNoElementsAreNaNWhenMeanAndZeroWhenSummed() {
        Tensor input = EMPTY.narrow(1, 1, 2), target = Tensor.zeros(0, 2);
        assertTrue(Float.isNaN(Loss.mseLoss(input, target, Loss.Reduction.MEAN).item()));   // tensor(nan)
        assertEquals(0f, Loss.mseLoss(input, target, Loss.Reduction.SUM).item());
        assertTrue(Float.isNaN(Loss.binaryCrossEntropyWithLogits(input, target, Loss.Reduction.MEAN).item()));
        assertTrue(Float.isNaN(Loss.crossEntropy(EMPTY, Tensor.zeros(0), Loss.Reduction.MEAN).item()));
        assertEquals(0f, Loss.nllLoss(EMPTY, Tensor.zeros(0), Loss.Reduction.SUM).item());
    }

    @Test
    void reductionsOfNoElements() {
        assertEquals(0f, EMPTY.sum().item());
        assertArrayEquals(new float[] {0, 0, 0}, EMPTY.sum(0, false).toArray());
        for (float m : EMPTY.mean(0, false).toArray()) {
            assertTrue(Float.isNaN(m));   // tensor([nan, nan, nan])
        }
        assertArrayEquals(new int[] {0}, EMPTY.max(1, false).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EMPTY.max(0, false));
        assertTrue(e.getMessage().contains("Expected reduction dim 0 to have non-zero size"), e.getMessage());
    }

    @Test
    void stackingEmptyTensorsThatRequireGradBackpropagates() {
        Tensor a = Tensor.zeros(0, 2).requiresGrad_();
        Tensor s = Tensor.stack(List.of(a, a));
        assertArrayEquals(new int[] {2, 0, 2}, s.shape());
        s.sum().backward();
        assertArrayEquals(new int[] {0, 2}, a.grad().shape());   // torch: a.grad.shape == [0, 2]
    }

    @Test
    void aShapeWithAZeroIsEmptyWhateverItsOtherSizes() {
        assertArrayEquals(new int[] {Integer.MAX_VALUE, 2, 0}, Tensor.zeros(Integer.MAX_VALUE, 2, 0).shape());
        assertEquals(0, Tensor.zeros(Integer.MAX_VALUE, 2, 0).numel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(Integer.MAX_VALUE, 2));
        assertTrue(e.getMessage().contains("[2147483647, 2]"), e.getMessage());
    }

    @Test
    void anEmptyViewSavesAndLoads() throws IOException {
        Path file = dir.resolve("empty.safetensors");
        Safetensors.save(Map.of("v", EMPTY.narrow(1, 1, 2)), file);
        assertArrayEquals(new int[] {0, 2}, Safetensors.load(file).get("v").shape());
    }

    @Test
    void gradientsThroughEmptyBatches() {
        Tensor w = Tensor.ones(3, 2).requiresGrad_();
        EMPTY.matmul(w).sum().backward();
        assertArrayEquals(new float[6], w.grad().toArray());
        Tensor logits = EMPTY.clone().requiresGrad_();
        Loss.crossEntropy(logits, Tensor.zeros(0), Loss.Reduction.SUM).backward();
        assertArrayEquals(new int[] {0, 3}, logits.grad().shape());
    }

    @Test
    void normAtZeroHasAZeroGradientAndLogsumexpOfMinusInfinityIsMinusInfinity() {
        // torch: x = zeros(3, requires_grad=True); x.norm().backward(); x.grad == [0, 0, 0]
        Tensor x = Tensor.zeros(3).requiresGrad_();
        x.norm().backward();
        assertArrayEquals(new float[3], x.grad().toArray());
        // torch.logsumexp(tensor([[-inf, -inf], [inf, 1.]]), 1) == [-inf, inf]
        Tensor y = Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1f}, 2, 2);
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, y.logsumexp(1, false).toArray());
    }

    @Test
    void varianceOfAnEmptyLineIsNaNAndItsLogsumexpMinusInfinity() {
        // torch: zeros(0, 3).var(0) == [nan] * 3 (divided by max(n - 1, 0)), .std(0) too, .var() == nan,
        // .logsumexp(0) == [-inf] * 3
        for (boolean unbiased : new boolean[] {true, false}) {
            for (float v : EMPTY.var(0, unbiased, false).toArray()) {
                assertTrue(Float.isNaN(v), "var, unbiased " + unbiased);
            }
            for (float v : EMPTY.std(0, unbiased, true).toArray()) {
                assertTrue(Float.isNaN(v), "std, unbiased " + unbiased);
            }
            assertTrue(Float.isNaN(EMPTY.var(unbiased).item()));
        }
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                EMPTY.logsumexp(0, false).toArray());
        Tensor x = Tensor.zeros(0, 3).requiresGrad_();
        x.logsumexp(0, true).sum().backward();
        assertArrayEquals(new int[] {0, 3}, x.grad().shape());
    }

    @Test
    void argmaxOfNoElementsNamesTheMissingDim() {
        // torch: zeros(0, 3).argmax() raises "argmax(): Expected reduction dim to be specified for input.numel() == 0."
        assertEquals("argmax(): Expected reduction dim to be specified for input.numel() == 0.",
                assertThrows(IllegalArgumentException.class, EMPTY::argmax).getMessage());
        assertEquals("argmin(): Expected reduction dim to be specified for input.numel() == 0.",
                assertThrows(IllegalArgumentException.class, EMPTY::argmin).getMessage());
    }

    @Test
    void normsOfEmptyLinesAreZeroForEveryP() {
        // torch: zeros(0, 3).norm(p, 0) == [0., 0., 0.] for p in (0, 0.5, 2, inf, -inf); backward gives a [0, 3] grad
        for (float p : new float[] {0f, 0.5f, 2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Tensor x = Tensor.zeros(0, 3).requiresGrad_();
            Tensor n = x.norm(p, 0, false);
            assertArrayEquals(new float[3], n.toArray(), "p = " + p);
            n.sum().backward();
            if (p != 0f) {
                assertArrayEquals(new int[] {0, 3}, x.grad().shape(), "p = " + p);
            }
        }
    }

    @Test
    void medianOfNoElementsIsNaNButAlongAnEmptyDimensionIsRefused() {
        // torch: zeros(0, 3).median() == tensor(nan), .nanmedian() too; x.median().backward() gives x.grad of [0, 3];
        // zeros(0, 3).median(0) raises "median(): Expected reduction dim 0 to have non-zero size."
        Tensor x = Tensor.zeros(0, 3).requiresGrad_();
        Tensor median = x.median();
        assertArrayEquals(new int[0], median.shape());
        assertTrue(Float.isNaN(median.item()));
        median.backward();
        assertArrayEquals(new int[] {0, 3}, x.grad().shape());
        assertTrue(Float.isNaN(EMPTY.nanmedian().item()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EMPTY.median(0, false)).getMessage()
                .contains("median(): Expected reduction dim 0 to have non-zero size"));
        assertArrayEquals(new int[] {0}, EMPTY.median(1, false).get(0).shape());
    }

    @Test
    void refusalsOfEmptyReductionsNameTheirOwnOp() {
        // torch: zeros(3, 0).argmax(1) raises "argmax(): Expected reduction dim 1 to have non-zero size.";
        // zeros(0, 3).aminmax() raises "aminmax(): cannot compute aminmax over an empty dimension as the operation
        // has no identity."
        Tensor rows = Tensor.zeros(3, 0);
        String argmax = assertThrows(IllegalArgumentException.class, () -> rows.argmax(1, false)).getMessage();
        assertTrue(argmax.startsWith("argmax(): Expected reduction dim 1 to have non-zero size"), argmax);
        String aminmax = assertThrows(IllegalArgumentException.class, EMPTY::aminmax).getMessage();
        assertTrue(aminmax.startsWith("aminmax(): cannot compute aminmax over an empty dimension"), aminmax);
        assertTrue(aminmax.contains("[0, 3]"), aminmax);
    }

    @Test
    void chunksOfAnEmptyDimensionAreAsManyAsAsked() {
        // torch: [t.shape for t in zeros(0, 3).chunk(2, 0)] == [(0, 3), (0, 3)]; zeros(0, 3).split(2, 0) gives one
        List<Tensor> chunks = EMPTY.chunk(2, 0);
        assertEquals(2, chunks.size());
        for (Tensor c : chunks) {
            assertArrayEquals(new int[] {0, 3}, c.shape());
        }
        assertEquals(1, EMPTY.split(2, 0).size());
        assertEquals(3, Tensor.zeros(2, 0).chunk(3, 1).size());
        assertEquals(2, Tensor.zeros(2, 3).chunk(3, 0).size());   // torch: a non-empty dim in pieces of ceil(2 / 3)
    }

    @Test
    void catSkipsOneDimensionalEmptyTensors() {
        // torch: cat([zeros(0), ones(2, 3)]) == ones(2, 3); cat([ones(2, 3), zeros(0)], 1) and dim -1 too;
        // cat([zeros(0), zeros(0)], 3).shape == (0,); cat([zeros(0), tensor(1.)]) raises "zero-dimensional tensor
        // (at position 1) cannot be concatenated"; cat([ones(2, 3), zeros(0, 2)]) still refuses the sizes
        Tensor ones = Tensor.ones(2, 3);
        assertArrayEquals(ones.toArray(), Tensor.cat(List.of(Tensor.zeros(0), ones), 0).toArray());
        assertArrayEquals(new int[] {2, 3}, Tensor.cat(List.of(ones, Tensor.zeros(0)), 1).shape());
        assertArrayEquals(new int[] {2, 3}, Tensor.cat(List.of(Tensor.zeros(0), ones), -1).shape());
        assertArrayEquals(new int[] {0, 3}, Tensor.cat(List.of(Tensor.zeros(0), Tensor.zeros(0, 3)), 0).shape());
        assertArrayEquals(new int[] {0}, Tensor.cat(List.of(Tensor.zeros(0), Tensor.zeros(0)), 3).shape());
        assertEquals("zero-dimensional tensor (at position 1) cannot be concatenated", assertThrows(
                IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(0), Tensor.scalar(1f)), 0))
                .getMessage());
        String sizes = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(List.of(ones, Tensor.zeros(0, 2)), 0)).getMessage();
        assertTrue(sizes.contains("Expected size 3 but got size 2 for tensor number 1"), sizes);
        String ranks = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(List.of(Tensor.zeros(0), ones, Tensor.ones(3)), 0)).getMessage();
        assertTrue(ranks.contains("[2, 3] at position 1 and [3] at position 2"), ranks);
    }

    @Test
    void aSkippedTensorsGradientIsEmpty() {
        // torch: z = zeros(0, requires_grad=True); o = ones(2, 3, requires_grad=True); cat([z, o, z]).sum().backward()
        // gives z.grad == tensor([]) and o.grad == ones(2, 3); cat([z, z]).sum().backward() gives z.grad == tensor([])
        Tensor z = Tensor.zeros(0).requiresGrad_(), o = Tensor.ones(2, 3).requiresGrad_();
        Tensor out = Tensor.cat(List.of(z, o, z), 0);
        out.mul(out).sum().backward();
        assertArrayEquals(new int[] {0}, z.grad().shape());
        assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2}, o.grad().toArray());
        Tensor only = Tensor.zeros(0).requiresGrad_();
        Tensor.cat(List.of(only, only), 0).sum().backward();
        assertArrayEquals(new int[] {0}, only.grad().shape());
    }
}
