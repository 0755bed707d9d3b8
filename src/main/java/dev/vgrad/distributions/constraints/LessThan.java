package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The half line [-inf, upper) (PyTorch's {@code constraints.less_than}). */
public final class LessThan extends Constraint {
    private final Bound upper;

    LessThan(Bound upper) {
        this.upper = upper;
    }

    @Override
    public Tensor check(Tensor value) {
        return upper.greaterThan(value);
    }

    /** The upper bound: a number or a tensor. */
    public Bound upperBound() {
        return upper;
    }

    @Override
    public String toString() {
        return "LessThan(upper_bound=" + upper + ")";
    }
}
