package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The mean over cubic windows of [N, C, D, H, W], zero padding counted, as {@code torch.nn.AvgPool3d}; the stride
 * defaults to the window.
 */
public class AvgPool3d extends Pool3d {
    /** Non-overlapping windows of {@code kernel}. */
    public AvgPool3d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with {@code padding} (as zeros) around the input. */
    public AvgPool3d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.avgPool3d(x, kernelTriple, strideTriple, paddingTriple);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
