package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.nn.Functional;
import org.junit.jupiter.api.Test;

/**
 * index_select (and so embedding) by a float index tensor reads the indices where they lie and saves the index tensor
 * for backward, as PyTorch does: results equal those of the int[] form, a strided index works, and an in-place change
 * to the index between forward and backward is refused.
 */
class IndexSelectByTensorTest {
    @Test
    void aTensorIndexGivesWhatTheIntArrayGives() {
        Generator g = new Generator(11);
        Tensor w = Tensor.randn(g, 5, 3).requiresGrad_(), w2 = w.detach().requiresGrad_();
        // A strided index: every other element of a longer vector.
        Tensor index = Tensor.of(4f, 9f, 0f, 9f, 4f, 9f, 2f, 9f).reshape(4, 2).select(1, 0);
        Tensor weights = Tensor.randn(g, 4, 3);
        Tensor y = w.indexSelect(0, index);
        y.mul(weights).sum().backward();
        Tensor y2 = w2.indexSelect(0, new int[] {4, 0, 4, 2});
        y2.mul(weights).sum().backward();
        assertArrayEquals(y2.toArray(), y.toArray(), 0f);
        assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), 0f);
    }

    @Test
    void changingTheIndexBeforeBackwardIsRefused() {
        Tensor w = Tensor.randn(new Generator(12), 6, 2).requiresGrad_();
        Tensor ids = Tensor.of(1f, 5f, 3f);
        Tensor out = Functional.embedding(ids, w).sum();
        ids.fill_(0f);
        IllegalStateException e = assertThrows(IllegalStateException.class, out::backward);
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
    }

    @Test
    void aBadIndexIsNamedWithItsPositionAndNothingIsRecorded() {
        Tensor w = Tensor.zeros(4, 2).requiresGrad_();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.indexSelect(0, Tensor.of(1f, 4f)));
        assertTrue(e.getMessage().contains("index 4 at position [1]") && e.getMessage().contains("size 4"),
                e.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> w.indexSelect(0, Tensor.of(0.5f)));
        assertTrue(half.getMessage().contains("0.5") && half.getMessage().contains("not an integer"), half.getMessage());
    }
}
