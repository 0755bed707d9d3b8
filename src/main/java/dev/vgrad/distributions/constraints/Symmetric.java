package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** Symmetric matrices (PyTorch's {@code constraints.symmetric}, equal to the transpose within atol 1e-6). */
public final class Symmetric extends Constraint {
    Symmetric() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        return Matrices.symmetric(value);
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
