package dev.vgrad.distributions.constraints;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;

/** Positive-definite matrices (PyTorch's {@code constraints.positive_definite}): symmetric, with a Cholesky factor. */
public final class PositiveDefinite extends Constraint {
    PositiveDefinite() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        return Matrices.ifSymmetric(value, m -> Linalg.choleskyEx(m, false).get(1).eq(0f));
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
