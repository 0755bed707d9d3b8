package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The mean over square windows, padding counted, as {@code torch.nn.AvgPool2d}; the stride defaults to the window. */
public class AvgPool2d extends Pool2d {
    /** Non-overlapping windows of {@code kernel}. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with zero {@code padding} around the input. */
    public AvgPool2d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool2d(x, kernelPair, stridePair, paddingPair);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
