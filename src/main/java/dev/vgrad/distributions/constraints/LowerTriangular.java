package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** Lower-triangular square matrices (PyTorch's {@code constraints.lower_triangular}). */
public final class LowerTriangular extends Constraint {
    LowerTriangular() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        return Matrices.lowerTriangular(value);
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
