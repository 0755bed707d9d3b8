package dev.vgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.autograd.graph.saved_tensors_hooks's semantics, each checked by the gradient it must give (PyTorch 1.13 gives
 * the same numbers for these programs: x * w saves both factors, exp saves its result): pack hooks see what is saved
 * and their result is what backward reads through unpack, once per read; pack runs without recording; the innermost
 * pair applies; versions go unchecked under hooks, as in PyTorch 1.13; disable refuses hooks with its message;
 * save_on_cpu keeps copies.
 */
class SavedTensorsHooksTest {
    private final Generator g = new Generator(3);

    @Test
    void backwardReadsWhatThePackHookMade() {
        Tensor x = Tensor.randn(g, 4).requiresGrad_(), w = Tensor.randn(g, 4).requiresGrad_();
        List<int[]> seen = new ArrayList<>();
        Tensor y;
        try (var hooks = new SavedTensorsHooks(t -> {
            seen.add(t.shape());
            assertFalse(GradMode.isEnabled());
            return t.add(1f);
        }, (Tensor p) -> p)) {
            y = x.mul(w).sum();
        }
        assertEquals(2, seen.size());
        y.backward();
        // d(x w)/dx reads the saved w, now w + 1; d/dw reads x + 1
        assertArrayEquals(w.add(1f).toArray(), x.grad().toArray(), 1e-6f);
        assertArrayEquals(x.add(1f).toArray(), w.grad().toArray(), 1e-6f);
    }

    @Test
    void hooksThatUndoEachOtherLeaveGradientsAsTheyWere() {
        Tensor x = Tensor.randn(g, 3, 5).requiresGrad_();
        Tensor plain = x.exp().mul(x.sin()).sum();
        Tensor want = Autograd.grad(List.of(plain), List.of(x)).get(0);
        int[] unpacked = {0};
        Tensor hooked;
        try (var hooks = new SavedTensorsHooks(t -> t.mul(2f), (Tensor p) -> {
            unpacked[0]++;
            return p.div(2f);
        })) {
            hooked = x.exp().mul(x.sin()).sum();
        }
        Tensor got = Autograd.grad(List.of(hooked), List.of(x)).get(0);
        assertArrayEquals(want.toArray(), got.toArray(), 1e-6f);
        assertTrue(unpacked[0] > 0);
    }

    @Test
    void theInnermostPairAppliesAndTheHooksOwnTheData() {
        Tensor x = Tensor.randn(g, 4).requiresGrad_();
        int[] outer = {0}, inner = {0};
        Tensor y;
        try (var a = new SavedTensorsHooks(t -> {
            outer[0]++;
            return t;
        }, (Tensor p) -> p)) {
            try (var b = new SavedTensorsHooks(t -> {
                inner[0]++;
                return t;
            }, (Tensor p) -> p)) {
                y = x.exp();
                assertThrows(IllegalStateException.class, a::close);   // b, inside it, is still open
            }
        }
        assertEquals(0, outer[0]);
        assertEquals(1, inner[0]);
        // exp saved its result; under hooks an in-place change is not refused and backward reads the changed values,
        // as in PyTorch 1.13 (without hooks it is refused)
        y.mul_(2f);
        y.sum().backward();
        assertArrayEquals(y.detach().mul(2f).toArray(), x.grad().toArray(), 1e-6f);   // 2 from mul_, y from exp
        Tensor z = x.detach().requiresGrad_().exp();
        z.mul_(2f);
        var e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
    }

    @Test
    void disableRefusesHooksWithItsMessage() throws Exception {
        try (var off = SavedTensorsHooks.disable("no hooks here")) {
            var e = assertThrows(IllegalStateException.class, SavedTensorsHooks::saveOnCpu);
            assertEquals("no hooks here", e.getMessage());
        }
        try (var hooks = SavedTensorsHooks.saveOnCpu()) {
            var e = assertThrows(IllegalStateException.class, () -> SavedTensorsHooks.disable("not now"));
            assertEquals("not now", e.getMessage());
        }
        try (var hooks = SavedTensorsHooks.saveOnCpu()) {
            assertTrue(SavedTensorsHooks.current() == hooks);
        }
        assertTrue(SavedTensorsHooks.current() == null);
    }

    @Test
    void saveOnCpuKeepsCopiesAndTheSameGradients() {
        Tensor x = Tensor.randn(g, 6).requiresGrad_();
        Tensor want = Autograd.grad(List.of(x.tanh().mul(x).sum()), List.of(x)).get(0);
        Tensor y;
        try (var hooks = SavedTensorsHooks.saveOnCpu()) {
            y = x.tanh().mul(x).sum();
        }
        assertArrayEquals(want.toArray(), Autograd.grad(List.of(y), List.of(x)).get(0).toArray(), 1e-6f);
    }
}
