package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * What Conv1d, Conv2d and Conv3d share, as PyTorch's _ConvNd: a kernel, stride, padding and dilation per spatial
 * dimension (one value for all of them, or for Conv2d one each), groups, and weight [out, in / groups, k...] and bias
 * [out] (unless bias is off) drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in / groups * (the kernel's
 * size) (kaiming_uniform_ with a = sqrt(5), and its bias rule), weight first, as PyTorch draws them for a seed.
 */
abstract class ConvNd extends Module {
    /** Channels and groups (in_channels set by a lazy layer on its first call). */
    int in;
    final int out, groups;
    /** Per spatial dimension, as the functional ops take them (made once; the ops never write to them). */
    final int[] kernelSize, strides, paddings, dilations;
    /** The generator a lazy layer draws its parameters from on its first call; null once drawn, and when eager. */
    private Generator lazyGenerator;
    /** torch's string padding, "same" or "valid"; null where the padding is the numbers {@link #paddings}. */
    final String paddingMode;
    /** The weight, [out, in / groups, kernel...]. */
    public Tensor weight;
    /** The bias, [out]; null for a convolution made without one. */
    public Tensor bias;

    ConvNd(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias, int dims,
           Generator g) {
        this(in, out, filled(dims, kernel), filled(dims, stride), filled(dims, padding), null, filled(dims, dilation),
                groups, bias, g);
    }

    /**
     * With torch's string padding, "same" or "valid"; "same" with a stride other than 1 is refused here, as torch's
     * constructor refuses it.
     */
    ConvNd(int in, int out, int kernel, int stride, String paddingMode, int dilation, int groups, boolean bias,
           int dims, Generator g) {
        this(in, out, filled(dims, kernel), filled(dims, stride), new int[dims], paddingMode, filled(dims, dilation),
                groups, bias, g);
    }

    /**
     * Sizes per spatial dimension (kernelSize.length of them, which the other arrays match); {@code paddingMode} "same"
     * or "valid" in place of {@code padding} where not null.
     */
    ConvNd(int in, int out, int[] kernelSize, int[] stride, int[] padding, String paddingMode, int[] dilation,
           int groups, boolean bias, Generator g) {
        this(in, out, kernelSize, stride, padding, paddingMode, dilation, groups, bias, g, false);
    }

    /**
     * As above, or for a lazy layer ({@code lazy}; in unused): in_channels 0 and empty placeholder parameters until the
     * first call, which draws them from g ({@link #materializeIfLazy}).
     */
    ConvNd(int in, int out, int[] kernelSize, int[] stride, int[] padding, String paddingMode, int[] dilation,
           int groups, boolean bias, Generator g, boolean lazy) {
        int dims = kernelSize.length;
        if (stride.length != dims || padding.length != dims || dilation.length != dims) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs " + dims + " values each of "
                    + "kernel_size, stride, padding and dilation, got kernel_size=" + Arrays.toString(kernelSize)
                    + ", stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", dilation="
                    + Arrays.toString(dilation));
        }
        for (int i = 0; i < dims; i++) {
            checkSizes(this, lazy ? groups : in, out, kernelSize[i], stride[i], padding[i], dilation[i], groups, "");
        }
        if (paddingMode != null) {
            Convolution.isSame(paddingMode, stride);
        }
        if (!lazy && in % groups != 0) {
            throw new IllegalArgumentException("in_channels must be divisible by groups (in_channels=" + in
                    + ", groups=" + groups + ")");
        }
        if (out % groups != 0) {
            throw new IllegalArgumentException("out_channels must be divisible by groups (out_channels=" + out
                    + ", groups=" + groups + ")");
        }
        this.in = lazy ? 0 : in;
        this.out = out;
        this.kernelSize = kernelSize.clone();
        this.strides = stride.clone();
        this.paddings = padding.clone();
        this.dilations = dilation.clone();
        this.paddingMode = paddingMode;
        this.groups = groups;
        if (lazy) {
            this.weight = LazyParameters.parameter(this, "weight");
            this.bias = bias ? LazyParameters.parameter(this, "bias") : null;
            this.lazyGenerator = g;
        } else {
            Tensor[] drawn = weightAndBias(this, out, in / groups, this.kernelSize, out, bias, g);
            this.weight = drawn[0];
            this.bias = drawn[1];
        }
    }

    /**
     * A lazy layer's first call: in_channels from x (dimension 1 of a batched input, 0 of an unbatched one), then the
     * weight and bias drawn as the eager layer draws them, into the placeholders. Nothing for any other call.
     */
    final void materializeIfLazy(Tensor x) {
        if (lazyGenerator == null) {
            return;
        }
        int channels = LazyParameters.inChannels(this, x, kernelSize.length, groups);
        Tensor[] drawn = draws(out, channels / groups, kernelSize, out, bias != null, lazyGenerator);
        LazyParameters.materialize(weight, drawn[0]);
        LazyParameters.materialize(bias, drawn[1]);
        this.in = channels;
        lazyGenerator = null;
    }

    /** Whether this is a lazy layer not yet called (nor loaded). */
    final boolean lazyPending() {
        return lazyGenerator != null;
    }

    /** A lazy layer not yet called takes its shapes from the state's weight [out, in / groups, k...], drawing none. */
    @Override
    protected void beforeLoadingState(String prefix, java.util.Map<String, Tensor> state) {
        int[] w = LazyParameters.shapeIn(state, prefix, "weight");
        if (lazyGenerator != null && w != null && w.length == kernelSize.length + 2) {
            LazyParameters.materialize(weight, Tensor.zeros(w));
            LazyParameters.materialize(bias, Tensor.zeros(out));
            this.in = w[1] * groups;
            lazyGenerator = null;
        }
    }

    /** {@code in_channels}. */
    public int inChannels() {
        return in;
    }

    /** {@code out_channels}. */
    public int outChannels() {
        return out;
    }

    /** {@code kernel_size}, one value per spatial dimension. */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** {@code stride}, one value per spatial dimension. */
    public int[] stride() {
        return strides.clone();
    }

    /** {@code padding} as numbers, one per spatial dimension (zeros where {@link #paddingString()} is set). */
    public int[] padding() {
        return paddings.clone();
    }

    /** torch's string {@code padding}, "same" or "valid"; null where the padding is the numbers {@link #padding()}. */
    public String paddingString() {
        return paddingMode;
    }

    /** {@code dilation}, one value per spatial dimension. */
    public int[] dilation() {
        return dilations.clone();
    }

    /** {@code groups}. */
    public int groups() {
        return groups;
    }

    private static int[] filled(int dims, int value) {
        int[] a = new int[dims];
        Arrays.fill(a, value);
        return a;
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
        return weightAndBias(m, dim0, dim1, filled(dims, kernel), biasSize, bias, g);
    }

    /** As above with a kernel of the given size per spatial dimension: fan_in = dim1 * (their product). */
    static Tensor[] weightAndBias(Module m, int dim0, int dim1, int[] kernelSize, int biasSize, boolean bias,
                                  Generator g) {
        Tensor[] drawn = draws(dim0, dim1, kernelSize, biasSize, bias, g);
        Tensor w = m.registerParameter("weight", drawn[0]);
        Tensor b = bias ? m.registerParameter("bias", drawn[1]) : null;
        return new Tensor[] {w, b};
    }

    /** The weight [dim0, dim1, kernel...] and bias [biasSize] (or null) as {@link #weightAndBias} draws them. */
    static Tensor[] draws(int dim0, int dim1, int[] kernelSize, int biasSize, boolean bias, Generator g) {
        int[] shape = new int[2 + kernelSize.length];
        shape[0] = dim0;
        shape[1] = dim1;
        double fanIn = dim1;
        for (int i = 0; i < kernelSize.length; i++) {
            shape[2 + i] = kernelSize[i];
            fanIn *= kernelSize[i];
        }
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return new Tensor[] {Init.uniform(g, -bound, bound, shape), bias ? Init.uniform(g, -bound, bound, biasSize)
                : null};
    }

    @Override
    protected String extraRepr() {
        return repr(in, out, kernelSize, strides, paddings, paddingMode, dilations, 0, groups, bias == null);
    }

    /** _ConvNd's extra_repr: sizes as "(k, k)" or "(k,)", the settings that differ from the defaults, in its order. */
    static String repr(int in, int out, int dims, int kernel, int stride, int padding, int dilation, int outputPadding,
                       int groups, boolean noBias) {
        return repr(in, out, filled(dims, kernel), filled(dims, stride), filled(dims, padding), null,
                filled(dims, dilation), outputPadding, groups, noBias);
    }

    /** As above, per spatial dimension, with torch's string padding ("same" or "valid") printed where not null. */
    static String repr(int in, int out, int[] kernel, int[] stride, int[] padding, String paddingMode, int[] dilation,
                       int outputPadding, int groups, boolean noBias) {
        int dims = kernel.length;
        return in + ", " + out + ", kernel_size=" + tuple(kernel) + ", stride=" + tuple(stride)
                + (paddingMode != null ? ", padding=" + paddingMode
                        : any(padding, 0) ? ", padding=" + tuple(padding) : "")
                + (any(dilation, 1) ? ", dilation=" + tuple(dilation) : "")
                + (outputPadding != 0 ? ", output_padding=" + tuple(filled(dims, outputPadding)) : "")
                + (groups != 1 ? ", groups=" + groups : "") + (noBias ? ", bias=False" : "");
    }

    /** Python's tuple of the values: "(k,)" for one, "(a, b)" for more. */
    private static String tuple(int[] v) {
        if (v.length == 1) {
            return "(" + v[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? ", " : "").append(v[i]);
        }
        return s.append(')').toString();
    }

    /** Whether any value differs from {@code usual}. */
    private static boolean any(int[] v, int usual) {
        for (int x : v) {
            if (x != usual) {
                return true;
            }
        }
        return false;
    }
}
