package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The maximum over windows of [N, C, L], as {@code torch.nn.MaxPool1d}; the stride defaults to the window. */
public class MaxPool1d extends Pool1d {
    /** Non-overlapping windows of {@code kernel}. */
    public MaxPool1d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with {@code padding} (as -infinity) at both ends. */
    public MaxPool1d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool1d(x, kernel, stride, padding);
    }

    /** The pooled values and each maximum's index along the length (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return Functional.maxPool1dWithIndices(x, kernel, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }
}
