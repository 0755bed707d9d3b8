package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Expands the last dimension into a shape, keeping the leading (batch) dimensions, as
 * {@code torch.nn.Unflatten(-1, shape)}: flattened 784-pixel images become [1, 28, 28].
 */
public class Unflatten extends Module {
    private final int[] shape;

    /** The last dimension becomes these sizes (their product must equal it). */
    public Unflatten(int... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Unflatten needs at least one size");
        }
        this.shape = shape.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] out = java.util.Arrays.copyOf(x.shape(), x.dim() - 1 + shape.length);
        System.arraycopy(shape, 0, out, x.dim() - 1, shape.length);
        return x.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "dim=-1, unflattened_size=" + java.util.Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
