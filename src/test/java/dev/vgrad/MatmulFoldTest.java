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
}
