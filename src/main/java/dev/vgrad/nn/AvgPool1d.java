package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The mean over windows of [N, C, L], padding counted, as {@code torch.nn.AvgPool1d}; stride defaults to the window. */
public class AvgPool1d extends Pool1d {
    /** Non-overlapping windows of {@code kernel}. */
    public AvgPool1d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with {@code padding} zeros at both ends. */
    public AvgPool1d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool1d(x, kernel, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=(" + kernel + ",), stride=(" + stride + ",), padding=(" + padding + ",)";
    }
}
