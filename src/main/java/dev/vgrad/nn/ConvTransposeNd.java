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
    public final Tensor weight;
    /** The bias, [out]; null for one made without. */
    public final Tensor bias;

    ConvTransposeNd(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups, boolean bias,
                    int dilation, int dims, Generator g) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || outputPadding < 0 || dilation <= 0
                || groups <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs positive channels, kernel, stride, "
                    + "dilation and groups and padding, output_padding >= 0, got in=" + in + ", out=" + out
                    + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding + ", output_padding="
                    + outputPadding + ", dilation=" + dilation + ", groups=" + groups);
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
        int[] shape = new int[2 + dims];
        java.util.Arrays.fill(shape, kernel);
        shape[0] = in;
        shape[1] = out / groups;
        float bound = (float) (1.0 / Math.sqrt(out / groups * Math.pow(kernel, dims)));
        this.weight = registerParameter("weight", Init.uniform(g, -bound, bound, shape));
        this.bias = bias ? registerParameter("bias", Init.uniform(g, -bound, bound, out)) : null;
    }

    /** PyTorch's "(k, k)" or "(k,)" for one value per spatial dimension. */
    String tuple(int v) {
        return weight.dim() == 3 ? "(" + v + ",)" : "(" + v + ", " + v + ")";
    }

    @Override
    protected String extraRepr() {
        return in + ", " + out + ", kernel_size=" + tuple(kernel) + ", stride=" + tuple(stride)
                + (padding != 0 ? ", padding=" + tuple(padding) : "") + (dilation != 1 ? ", dilation=" + tuple(dilation)
                : "") + (outputPadding != 0 ? ", output_padding=" + tuple(outputPadding) : "")
                + (groups != 1 ? ", groups=" + groups : "") + (bias == null ? ", bias=False" : "");
    }
}
