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

    /**
     * A lazy convolution's in_channels from its first input (dimension 1 of a batched input, 0 of an unbatched one of
     * {@code spatial} + 1 dimensions), refused where the rank fits neither form or the channels do not divide into
     * {@code groups}, as PyTorch's lazy layers refuse them.
     */
    static int inChannels(Module m, Tensor x, int spatial, int groups) {
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2) {
            throw new IllegalArgumentException("Expected " + (spatial + 1) + "D (unbatched) or " + (spatial + 2)
                    + "D (batched) input to " + m.getClass().getSimpleName() + ", but got input of size: "
                    + Arrays.toString(x.shape()));
        }
        int channels = x.size(x.dim() == spatial + 2 ? 1 : 0);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(m.getClass().getSimpleName() + ": in_channels must be divisible by "
                    + "groups (in_channels=" + channels + " from the input of shape " + Arrays.toString(x.shape())
                    + ", groups=" + groups + ")");
        }
        return channels;
    }

    /** A normalization layer's placeholders (each may be null) given {@code features} channels, at start values. */
    static void materializeNorm(Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar, int features) {
        materialize(weight, Tensor.ones(features));
        materialize(bias, Tensor.zeros(features));
        materialize(runningMean, Tensor.zeros(features));
        materialize(runningVar, Tensor.ones(features));
    }
}
