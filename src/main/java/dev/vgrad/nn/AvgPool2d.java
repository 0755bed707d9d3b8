package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The mean over windows, as {@code torch.nn.AvgPool2d}: padding counted unless countIncludePad is off, the output size
 * rounded down unless ceilMode; the stride defaults to the window.
 */
public class AvgPool2d extends Pool2d {
    private final boolean ceilMode, countIncludePad;

    /** Non-overlapping windows of {@code kernel}. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with zero {@code padding} around the input. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(kernel, stride, padding, false, true);
    }

    /** PyTorch's {@code AvgPool2d(kernel_size, stride, padding, ceil_mode, count_include_pad)}. */
    public AvgPool2d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        super(kernel, stride, padding);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    /** PyTorch's {@code AvgPool2d((kh, kw), (sh, sw), (ph, pw), ceil_mode, count_include_pad)}. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        super(kernelSize, stride, padding);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool2d(x, kernelPair, stridePair, paddingPair, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return sizesRepr();
    }
}
