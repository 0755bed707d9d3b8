package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * {@code torch.nn.LazyConvTranspose1d}: a {@link ConvTranspose1d} whose in_channels is taken from its first input
 * (dimension 1 of a batched input, 0 of an unbatched one). Until then its weight and bias are empty placeholders (an
 * optimizer made now holds them, and keeps working); the first call gives them their shapes and draws them from the
 * generator then, as ConvTranspose1d draws. Loading a state dict first takes the shapes from it instead, drawing
 * nothing.
 */
public class LazyConvTranspose1d extends ConvTranspose1d {
    /** PyTorch's {@code LazyConvTranspose1d(out_channels, kernel_size)}, drawn from the default generator. */
    public LazyConvTranspose1d(int out, int kernel) {
        this(out, kernel, 1, 0, 0, 1, true, 1, Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code LazyConvTranspose1d(out_channels, kernel_size, stride, padding, output_padding, groups, bias,
     * dilation)}, drawn from {@code g} on the first call.
     */
    public LazyConvTranspose1d(int out, int kernel, int stride, int padding, int outputPadding, int groups,
                               boolean bias, int dilation, Generator g) {
        super(0, out, kernel, stride, padding, outputPadding, groups, bias, dilation, g, true);
    }

    /** Whether the parameters are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return lazyPending();
    }
}
