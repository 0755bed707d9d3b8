package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The extended real line [-inf, inf] (PyTorch's {@code constraints.real}): every value but NaN. */
public final class Real extends Constraint {
    Real() {}

    @Override
    public Tensor check(Tensor value) {
        return value.eq(value);
    }
}
