package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tensor.apply_, map_, map2_ and tolist as PyTorch 1.13 gives them (values from torch in the comments): in place
 * through a transposed view's strides, broadcasting the other operands, refusing tensors that require grad with
 * PyTorch's message, and tolist's nesting (0-d, empty).
 */
class ElementCallbacksTest {
    @Test
    void applyWritesThroughAView() {
        Tensor base = Tensor.arange(6).reshape(2, 3);
        Tensor view = base.t();
        view.apply_(v -> v * 10);
        // torch: y = arange(6.).reshape(2, 3).t(); y.apply_(lambda v: v * 10) -> [[0, 30], [10, 40], [20, 50]]
        assertArrayEquals(new float[] {0, 30, 10, 40, 20, 50}, view.contiguous().toArray());
        assertArrayEquals(new float[] {0, 10, 20, 30, 40, 50}, base.toArray());
        assertEquals(1, base.version());
    }

    @Test
    void mapAndMap2Broadcast() {
        Tensor x = Tensor.ones(2, 3);
        x.map_(Tensor.of(1f, 2f, 3f), (a, b) -> a + b * b);   // torch gives the same two results for these lines
        assertArrayEquals(new float[] {2, 5, 10, 2, 5, 10}, x.toArray());
        x.map2_(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.scalar(0.5f), (a, b, c) -> a * b - c);
        assertArrayEquals(new float[] {1.5f, 4.5f, 9.5f, 3.5f, 9.5f, 19.5f}, x.toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 3).map_(Tensor.ones(4), (a, b) -> a));
        assertEquals(true, e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void tensorsThatRequireGradAreRefused() {
        Tensor x = Tensor.ones(3).requiresGrad_();
        var e = assertThrows(IllegalStateException.class, () -> x.apply_(v -> v * 2));
        assertEquals("Can't call apply_() on Variable that requires grad. Use var.detach().apply_() instead.",
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Tensor.ones(3).map_(x, (a, b) -> a));
        assertEquals("Can't call map_() on Variable that requires grad. Use var.detach().map_() instead.",
                e.getMessage());
        assertArrayEquals(new float[] {1, 1, 1}, x.toArray());
    }

    @Test
    void tolistNestsAsPython() {
        // torch: [[1.5, 2.0], [3.0, 4.0]], 2.5, []
        assertEquals(List.of(List.of(1.5f, 2f), List.of(3f, 4f)), Tensor.of(new float[] {1.5f, 2, 3, 4}, 2, 2)
                .tolist());
        assertEquals(2.5f, Tensor.scalar(2.5f).tolist());
        assertEquals(List.of(), Tensor.zeros(0, 2).tolist());
    }
}
