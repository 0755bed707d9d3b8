package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The maximum over windows, as {@code torch.nn.MaxPool2d}; the stride defaults to the window. */
public class MaxPool2d extends Pool2d {
    private final boolean ceilMode;

    /** Non-overlapping windows of {@code kernel}. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with {@code padding} (as -infinity) around the input. */
    public MaxPool2d(int kernel, int stride, int padding) {
        this(kernel, stride, padding, false);
    }

    /**
     * PyTorch's {@code MaxPool2d(kernel_size, stride, padding, ceil_mode=ceilMode)}: with ceilMode the output size is
     * rounded up, the last window reaching past the input.
     */
    public MaxPool2d(int kernel, int stride, int padding, boolean ceilMode) {
        super(kernel, stride, padding);
        this.ceilMode = ceilMode;
    }

    /** PyTorch's {@code MaxPool2d((kh, kw), (sh, sw), (ph, pw), ceil_mode=ceilMode)}. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode) {
        super(kernelSize, stride, padding);
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernelPair, stridePair, paddingPair, ceilMode);
    }

    /** The pooled values and each maximum's flat index into its input plane (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return java.util.List.of(forward(x),
                Unpooling.maxPool2dIndices(x, kernelPair, stridePair, paddingPair, ceilMode));
    }

    @Override
    protected String extraRepr() {
        return sizesRepr() + ", dilation=1, ceil_mode=" + (ceilMode ? "True" : "False");
    }
}
