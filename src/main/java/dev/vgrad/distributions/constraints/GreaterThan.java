package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The half line (lower, inf] (PyTorch's {@code constraints.greater_than}; {@code positive} from 0). */
public final class GreaterThan extends Constraint {
    private final Bound lower;

    GreaterThan(Bound lower) {
        this.lower = lower;
    }

    @Override
    public Tensor check(Tensor value) {
        return lower.lessThan(value);
    }

    /** The lower bound: a number or a tensor. */
    public Bound lowerBound() {
        return lower;
    }

    @Override
    public String toString() {
        return "GreaterThan(lower_bound=" + lower + ")";
    }
}
