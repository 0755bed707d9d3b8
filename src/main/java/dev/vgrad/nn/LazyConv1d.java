package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * {@code torch.nn.LazyConv1d}: a {@link Conv1d} whose in_channels is taken from its first input (dimension 1 of a
 * batched input, 0 of an unbatched one). Until then its weight and bias are empty placeholders (an optimizer made now
 * holds them, and keeps working); the first call gives them their shapes and draws them from the generator then, as
 * Conv1d draws. Loading a state dict first takes the shapes from it instead, drawing nothing.
 */
public class LazyConv1d extends Conv1d {
    /** PyTorch's {@code LazyConv1d(out_channels, kernel_size)}, drawn from the default generator. */
    public LazyConv1d(int out, int kernel) {
        this(out, kernel, 1, 0, 1, 1, true, Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code LazyConv1d(out_channels, kernel_size, stride, padding, dilation, groups, bias)}, drawn from
     * {@code g} on the first call.
     */
    public LazyConv1d(int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                      Generator g) {
        super(out, LazyParameters.filled(1, kernel), LazyParameters.filled(1, stride),
                LazyParameters.filled(1, padding), null, LazyParameters.filled(1, dilation), groups, bias, g);
    }

    /** Whether the parameters are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return lazyPending();
    }
}
