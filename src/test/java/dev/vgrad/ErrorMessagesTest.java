package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refused calls name the op the caller called and what was wrong, and change nothing. */
class ErrorMessagesTest {
    @Test
    void addcmulAndAddcdivNameThemselves() {
        Tensor self = Tensor.zeros(3);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> self.addcmul_(Tensor.zeros(2), Tensor.zeros(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul_: ") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> self.addcdiv_(Tensor.zeros(3), Tensor.zeros(2), 1f));
        assertTrue(e.getMessage().startsWith("addcdiv_: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> self.addcmul(Tensor.zeros(2), Tensor.zeros(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> self.addcmul_(Tensor.zeros(2, 3), Tensor.zeros(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul_: output with shape [3]"), e.getMessage());
        assertArrayEquals(new float[3], self.toArray());
    }

    @Test
    void writingAnExpandedTensorInPlaceGivesTheOverlapErrorNamingTheOp() {
        Tensor expanded = Tensor.ones(3).expand(2, 3);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> expanded.add_(1f));
        assertTrue(e.getMessage().startsWith("add_: unsupported operation: more than one element"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expanded.mul_(2f));
        assertTrue(e.getMessage().startsWith("mul_: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expanded.fill_(2f));
        assertTrue(e.getMessage().startsWith("fill_: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expanded.addcmul_(Tensor.ones(3), Tensor.ones(3), 1f));
        assertTrue(e.getMessage().startsWith("addcmul_: unsupported operation"), e.getMessage());
        // an expanded view of a leaf that requires grad: autograd's refusal comes first, as in PyTorch
        Tensor leafView = Tensor.ones(3).requiresGrad_().expand(2, 3);
        e = assertThrows(IllegalStateException.class, () -> leafView.add_(1f));
        assertTrue(e.getMessage().contains("a view of a leaf Variable that requires grad"), e.getMessage());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, expanded.toArray());
    }

    @Test
    void arangeReportsTheCountItWasAskedFor() {
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0f, 1e10f, 1f));
        assertTrue(e.getMessage().startsWith("arange: ") && e.getMessage().contains("10000000000 elements"), e.getMessage());
    }

    @Test
    void nullDataIsNamed() {
        RuntimeException e = assertThrows(NullPointerException.class, () -> Tensor.of(null, 2));
        assertTrue(e.getMessage().contains("Tensor.of") && e.getMessage().contains("values"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Tensor.of((float[]) null));
        assertTrue(e.getMessage().contains("Tensor.of"), e.getMessage());
    }

    @Test
    void joiningAndSelectingRefuseBadShapesNamingThem() {
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.cat(java.util.List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), 0));
        assertTrue(e.getMessage().contains("Sizes of tensors must match except in dimension 0")
                && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.cat(java.util.List.of(Tensor.zeros(2, 3)), 2));
        assertTrue(e.getMessage().contains("Dimension out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.stack(java.util.List.of(Tensor.zeros(2), Tensor.zeros(3)), 1));
        assertTrue(e.getMessage().contains("[2] at entry 0 and [3] at entry 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).split(0, 1));
        assertTrue(e.getMessage().contains("dimension size of 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).chunk(0, 1));
        assertTrue(e.getMessage().contains("greater than 0, got: 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).flatten(2, 1));
        assertTrue(e.getMessage().contains("start_dim (2) cannot come after end_dim (1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4).tril(0));
        assertTrue(e.getMessage().startsWith("tril: ") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).maskedFill(Tensor.zeros(4, 2, 3), 1f));
        assertTrue(e.getMessage().startsWith("masked_fill: ") && e.getMessage().contains("[4, 2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).repeat(2));
        assertTrue(e.getMessage().contains("can not be smaller"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(2)));
        assertTrue(e.getMessage().startsWith("where: "), e.getMessage());
    }

    @Test
    void badIndicesAreNamedByValueAndPosition() {
        Tensor x = Tensor.zeros(2, 3);
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> x.gather(1, Tensor.of(new float[] {0, 1.5f}, 2, 1)));
        assertTrue(e.getMessage().contains("index 1.5 at position [1, 0] is not an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gather(1, Tensor.of(new float[] {0, 3}, 2, 1)));
        assertTrue(e.getMessage().contains("index 3 at position [1, 0] is out of bounds for dimension 1 with size 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> x.scatterAdd(0, Tensor.of(new float[] {-1}, 1, 1), Tensor.ones(1, 1)));
        assertTrue(e.getMessage().contains("index -1 at position [0, 0] is out of bounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gather(0, Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("same number of dimensions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).bmm(Tensor.zeros(3, 4, 5)));
        assertTrue(e.getMessage().startsWith("bmm: ") && e.getMessage().contains("[3, 4, 5]"), e.getMessage());
        assertArrayEquals(new float[6], x.toArray());
    }

    @Test
    void gatherRefusesEachBadIndexAsItReadsIt() {
        // gather checks its indices inside its copy loop (one conversion, three compares): every kind of bad value
        // must still be caught and named as the separate check names it
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        float[][] bad = {{Float.NaN}, {Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY}, {2.5f}, {-1f}, {3f},
            {3e9f}, {2147483648f}, {-2147483648f}};
        String[] said = {"index NaN at position [1, 1] is not an integer",
            "index Infinity at position [1, 1] is not an integer",
            "index -Infinity at position [1, 1] is not an integer",
            "index 2.5 at position [1, 1] is not an integer", "index -1 at position [1, 1] is out of bounds",
            "index 3 at position [1, 1] is out of bounds", "index 3000000000 at position [1, 1] is out of bounds",
            "index 2147483648 at position [1, 1] is out of bounds", "index -2147483648 at position [1, 1] is out of"};
        for (int c = 0; c < bad.length; c++) {
            // a transposed index: the position named is the logical one
            Tensor index = Tensor.of(new float[] {0, 2, 1, bad[c][0]}, 2, 2).t();
            RuntimeException e = assertThrows(IllegalArgumentException.class, () -> x.gather(1, index));
            assertTrue(e.getMessage().startsWith("gather: ") && e.getMessage().contains(said[c]), e.getMessage());
        }
        assertArrayEquals(new float[] {1, 1, 6, 5}, x.gather(1, Tensor.of(new float[] {-0f, 0, 2, 1}, 2, 2)).toArray(),
                "-0 is index 0");
        // the separate check (scatter_add, index_select) makes the same test
        for (int c = 0; c < bad.length; c++) {
            Tensor index = Tensor.of(new float[] {0, 2, 1, bad[c][0]}, 2, 2).t();
            RuntimeException e = assertThrows(IllegalArgumentException.class,
                    () -> x.scatterAdd(1, index, Tensor.ones(2, 2)));
            assertTrue(e.getMessage().startsWith("scatter_add: ") && e.getMessage().contains(said[c]), e.getMessage());
        }
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> x.indexSelect(1, Tensor.of(0f, Float.NaN)));
        assertTrue(e.getMessage().contains("index NaN at position [1] is not an integer"), e.getMessage());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, x.toArray(), "x as it was");
    }

    @Test
    void convolutionAndPoolingNameTheirShapes() {
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> dev.vgrad.nn.Functional.conv2d(
                Tensor.zeros(2, 4, 10, 10), Tensor.zeros(8, 3, 3, 3), null, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, 1));
        assertTrue(e.getMessage().equals("Given groups=1, weight of size [8, 3, 3, 3], expected input[2, 4, 10, 10] to "
                + "have 3 channels, but got 4 channels instead"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dev.vgrad.nn.Functional.conv2d(Tensor.zeros(1, 1, 2, 2),
                Tensor.zeros(1, 1, 3, 3), null, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1));
        assertTrue(e.getMessage().contains("Kernel size can't be greater than actual input size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dev.vgrad.nn.Functional.maxPool2d(Tensor.zeros(1, 1, 4, 4),
                new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 0}));
        assertTrue(e.getMessage().contains("pad should be at most half"), e.getMessage());
    }
    @Test
    void batchNormChecksItsPerChannelTensorsBeforeUpdatingAnything() {
        Tensor x = Tensor.ones(2, 3, 2, 2), mean = Tensor.of(1f, 2f, 3f, 4f), var = Tensor.ones(3);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> dev.vgrad.nn.Functional.batchNorm(x, mean,
                var, null, null, true, 0.1f, 1e-5f));
        assertTrue(e.getMessage().startsWith("batch_norm: running_mean should contain 3 elements not 4"), e.getMessage());
        assertArrayEquals(new float[] {1, 2, 3, 4}, mean.toArray());
        assertArrayEquals(new float[] {1, 1, 1}, var.toArray());
        e = assertThrows(IllegalArgumentException.class, () -> dev.vgrad.nn.Functional.batchNorm(x, Tensor.zeros(3), var,
                Tensor.ones(2), null, false, 0.1f, 1e-5f));
        assertTrue(e.getMessage().startsWith("batch_norm: weight should contain 3 elements not 2"), e.getMessage());
    }

    @Test
    void attentionMasksOfTheWrongShapeAreNamedWithTheScores() {
        Generator g = new Generator(0);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> dev.vgrad.nn.Functional
                .scaledDotProductAttention(Tensor.randn(g, 2, 4, 8), Tensor.randn(g, 2, 5, 8), Tensor.randn(g, 2, 5, 8),
                        Tensor.zeros(3, 3), false));
        assertTrue(e.getMessage().startsWith("scaled_dot_product_attention: attn_mask [3, 3]")
                && e.getMessage().contains("[..., 4, 5]"), e.getMessage());
        var layer = new dev.vgrad.nn.TransformerEncoderLayer(8, 2, 16, 0f, g);
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.randn(g, 5, 2, 8), Tensor.zeros(4, 4)));
        assertTrue(e.getMessage().startsWith("MultiheadAttention: attn_mask must be [L, S] = [5, 5]"), e.getMessage());
    }

    @Test
    void minAndArgminOverAnEmptyDimensionNameThemselves() {
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).argmin(1, false));
        assertTrue(e.getMessage().startsWith("argmin(): Expected reduction dim 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 2).min(-2, true));
        assertTrue(e.getMessage().startsWith("min(): Expected reduction dim 0"), e.getMessage());
    }

    /**
     * The regression losses take a target of the input's size only (PyTorch's documented shapes; where the sizes
     * differ it broadcasts after a UserWarning that an [N, 1] input against an [N] target "will likely lead to
     * incorrect results"): all four refuse it by name, with both sizes.
     */
    @Test
    void lossesNameThemselvesWhenInputAndTargetDiffer() {
        Tensor column = Tensor.zeros(4, 1), row = Tensor.zeros(4);
        List<Map.Entry<String, Runnable>> losses = List.of(
                Map.entry("mse_loss", () -> dev.vgrad.nn.Functional.mseLoss(column, row)),
                Map.entry("l1_loss", () -> dev.vgrad.nn.Functional.l1Loss(column, row)),
                Map.entry("smooth_l1_loss", () -> dev.vgrad.nn.Functional.smoothL1Loss(column, row)),
                Map.entry("huber_loss", () -> dev.vgrad.nn.Functional.huberLoss(column, row)));
        for (var loss : losses) {
            RuntimeException e = assertThrows(IllegalArgumentException.class, loss.getValue()::run);
            assertEquals(loss.getKey() + ": Target size [4] must be the same as input size [4, 1]", e.getMessage());
        }
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> dev.vgrad.nn.Functional.klDiv(Tensor.zeros(4), Tensor.zeros(2, 3), "sum"));
        assertTrue(e.getMessage().startsWith("kl_div: ") && e.getMessage().contains("dimension 1"), e.getMessage());
    }

    @Test
    void transformerOptionsAndKeyPaddingMasksAreChecked() {
        Generator g = new Generator(0);
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> new dev.vgrad.nn.TransformerEncoderLayer(8, 2, 16, 0f, "tanh", 1e-5f, false, false, g));
        assertTrue(e.getMessage().equals("activation should be relu/gelu, not tanh"), e.getMessage());
        var mha = new dev.vgrad.nn.MultiheadAttention(8, 2, true, g);
        Tensor x = Tensor.randn(g, 2, 5, 8);
        e = assertThrows(IllegalArgumentException.class, () -> mha.forward(x, x, x, Tensor.zeros(5, 2), null));
        assertTrue(e.getMessage().startsWith("MultiheadAttention: key_padding_mask must be [N, S] = [2, 5], got [5, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mha.forward(Tensor.randn(g, 2, 5, 6)));
        assertTrue(e.getMessage().startsWith("MultiheadAttention: expected query [N, L, 8]") && e.getMessage().contains(
                "got [2, 5, 6]"), e.getMessage());
    }

    @Test
    void orderingOpsNameWhatIsOutOfRange() {
        Tensor x = Tensor.zeros(2, 3);
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> x.topk(4, 1, true));
        assertTrue(e.getMessage().startsWith("topk: k (4) is out of range for dimension 1 of size 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.flip(1, -1));
        assertTrue(e.getMessage().startsWith("flip: dim 1 appears multiple times"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.sort(2, false));
        assertTrue(e.getMessage().startsWith("Dimension out of range"), e.getMessage());
    }
}
