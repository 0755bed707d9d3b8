package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The inverse of {@link MaxPool2d}, as {@code torch.nn.MaxUnpool2d}: {@code forward(values, indices)} puts each value
 * back where {@link MaxPool2d#forwardWithIndices} found it, zeros elsewhere.
 */
public class MaxUnpool2d extends MaxUnpoolNd {
    /** Undoes pooling over windows of {@code kernel} every kernel. */
    public MaxUnpool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Undoes pooling over windows of {@code kernel} every {@code stride} with {@code padding}. */
    public MaxUnpool2d(int kernel, int stride, int padding) {
        super(2, kernel, stride, padding);
    }

    /** Values [N, C, H, W] at their indices in planes of the default size. */
    public Tensor forward(Tensor values, Tensor indices) {
        return forward(values, indices, null);
    }

    /** Values at their indices in planes of {@code outputSize} ([H', W']; null for the default). */
    public Tensor forward(Tensor values, Tensor indices, int[] outputSize) {
        return Functional.maxUnpool2d(values, indices, each(kernel), each(stride), each(padding), outputSize);
    }
}
