package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * {@code torch.nn.LazyConv2d}: a {@link Conv2d} whose in_channels is taken from its first input (dimension 1 of a
 * batched input, 0 of an unbatched one). Until then its weight and bias are empty placeholders (an optimizer made now
 * holds them, and keeps working); the first call gives them their shapes and draws them from the generator then, as
 * Conv2d draws. Loading a state dict first takes the shapes from it instead, drawing nothing.
 */
public class LazyConv2d extends Conv2d {
    /** PyTorch's {@code LazyConv2d(out_channels, kernel_size)}, drawn from the default generator. */
    public LazyConv2d(int out, int kernel) {
        this(out, kernel, 1, 0, 1, 1, true, Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code LazyConv2d(out_channels, kernel_size, stride, padding, dilation, groups, bias)}, drawn from
     * {@code g} on the first call.
     */
    public LazyConv2d(int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                      Generator g) {
        super(out, LazyParameters.filled(2, kernel), LazyParameters.filled(2, stride),
                LazyParameters.filled(2, padding), null, LazyParameters.filled(2, dilation), groups, bias, g);
    }

    /**
     * PyTorch's {@code LazyConv2d(out_channels, kernel_size=(kh, kw), stride=(sh, sw), padding=(ph, pw),
     * dilation=(dh, dw), groups, bias)}, drawn from {@code g} on the first call.
     */
    public LazyConv2d(int out, int[] kernelSize, int[] stride, int[] padding, int[] dilation, int groups, boolean bias,
                      Generator g) {
        super(out, kernelSize, stride, padding, null, dilation, groups, bias, g);
    }

    /** With torch's string padding, "same" or "valid", drawn from {@code g} on the first call. */
    public LazyConv2d(int out, int[] kernelSize, int[] stride, String padding, int[] dilation, int groups,
                      boolean bias, Generator g) {
        super(out, kernelSize, stride, new int[kernelSize.length], padding, dilation, groups, bias, g);
    }

    /** Whether the parameters are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return lazyPending();
    }
}
