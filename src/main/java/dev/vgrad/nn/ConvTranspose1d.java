package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The transposed 1-D convolution, as {@code torch.nn.ConvTranspose1d}; a seeded one holds torch's initial values. */
public class ConvTranspose1d extends ConvTransposeNd {
    /** Stride 1, no padding, from {@code g}. */
    public ConvTranspose1d(int in, int out, int kernel, Generator g) {
        this(in, out, kernel, 1, 0, 0, 1, true, 1, g);
    }

    /** The given stride and padding, from {@code g}. */
    public ConvTranspose1d(int in, int out, int kernel, int stride, int padding, Generator g) {
        this(in, out, kernel, stride, padding, 0, 1, true, 1, g);
    }

    /**
     * PyTorch's {@code ConvTranspose1d(in_channels, out_channels, kernel_size, stride, padding, output_padding,
     * groups, bias, dilation)}, from {@code g}.
     */
    public ConvTranspose1d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                           boolean bias, int dilation, Generator g) {
        this(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, g, false);
    }

    /** As the constructor above, or a lazy layer's start ({@link LazyConvTranspose1d}; in unused). */
    ConvTranspose1d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                    boolean bias, int dilation, Generator g, boolean lazy) {
        super(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, 1, g, lazy);
    }

    @Override
    public Tensor forward(Tensor x) {
        materializeIfLazy(x);
        return Functional.convTranspose1d(x, weight, bias, stride, padding, outputPadding, groups, dilation);
    }
}
