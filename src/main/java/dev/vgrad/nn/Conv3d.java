package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * 3-D convolution (video, volumes), as {@code torch.nn.Conv3d}: a cubic kernel; weight [out, in / groups, k, k, k] and
 * bias [out] (unless bias is off) drawn from U(-1/sqrt(in / groups * k^3), 1/sqrt(in / groups * k^3)), weight first,
 * as PyTorch draws them for a seed. Runs as 2-D convolutions, one per depth tap ({@link Functional#conv3d}).
 */
public class Conv3d extends ConvNd {
    /** Stride 1, no padding, from the default generator. */
    public Conv3d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0, 1, 1, true, Generator.defaultGenerator());
    }

    /** The given stride and padding, from {@code g}. */
    public Conv3d(int in, int out, int kernel, int stride, int padding, Generator g) {
        this(in, out, kernel, stride, padding, 1, 1, true, g);
    }

    /**
     * PyTorch's {@code Conv3d(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias)}, from
     * {@code g}.
     */
    public Conv3d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                  Generator g) {
        super(in, out, kernel, stride, padding, dilation, groups, bias, 3, g);
    }

    /** A lazy layer's start ({@link LazyConv3d}): in_channels 0 and empty placeholder parameters, nothing drawn. */
    Conv3d(int out, int[] kernelSize, int[] stride, int[] padding, String paddingString, int[] dilation, int groups,
           boolean bias, Generator g) {
        super(0, out, kernelSize, stride, padding, paddingString, dilation, groups, bias, g, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        materializeIfLazy(x);
        return Functional.conv3d(x, weight, bias, strides, paddings, dilations, groups);
    }
}
