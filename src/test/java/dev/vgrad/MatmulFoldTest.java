package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vgrad.nn.Functional;
import org.junit.jupiter.api.Test;

/**
 * [..., m, k] x [k, n] is folded into one [(...) m, k] x [k, n] product, as torch.matmul folds it, including for a
 * left operand whose layout allows no such view (a transposed one is copied first): values and gradients equal those
 * of one product per leading index.
 */
class MatmulFoldTest {
    @Test
    void aFoldedProductEqualsOneProductPerSlice() {
        Generator g = new Generator(5);
        Tensor base = Tensor.randn(g, 5, 3, 7).requiresGrad_(), b = Tensor.randn(g, 7, 4).requiresGrad_();
        Tensor a = base.transpose(0, 1);   // [3, 5, 7], not contiguous
        Tensor folded = a.matmul(b);
        assertEquals("UnsafeViewBackward0", folded.gradFn().name());
        Tensor weights = Tensor.randn(g, 3, 5, 4);
        folded.mul(weights).sum().backward();
        float[] da = base.grad().toArray(), db = b.grad().toArray();

        Tensor base2 = base.detach().requiresGrad_(), b2 = b.detach().requiresGrad_();
        Tensor[] slices = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            slices[i] = base2.select(1, i).mm(b2);
        }
        Tensor reference = Tensor.stack(java.util.List.of(slices), 0);
        assertArrayEquals(reference.toArray(), folded.toArray(), 1e-5f);
        reference.mul(weights).sum().backward();
        assertArrayEquals(base2.grad().toArray(), da, 1e-5f);
        assertArrayEquals(b2.grad().toArray(), db, 1e-5f);
    }

    @Test
    void linearOverThreeDimensionsIsOneFusedProduct() {
        Generator g = new Generator(6);
        Tensor x = Tensor.randn(g, 4, 2, 6).transpose(0, 1).requiresGrad_();
        Tensor w = Tensor.randn(g, 3, 6).requiresGrad_(), bias = Tensor.randn(g, 3).requiresGrad_();
        Tensor y = Functional.linear(x, w, bias);
        assertArrayEquals(new int[] {2, 4, 3}, y.shape());
        Tensor expected = x.detach().matmul(w.detach().t()).add(bias.detach());
        assertArrayEquals(expected.toArray(), y.toArray(), 1e-5f);
        y.pow(2).sum().backward();
        Tensor x2 = x.detach().requiresGrad_(), w2 = w.detach().requiresGrad_(), b2 = bias.detach().requiresGrad_();
        Tensor[] rows = new Tensor[2];
        for (int i = 0; i < 2; i++) {
            rows[i] = x2.select(0, i).mm(w2.t()).add(b2);
        }
        Tensor.stack(java.util.List.of(rows), 0).pow(2).sum().backward();
        assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), 1e-4f);
        assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), 1e-4f);
        assertArrayEquals(b2.grad().toArray(), bias.grad().toArray(), 1e-4f);
    }

    @Test
    void linearReadsAContiguousInputsRowsInPlaceAndTakesAStridedGradient() {
        Generator g = new Generator(7);
        Tensor x = Tensor.randn(g, 3, 4, 6).requiresGrad_();
        Tensor w = Tensor.randn(g, 5, 6).requiresGrad_(), bias = Tensor.randn(g, 5).requiresGrad_();
        Tensor y = Functional.linear(x, w, bias);
        assertEquals("AddmmBackward0", y.gradFn().name());   // no reshape views around the product
        assertArrayEquals(new int[] {3, 4, 5}, y.shape());
        // The gradient reaching y is a transposed view (mul's gradient on y's transpose, transposed back).
        Tensor weights = Tensor.randn(g, 4, 3, 5);
        y.transpose(0, 1).mul(weights).sum().backward();

        Tensor x2 = x.detach().requiresGrad_(), w2 = w.detach().requiresGrad_(), b2 = bias.detach().requiresGrad_();
        Tensor[] slices = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            slices[i] = x2.select(0, i).mm(w2.t()).add(b2);
        }
        Tensor reference = Tensor.stack(java.util.List.of(slices), 0);
        assertArrayEquals(reference.toArray(), y.toArray(), 1e-5f);
        reference.transpose(0, 1).mul(weights).sum().backward();
        assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), 1e-4f);
        assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), 1e-4f);
        assertArrayEquals(b2.grad().toArray(), bias.grad().toArray(), 1e-4f);
    }

    @Test
    void linearRefusesAStridedInputOfMoreThanTwoDimensionsAndNamesItsLayout() {
        Tensor x = Tensor.zeros(4, 2, 6).transpose(0, 1), w = Tensor.zeros(3, 6);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tensor.linear(x, w, null));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[2, 4, 6]")
                && e.getMessage().contains("must be contiguous"), e.getMessage());
        IllegalArgumentException mismatch = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Tensor.linear(Tensor.zeros(2, 3, 4), Tensor.zeros(5, 6), null));
        // PyTorch's wording, with the leading dimensions folded into rows: (6x4 and 6x5).
        org.junit.jupiter.api.Assertions.assertTrue(mismatch.getMessage().contains("(6x4 and 6x5)"),
                mismatch.getMessage());
    }
}
