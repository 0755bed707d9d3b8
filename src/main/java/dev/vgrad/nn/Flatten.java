package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Folds every dimension from {@code startDim} (default 1: all but the batch) into one, as {@code torch.nn.Flatten}. */
public class Flatten extends Module {
    private final int startDim;

    /** Flattens all dimensions but the first. */
    public Flatten() {
        this(1);
    }

    /** Flattens dimensions startDim.. into one. */
    public Flatten(int startDim) {
        this.startDim = startDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=-1";
    }
}
