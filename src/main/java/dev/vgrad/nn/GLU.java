package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The gated linear unit {@code a * sigmoid(b)} over the two halves of a dimension, as {@code torch.nn.GLU}. */
public class GLU extends Module {
    private final int dim;

    /** Halves the last dimension. */
    public GLU() {
        this(-1);
    }

    /** Halves dimension {@code dim} (of even size). */
    public GLU(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.glu(x, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
