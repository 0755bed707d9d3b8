package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * {@code torch.nn.LazyConv3d}: a {@link Conv3d} whose in_channels is taken from its first input (dimension 1 of a
 * batched input, 0 of an unbatched one). Until then its weight and bias are empty placeholders (an optimizer made now
 * holds them, and keeps working); the first call gives them their shapes and draws them from the generator then, as
 * Conv3d draws. Loading a state dict first takes the shapes from it instead, drawing nothing.
 */
public class LazyConv3d extends Conv3d {
    /** PyTorch's {@code LazyConv3d(out_channels, kernel_size)}, drawn from the default generator. */
    public LazyConv3d(int out, int kernel) {
        this(out, kernel, 1, 0, 1, 1, true, Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code LazyConv3d(out_channels, kernel_size, stride, padding, dilation, groups, bias)}, drawn from
     * {@code g} on the first call.
     */
    public LazyConv3d(int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                      Generator g) {
        super(out, LazyParameters.filled(3, kernel), LazyParameters.filled(3, stride),
                LazyParameters.filled(3, padding), null, LazyParameters.filled(3, dilation), groups, bias, g);
    }

    /** Whether the parameters are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return lazyPending();
    }
}
