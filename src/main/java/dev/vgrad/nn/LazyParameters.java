package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
import java.util.Arrays;
import java.util.Map;

/**
 * What the lazy modules share, as PyTorch's LazyModuleMixin and UninitializedParameter: parameters and buffers
 * registered as empty placeholders (so the state dict names them in the eager module's order and an optimizer made
 * before the first call holds them), then given their shapes and values on the first forward, or taken from a state
 * dict's shapes, in place ({@code set_}), so every holder sees the real tensors. A lazy layer keeps its class once
 * initialized (PyTorch's turns into the eager class); it then behaves, prints and saves as that layer.
 */
final class LazyParameters {
    private LazyParameters() {}

    /** {@code value} in each of {@code dims} places (one size for every spatial dimension). */
    static int[] filled(int dims, int value) {
        int[] a = new int[dims];
        Arrays.fill(a, value);
        return a;
    }

    /** An empty parameter under {@code name}. */
    static Tensor parameter(Module m, String name) {
        return m.registerParameter(name, Tensor.zeros(0));
    }

    /** An empty buffer under {@code name}. */
    static Tensor buffer(Module m, String name) {
        return m.registerBuffer(name, Tensor.zeros(0));
    }

    /** Gives {@code placeholder} (if not null) {@code value}'s shape and values, in memory of its own, unrecorded. */
    static void materialize(Tensor placeholder, Tensor value) {
        if (placeholder == null) {
            return;
        }
        try (var noGrad = GradMode.noGrad(); var heap = Arena.outside()) {
            placeholder.set_(value.contiguous().clone());
        }
    }

    /** The shape of {@code prefix + name} in {@code state}, or null where the state has no such entry. */
    static int[] shapeIn(Map<String, Tensor> state, String prefix, String name) {
        Tensor t = state.get(prefix + name);
        return t == null ? null : t.shape();
    }

    /** Refuses an input whose rank fits neither the unbatched nor the batched form, as PyTorch's lazy layers do. */
    static void checkRank(Module m, Tensor x, int unbatched) {
        if (x.dim() != unbatched && x.dim() != unbatched + 1) {
            throw new IllegalArgumentException("Expected " + unbatched + "D (unbatched) or " + (unbatched + 1)
                    + "D (batched) input to " + m.getClass().getSimpleName() + ", but got input of size: "
                    + Arrays.toString(x.shape()));
        }
    }
}
