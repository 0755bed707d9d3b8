package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The inverse of {@link MaxPool1d}, as {@code torch.nn.MaxUnpool1d}: {@code forward(values, indices)} puts each value
 * back at the position {@link MaxPool1d#forwardWithIndices} found it, zeros elsewhere.
 */
public class MaxUnpool1d extends MaxUnpoolNd {
    /** Undoes pooling over windows of {@code kernel} every kernel. */
    public MaxUnpool1d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Undoes pooling over windows of {@code kernel} every {@code stride} with {@code padding}. */
    public MaxUnpool1d(int kernel, int stride, int padding) {
        super(1, kernel, stride, padding);
    }

    /** Values [N, C, L] at their indices along a length of the default size. */
    public Tensor forward(Tensor values, Tensor indices) {
        return Functional.maxUnpool1d(values, indices, kernel, stride, padding, null);
    }

    /** Values at their indices along {@code outputSize}. */
    public Tensor forward(Tensor values, Tensor indices, int outputSize) {
        return Functional.maxUnpool1d(values, indices, kernel, stride, padding, outputSize);
    }
}
