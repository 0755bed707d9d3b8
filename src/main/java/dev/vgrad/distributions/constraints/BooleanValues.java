package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The two values {0, 1} (PyTorch's {@code constraints.boolean}). */
public final class BooleanValues extends Constraint {
    BooleanValues() {}

    @Override
    public Tensor check(Tensor value) {
        return value.eq(0f).logicalOr(value.eq(1f));
    }

    @Override
    public boolean isDiscrete() {
        return true;
    }

    /** PyTorch's repr (its class is {@code _Boolean}; the name here leaves java.lang.Boolean unshadowed). */
    @Override
    public String toString() {
        return "Boolean()";
    }
}
