package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The maximum over cubic windows of [N, C, D, H, W], as {@code torch.nn.MaxPool3d}; the stride defaults to the window. */
public class MaxPool3d extends Pool3d {
    /** Non-overlapping windows of {@code kernel}. */
    public MaxPool3d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Windows of {@code kernel} every {@code stride}, with {@code padding} (as -infinity) around the input. */
    public MaxPool3d(int kernel, int stride, int padding) {
        super(kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool3d(x, kernelTriple, strideTriple, paddingTriple);
    }

    /** The pooled values and each maximum's flat index into its input volume (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return Functional.maxPool3dWithIndices(x, kernelTriple, strideTriple, paddingTriple);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }
}
