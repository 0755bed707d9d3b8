package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What ConvTranspose1d and ConvTranspose2d share, as PyTorch's _ConvTransposeNd: weight [in, out / groups, k...] and
 * bias [out] (unless off) drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), where torch's fan_in of that weight is
 * out / groups * k^dims (kaiming_uniform_ with a = sqrt(5), and its bias rule), weight first, as PyTorch draws them
 * for a seed.
 */
abstract class ConvTransposeNd extends Module {
    final int in, out, kernel, stride, padding, outputPadding, groups, dilation;
    /** The weight, [in, out / groups, kernel...]. */
    public Tensor weight;
    /** The bias, [out]; null for one made without. */
    public Tensor bias;

    ConvTransposeNd(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups, boolean bias,
                    int dilation, int dims, Generator g) {
        ConvNd.checkSizes(this, in, out, kernel, stride, padding, dilation, groups, ", output_padding="
                + outputPadding);
        if (outputPadding < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs output_padding >= 0, got "
                    + outputPadding);
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("in_channels (" + in + ") and out_channels (" + out
                    + ") must be divisible by groups (" + groups + ")");
        }
        if (outputPadding >= stride && outputPadding >= dilation) {
            throw new IllegalArgumentException("output padding must be smaller than either stride or dilation, got "
                    + "output_padding=" + outputPadding + ", stride=" + stride + ", dilation=" + dilation);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.groups = groups;
        this.dilation = dilation;
        Tensor[] drawn = ConvNd.weightAndBias(this, in, out / groups, kernel, dims, out, bias, g);
        this.weight = drawn[0];
        this.bias = drawn[1];
    }

    /** {@code in_channels}. */
    public int inChannels() {
        return in;
    }

    /** {@code out_channels}. */
    public int outChannels() {
        return out;
    }

    /** {@code kernel_size} (the same in every spatial dimension). */
    public int kernelSize() {
        return kernel;
    }

    /** {@code stride} (the same in every spatial dimension). */
    public int stride() {
        return stride;
    }

    /** {@code padding} (the same in every spatial dimension). */
    public int padding() {
        return padding;
    }

    /** {@code output_padding} (the same in every spatial dimension). */
    public int outputPadding() {
        return outputPadding;
    }

    /** {@code groups}. */
    public int groups() {
        return groups;
    }

    /** {@code dilation} (the same in every spatial dimension). */
    public int dilation() {
        return dilation;
    }

    @Override
    protected String extraRepr() {
        return ConvNd.repr(in, out, weight.dim() - 2, kernel, stride, padding, dilation, outputPadding, groups,
                bias == null);
    }
}
