package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The maximum over square windows, as {@code torch.nn.MaxPool2d}; the stride defaults to the window. */
public class MaxPool2d extends Pool2d {
    /** Non-overlapping windows of {@code kernel}. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with {@code padding} (as -infinity) around the input. */
    public MaxPool2d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernelPair, stridePair, paddingPair);
    }

    /** The pooled values and each maximum's flat index into its input plane (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return Functional.maxPool2dWithIndices(x, kernelPair, stridePair, paddingPair);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }
}
