package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * 1-D convolution, as {@code torch.nn.Conv1d}: weight [out, in / groups, k] and bias [out] (unless bias is off) drawn
 * from U(-1/sqrt(in / groups * k), 1/sqrt(in / groups * k)), weight first, as PyTorch draws them for a seed.
 */
public class Conv1d extends ConvNd {
    /** Stride 1, no padding, from the default generator. */
    public Conv1d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0, Generator.defaultGenerator());
    }

    /** Stride 1, no padding, from {@code g}. */
    public Conv1d(int in, int out, int kernel, Generator g) {
        this(in, out, kernel, 1, 0, g);
    }

    /** The given stride and padding, from the default generator. */
    public Conv1d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, Generator.defaultGenerator());
    }

    /** The given stride and padding, from {@code g}. */
    public Conv1d(int in, int out, int kernel, int stride, int padding, Generator g) {
        this(in, out, kernel, stride, padding, 1, 1, true, g);
    }

    /**
     * PyTorch's {@code Conv1d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias)}, from
     * the default generator.
     */
    public Conv1d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
        this(in, out, kernel, stride, padding, dilation, groups, bias, Generator.defaultGenerator());
    }

    /** As the constructor above, from {@code g}. */
    public Conv1d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                  Generator g) {
        super(in, out, kernel, stride, padding, dilation, groups, bias, 1, g);
    }

    /**
     * PyTorch's {@code Conv1d(..., padding='same')} or {@code padding='valid'}: "same" keeps the length (stride 1 only,
     * refused otherwise as torch refuses it), "valid" pads nothing.
     */
    public Conv1d(int in, int out, int kernel, int stride, String padding, int dilation, int groups, boolean bias,
                  Generator g) {
        super(in, out, kernel, stride, padding, dilation, groups, bias, 1, g);
    }

    /** As the constructor above, from the default generator. */
    public Conv1d(int in, int out, int kernel, int stride, String padding, int dilation, int groups, boolean bias) {
        this(in, out, kernel, stride, padding, dilation, groups, bias, Generator.defaultGenerator());
    }

    /** A lazy layer's start ({@link LazyConv1d}): in_channels 0 and empty placeholder parameters, nothing drawn. */
    Conv1d(int out, int[] kernelSize, int[] stride, int[] padding, String paddingString, int[] dilation, int groups,
           boolean bias, Generator g) {
        super(0, out, kernelSize, stride, padding, paddingString, dilation, groups, bias, g, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        materializeIfLazy(x);
        return paddingMode != null
                ? Functional.conv1d(x, weight, bias, strides[0], paddingMode, dilations[0], groups)
                : Functional.conv1d(x, weight, bias, strides[0], paddings[0], dilations[0], groups);
    }
}
