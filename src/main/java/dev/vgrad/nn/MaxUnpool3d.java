package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The inverse of {@link MaxPool3d}, as {@code torch.nn.MaxUnpool3d}: {@code forward(values, indices)} puts each value
 * back where {@link MaxPool3d#forwardWithIndices} found it, zeros elsewhere.
 */
public class MaxUnpool3d extends MaxUnpoolNd {
    /** Undoes pooling over cubes of {@code kernel} every kernel. */
    public MaxUnpool3d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Undoes pooling over cubes of {@code kernel} every {@code stride} with {@code padding}. */
    public MaxUnpool3d(int kernel, int stride, int padding) {
        super(3, kernel, stride, padding);
    }

    /** Values [N, C, D, H, W] at their indices in volumes of the default size. */
    public Tensor forward(Tensor values, Tensor indices) {
        return forward(values, indices, null);
    }

    /** Values at their indices in volumes of {@code outputSize} ([D', H', W']; null for the default). */
    public Tensor forward(Tensor values, Tensor indices, int[] outputSize) {
        return Functional.maxUnpool3d(values, indices, each(kernel), each(stride), each(padding), outputSize);
    }
}
