package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.autograd.GradMode;
import org.junit.jupiter.api.Test;

/** {@code Tensor.set_}: the tensor takes the source's storage and layout and keeps its identity, as PyTorch's set_. */
class TensorSetTest {
    @Test
    void takesTheSourcesStorageAndLayout() {
        Tensor t = Tensor.zeros(0);
        Tensor source = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        int version = t.versionCounter().get();
        assertSame(t, t.set_(source.t()));
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toArray());
        assertEquals(version + 1, t.versionCounter().get());
        source.fill_(7f);
        assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7}, t.toArray(), "shares the storage");
    }

    @Test
    void refusedWhileRecordingAndOnViews() {
        Tensor p = Tensor.zeros(3).requiresGrad_(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.set_(Tensor.ones(2)));
        assertEquals(true, e.getMessage().contains("[3]"), e.getMessage());
        try (var noGrad = GradMode.noGrad()) {
            p.set_(Tensor.ones(2));
        }
        assertArrayEquals(new int[] {2}, p.shape());
        Tensor view = Tensor.zeros(4).narrow(0, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> view.set_(Tensor.ones(2)));
        assertArrayEquals(new float[] {0, 0}, view.toArray());
    }
}
