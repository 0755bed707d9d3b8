package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * 2-D convolution, as {@code torch.nn.Conv2d}: kernel, stride, padding and dilation one value for both dimensions or a
 * (height, width) pair each; weight [out, in / groups, kh, kw] and bias [out] (unless bias is off) drawn from
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in / groups * kh * kw (PyTorch's kaiming_uniform_ with a = sqrt(5),
 * and its bias rule), weight first, so a seeded Conv2d holds torch's values for the same seed.
 */
public class Conv2d extends ConvNd {
    /** Stride 1, no padding, from the default generator. */
    public Conv2d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0, Generator.defaultGenerator());
    }

    /** Stride 1, no padding, from {@code g}. */
    public Conv2d(int in, int out, int kernel, Generator g) {
        this(in, out, kernel, 1, 0, g);
    }

    /** The given stride and padding, from the default generator. */
    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, Generator.defaultGenerator());
    }

    /** The given stride and padding, from {@code g}. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, Generator g) {
        this(in, out, kernel, stride, padding, 1, 1, true, g);
    }

    /**
     * PyTorch's {@code Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias)}, from
     * the default generator.
     */
    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
        this(in, out, kernel, stride, padding, dilation, groups, bias, Generator.defaultGenerator());
    }

    /** As the constructor above, from {@code g}. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                  Generator g) {
        super(in, out, kernel, stride, padding, dilation, groups, bias, 2, g);
    }

    /**
     * PyTorch's {@code Conv2d(in_channels, out_channels, kernel_size=(kh, kw), stride=(sh, sw), padding=(ph, pw),
     * dilation=(dh, dw), groups, bias)}: a pair for each, from {@code g}.
     */
    public Conv2d(int in, int out, int[] kernelSize, int[] stride, int[] padding, int[] dilation, int groups,
                  boolean bias, Generator g) {
        super(in, out, kernelSize, stride, padding, null, dilation, groups, bias, g);
    }

    /** As the constructor above with torch's string padding, "same" (stride (1, 1) only) or "valid". */
    public Conv2d(int in, int out, int[] kernelSize, int[] stride, String padding, int[] dilation, int groups,
                  boolean bias, Generator g) {
        super(in, out, kernelSize, stride, new int[kernelSize.length], padding, dilation, groups, bias, g);
    }

    /**
     * PyTorch's {@code Conv2d(..., padding='same')} or {@code padding='valid'}: "same" keeps the spatial size (stride 1
     * only, refused otherwise as torch refuses it), "valid" pads nothing.
     */
    public Conv2d(int in, int out, int kernel, int stride, String padding, int dilation, int groups, boolean bias,
                  Generator g) {
        super(in, out, kernel, stride, padding, dilation, groups, bias, 2, g);
    }

    /** As the constructor above, from the default generator. */
    public Conv2d(int in, int out, int kernel, int stride, String padding, int dilation, int groups, boolean bias) {
        this(in, out, kernel, stride, padding, dilation, groups, bias, Generator.defaultGenerator());
    }

    /** A lazy layer's start ({@link LazyConv2d}): in_channels 0 and empty placeholder parameters, nothing drawn. */
    Conv2d(int out, int[] kernelSize, int[] stride, int[] padding, String paddingString, int[] dilation, int groups,
           boolean bias, Generator g) {
        super(0, out, kernelSize, stride, padding, paddingString, dilation, groups, bias, g, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        materializeIfLazy(x);
        return paddingMode != null
                ? Functional.conv2d(x, weight, bias, strides, paddingMode, dilations, groups)
                : Functional.conv2d(x, weight, bias, strides, paddings, dilations, groups);
    }
}
