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
    /** in_channels: set by a lazy layer on its first call. */
    int in;
    final int out, kernel, stride, padding, outputPadding, groups, dilation, dims;
    /** The generator a lazy layer draws its parameters from on its first call; null once drawn, and when eager. */
    private Generator lazyGenerator;
    /** The weight, [in, out / groups, kernel...]. */
    public Tensor weight;
    /** The bias, [out]; null for one made without. */
    public Tensor bias;

    ConvTransposeNd(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups, boolean bias,
                    int dilation, int dims, Generator g) {
        this(in, out, kernel, stride, padding, outputPadding, groups, bias, dilation, dims, g, false);
    }

    /**
     * As above, or for a lazy layer ({@code lazy}; in unused): in_channels 0 and empty placeholder parameters until the
     * first call, which draws them from g ({@link #materializeIfLazy}).
     */
    ConvTransposeNd(int in, int out, int kernel, int stride, int padding, int outputPadding, int groups, boolean bias,
                    int dilation, int dims, Generator g, boolean lazy) {
        ConvNd.checkSizes(this, lazy ? groups : in, out, kernel, stride, padding, dilation, groups, ", output_padding="
                + outputPadding);
        if (outputPadding < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs output_padding >= 0, got "
                    + outputPadding);
        }
        if ((!lazy && in % groups != 0) || out % groups != 0) {
            throw new IllegalArgumentException("in_channels (" + in + ") and out_channels (" + out
                    + ") must be divisible by groups (" + groups + ")");
        }
        if (outputPadding >= stride && outputPadding >= dilation) {
            throw new IllegalArgumentException("output padding must be smaller than either stride or dilation, got "
                    + "output_padding=" + outputPadding + ", stride=" + stride + ", dilation=" + dilation);
        }
        this.in = lazy ? 0 : in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.groups = groups;
        this.dilation = dilation;
        this.dims = dims;
        if (lazy) {
            this.weight = LazyParameters.parameter(this, "weight");
            this.bias = bias ? LazyParameters.parameter(this, "bias") : null;
            this.lazyGenerator = g;
        } else {
            Tensor[] drawn = ConvNd.weightAndBias(this, in, out / groups, kernel, dims, out, bias, g);
            this.weight = drawn[0];
            this.bias = drawn[1];
        }
    }

    /**
     * A lazy layer's first call: in_channels from x (dimension 1 of a batched input, 0 of an unbatched one), then the
     * weight [in, out / groups, k...] and bias drawn as the eager layer draws them, into the placeholders. Nothing for
     * any other call.
     */
    final void materializeIfLazy(Tensor x) {
        if (lazyGenerator == null) {
            return;
        }
        int channels = LazyParameters.inChannels(this, x, dims, groups);
        Tensor[] drawn = ConvNd.draws(channels, out / groups, LazyParameters.filled(dims, kernel), out, bias != null,
                lazyGenerator);
        LazyParameters.materialize(weight, drawn[0]);
        LazyParameters.materialize(bias, drawn[1]);
        this.in = channels;
        lazyGenerator = null;
    }

    /** Whether this is a lazy layer not yet called (nor loaded). */
    final boolean lazyPending() {
        return lazyGenerator != null;
    }

    /** A lazy layer not yet called takes its shapes from the state's weight [in, out / groups, k...], drawing none. */
    @Override
    protected void beforeLoadingState(String prefix, java.util.Map<String, Tensor> state) {
        int[] w = LazyParameters.shapeIn(state, prefix, "weight");
        if (lazyGenerator != null && w != null && w.length == dims + 2) {
            LazyParameters.materialize(weight, Tensor.zeros(w));
            LazyParameters.materialize(bias, Tensor.zeros(out));
            this.in = w[0];
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
        return ConvNd.repr(in, out, dims, kernel, stride, padding, dilation, outputPadding, groups,
                bias == null);
    }
}
