package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** log(softmax) along one dimension, computed stably, as {@code torch.nn.LogSoftmax}. */
public class LogSoftmax extends Module {
    private final int dim;

    /** Along {@code dim}. */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.logSoftmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
