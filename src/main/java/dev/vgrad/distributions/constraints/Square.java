package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** Square matrices (PyTorch's {@code constraints.square}): all of a value's matrices or none. */
public final class Square extends Constraint {
    Square() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        return Matrices.square(value);
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
