package dev.vgrad.distributions.constraints;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;

/**
 * Positive-semidefinite matrices (PyTorch's {@code constraints.positive_semidefinite}): symmetric, no eigenvalue below
 * 0.
 */
public final class PositiveSemidefinite extends Constraint {
    PositiveSemidefinite() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        return Matrices.ifSymmetric(value, m -> Linalg.eigvalsh(m).ge(0f).all(-1, false));
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
