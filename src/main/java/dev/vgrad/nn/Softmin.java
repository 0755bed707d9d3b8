package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** softmax of -x along a dimension, as {@code torch.nn.Softmin}. */
public class Softmin extends Module {
    private final int dim;

    /** Along {@code dim}. */
    public Softmin(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.softmin(x, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
