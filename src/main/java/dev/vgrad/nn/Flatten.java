package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Folds dimensions {@code startDim} to {@code endDim} (default 1 to -1: all but the batch) into one, as
 * {@code torch.nn.Flatten}.
 */
public class Flatten extends Module {
    private final int startDim, endDim;

    /** Flattens all dimensions but the first. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens dimensions startDim.. into one. */
    public Flatten(int startDim) {
        this(startDim, -1);
    }

    /** Flattens dimensions startDim to endDim (inclusive) into one. */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
