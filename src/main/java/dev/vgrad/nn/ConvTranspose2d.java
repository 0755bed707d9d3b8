package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The transposed 2-D convolution ("deconvolution": a learned upsampling), as {@code torch.nn.ConvTranspose2d} with
 * square kernel, stride, padding, output padding and dilation; a seeded one holds torch's initial values.
 */
public class ConvTranspose2d extends ConvTransposeNd {
    private final int[] stridePair, paddingPair, outputPaddingPair, dilationPair;

    /** Stride 1, no padding, from {@code g}. */
    public ConvTranspose2d(int in, int out, int kernel, Generator g) {
        this(in, out, kernel, 1, 0, 0, 1, true, 1, g);
    }

    /** The given stride and padding, from {@code g}. */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, Generator g) {
        this(in, out, kernel, stride, padding, 0, 1, true, 1, g);
    }

    /**
     * PyTorch's {@code ConvTranspose2d(in_channels, out_channels, kernel_size, stride, padding, output_padding,
     * groups, bias, dilation)}, from the default generator.
     */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                           boolean bias, int dilation) {
        this(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, Generator.defaultGenerator());
    }

    /** As the constructor above, from {@code g}. */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                           boolean bias, int dilation, Generator g) {
        this(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, g, false);
    }

    /** As the constructor above, or a lazy layer's start ({@link LazyConvTranspose2d}; in unused). */
    ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                    boolean bias, int dilation, Generator g, boolean lazy) {
        super(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, 2, g, lazy);
        this.stridePair = new int[] {stride, stride};
        this.paddingPair = new int[] {padding, padding};
        this.outputPaddingPair = new int[] {outputPadding, outputPadding};
        this.dilationPair = new int[] {dilation, dilation};
    }

    @Override
    public Tensor forward(Tensor x) {
        materializeIfLazy(x);
        return Functional.convTranspose2d(x, weight, bias, stridePair, paddingPair, outputPaddingPair, groups,
                dilationPair);
    }
}
