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
        Tensor symmetric = Matrices.symmetric(value);
        if (symmetric.numel() > 0 && symmetric.all().item() == 0f) {
            return symmetric;
        }
        return Linalg.eigvalsh(value).ge(0f).all(-1, false);
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
