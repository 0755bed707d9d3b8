package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The transposed 3-D convolution, as {@code torch.nn.ConvTranspose3d} with a cubic kernel, stride, padding, output
 * padding and dilation; a seeded one holds torch's initial values. Runs as transposed 2-D convolutions, one per depth
 * tap ({@link Functional#convTranspose3d}).
 */
public class ConvTranspose3d extends ConvTransposeNd {
    private final int[] strideTriple, paddingTriple, outputPaddingTriple, dilationTriple;

    /** The given stride and padding, from {@code g}. */
    public ConvTranspose3d(int in, int out, int kernel, int stride, int padding, Generator g) {
        this(in, out, kernel, stride, padding, 0, 1, true, 1, g);
    }

    /**
     * PyTorch's {@code ConvTranspose3d(in_channels, out_channels, kernel_size, stride, padding, output_padding,
     * groups, bias, dilation)}, from {@code g}.
     */
    public ConvTranspose3d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                           boolean bias, int dilation, Generator g) {
        this(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, g, false);
    }

    /** As the constructor above, or a lazy layer's start ({@link LazyConvTranspose3d}; in unused). */
    ConvTranspose3d(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups,
                    boolean bias, int dilation, Generator g, boolean lazy) {
        super(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, 3, g, lazy);
        this.strideTriple = new int[] {stride, stride, stride};
        this.paddingTriple = new int[] {padding, padding, padding};
        this.outputPaddingTriple = new int[] {outputPadding, outputPadding, outputPadding};
        this.dilationTriple = new int[] {dilation, dilation, dilation};
    }

    @Override
    public Tensor forward(Tensor x) {
        materializeIfLazy(x);
        return Functional.convTranspose3d(x, weight, bias, strideTriple, paddingTriple, outputPaddingTriple, groups,
                dilationTriple);
    }
}
