package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Columns [N, C*kh*kw, L] summed back into images [N, C, outputSize...], overlapping windows adding up, as
 * {@code torch.nn.Fold} (see {@link Functional#fold}).
 */
public class Fold extends Module {
    private final int[] outputSize, kernel, dilation, padding, stride;

    /** Into images of outputSize (h, w) from windows of kernel (h, w), with the given dilation, padding and stride. */
    public Fold(int[] outputSize, int[] kernel, int[] dilation, int[] padding, int[] stride) {
        this.outputSize = outputSize.clone();
        this.kernel = kernel.clone();
        this.dilation = dilation.clone();
        this.padding = padding.clone();
        this.stride = stride.clone();
    }

    @Override
    public Tensor forward(Tensor columns) {
        return Functional.fold(columns, outputSize, kernel, dilation, padding, stride);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Unfold.pair(outputSize) + ", kernel_size=" + Unfold.pair(kernel) + ", dilation="
                + Unfold.pair(dilation) + ", padding=" + Unfold.pair(padding) + ", stride=" + Unfold.pair(stride);
    }
}
