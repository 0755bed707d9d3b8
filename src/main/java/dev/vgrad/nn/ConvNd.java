package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What Conv1d, Conv2d and Conv3d share, as PyTorch's _ConvNd: a square (cubic, or 1-D) kernel, stride, padding and dilation, groups,
 * and weight [out, in / groups, k...] and bias [out] (unless bias is off) drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * with fan_in = in / groups * k^dims (kaiming_uniform_ with a = sqrt(5), and its bias rule), weight first, as PyTorch
 * draws them for a seed.
 */
abstract class ConvNd extends Module {
    final int in, out, kernel, stride, padding, dilation, groups;
    /** torch's string padding, "same" or "valid"; null where the padding is the number {@link #padding}. */
    final String paddingMode;
    /** The weight, [out, in / groups, kernel...]. */
    public final Tensor weight;
    /** The bias, [out]; null for a convolution made without one. */
    public final Tensor bias;

    ConvNd(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias, int dims,
           Generator g) {
        this(in, out, kernel, stride, padding, null, dilation, groups, bias, dims, g);
    }

    /**
     * With torch's string padding, "same" or "valid"; "same" with a stride other than 1 is refused here, as torch's
     * constructor refuses it.
     */
    ConvNd(int in, int out, int kernel, int stride, String paddingMode, int dilation, int groups, boolean bias,
           int dims, Generator g) {
        this(in, out, kernel, stride, 0, checkedMode(paddingMode, stride), dilation, groups, bias, dims, g);
    }

    private static String checkedMode(String paddingMode, int stride) {
        Convolution.isSame(paddingMode, new int[] {stride});
        return paddingMode;
    }

    private ConvNd(int in, int out, int kernel, int stride, int padding, String paddingMode, int dilation, int groups,
                   boolean bias, int dims, Generator g) {
        checkSizes(this, in, out, kernel, stride, padding, dilation, groups, "");
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
        this.paddingMode = paddingMode;
        this.dilation = dilation;
        this.groups = groups;
        Tensor[] drawn = weightAndBias(this, out, in / groups, kernel, dims, out, bias, g);
        this.weight = drawn[0];
        this.bias = drawn[1];
    }

    /** Refuses sizes PyTorch refuses for a convolution (or, with {@code more} named, a transposed one). */
    static void checkSizes(Module m, int in, int out, int kernel, int stride, int padding, int dilation, int groups,
                           String more) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || dilation <= 0 || groups <= 0) {
            throw new IllegalArgumentException(m.getClass().getSimpleName() + " needs positive channels, kernel, "
                    + "stride, dilation and groups and padding >= 0, got in=" + in + ", out=" + out + ", kernel="
                    + kernel + ", stride=" + stride + ", padding=" + padding + more + ", dilation=" + dilation
                    + ", groups=" + groups);
        }
    }

    /**
     * Registers weight [dim0, dim1, kernel...] and bias [biasSize] (unless off) on m, drawn from g in that order from
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = dim1 * kernel^dims: PyTorch's kaiming_uniform_ with
     * a = sqrt(5) and its bias rule, for convolutions and transposed ones alike.
     */
    static Tensor[] weightAndBias(Module m, int dim0, int dim1, int kernel, int dims, int biasSize, boolean bias,
                                  Generator g) {
        int[] shape = new int[2 + dims];
        java.util.Arrays.fill(shape, kernel);
        shape[0] = dim0;
        shape[1] = dim1;
        float bound = (float) (1.0 / Math.sqrt(dim1 * Math.pow(kernel, dims)));
        Tensor w = m.registerParameter("weight", Init.uniform(g, -bound, bound, shape));
        Tensor b = bias ? m.registerParameter("bias", Init.uniform(g, -bound, bound, biasSize)) : null;
        return new Tensor[] {w, b};
    }

    @Override
    protected String extraRepr() {
        return repr(in, out, weight.dim() - 2, kernel, stride, padding, paddingMode, dilation, 0, groups, bias == null);
    }

    /** _ConvNd's extra_repr: sizes as "(k, k)" or "(k,)", the settings that differ from the defaults, in its order. */
    static String repr(int in, int out, int dims, int kernel, int stride, int padding, int dilation, int outputPadding,
                       int groups, boolean noBias) {
        return repr(in, out, dims, kernel, stride, padding, null, dilation, outputPadding, groups, noBias);
    }

    /** As above, with torch's string padding ("same" or "valid") printed as torch prints it where not null. */
    static String repr(int in, int out, int dims, int kernel, int stride, int padding, String paddingMode, int dilation,
                       int outputPadding, int groups, boolean noBias) {
        java.util.function.IntFunction<String> tuple = v -> dims == 1 ? "(" + v + ",)"
                : dims == 2 ? "(" + v + ", " + v + ")" : "(" + v + ", " + v + ", " + v + ")";
        return in + ", " + out + ", kernel_size=" + tuple.apply(kernel) + ", stride=" + tuple.apply(stride)
                + (paddingMode != null ? ", padding=" + paddingMode
                        : padding != 0 ? ", padding=" + tuple.apply(padding) : "")
                + (dilation != 1 ? ", dilation=" + tuple.apply(dilation) : "")
                + (outputPadding != 0 ? ", output_padding=" + tuple.apply(outputPadding) : "")
                + (groups != 1 ? ", groups=" + groups : "") + (noBias ? ", bias=False" : "");
    }
}
