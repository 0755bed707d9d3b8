package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The integers in (-inf, upper] (PyTorch's {@code _IntegerLessThan}). */
public final class IntegerLessThan extends Constraint {
    private final Bound upper;

    IntegerLessThan(Bound upper) {
        this.upper = upper;
    }

    @Override
    public Tensor check(Tensor value) {
        return Integers.integral(value).logicalAnd(upper.atLeast(value));
    }

    @Override
    public boolean isDiscrete() {
        return true;
    }

    /** The upper bound: a number or a tensor. */
    public Bound upperBound() {
        return upper;
    }

    @Override
    public String toString() {
        return "IntegerLessThan(upper_bound=" + upper + ")";
    }
}
