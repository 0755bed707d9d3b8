package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What Conv1d and Conv2d share, as PyTorch's _ConvNd: a square (or 1-D) kernel, stride, padding and dilation, groups,
 * and weight [out, in / groups, k...] and bias [out] (unless bias is off) drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * with fan_in = in / groups * k^dims (kaiming_uniform_ with a = sqrt(5), and its bias rule), weight first, as PyTorch
 * draws them for a seed.
 */
abstract class ConvNd extends Module {
    final int in, out, kernel, stride, padding, dilation, groups;
    /** The weight, [out, in / groups, kernel...]. */
    public final Tensor weight;
    /** The bias, [out]; null for a convolution made without one. */
    public final Tensor bias;

    ConvNd(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias, int dims,
           Generator g) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || dilation <= 0 || groups <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs positive channels, kernel, stride, "
                    + "dilation and groups and padding >= 0, got in=" + in + ", out=" + out + ", kernel=" + kernel
                    + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation + ", groups=" + groups);
        }
        if (in % groups != 0) {
            throw new IllegalArgumentException("in_channels must be divisible by groups (in_channels=" + in
                    + ", groups=" + groups + ")");
        }
        if (out % groups != 0) {
            throw new IllegalArgumentException("out_channels must be divisible by groups (out_channels=" + out
                    + ", groups=" + groups + ")");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        int[] shape = new int[2 + dims];
        java.util.Arrays.fill(shape, kernel);
        shape[0] = out;
        shape[1] = in / groups;
        float bound = (float) (1.0 / Math.sqrt(in / groups * Math.pow(kernel, dims)));
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
                : "") + (groups != 1 ? ", groups=" + groups : "") + (bias == null ? ", bias=False" : "");
    }
}
