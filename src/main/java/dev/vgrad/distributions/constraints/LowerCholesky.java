package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** Lower-triangular matrices with a positive diagonal (PyTorch's {@code constraints.lower_cholesky}). */
public final class LowerCholesky extends Constraint {
    LowerCholesky() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        return Matrices.lowerCholesky(value);
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
