package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** softmax along one dimension, as {@code torch.nn.Softmax}. */
public class Softmax extends Module {
    private final int dim;

    /** Along {@code dim}. */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
