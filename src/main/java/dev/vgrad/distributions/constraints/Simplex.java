package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/**
 * The unit simplex in the last dimension (PyTorch's {@code constraints.simplex}): {@code x >= 0} and
 * {@code |x.sum(-1) - 1| < 1e-6}.
 */
public final class Simplex extends Constraint {
    Simplex() {}

    @Override
    public Tensor check(Tensor value) {
        return value.ge(0f).all(-1, false).logicalAnd(value.sum(-1, false).sub(1f).abs().lt(1e-6f));
    }

    @Override
    public int eventDim() {
        return 1;
    }
}
