package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The interval [lower, upper) (PyTorch's {@code constraints.half_open_interval}). */
public final class HalfOpenInterval extends Constraint {
    private final Bound lower, upper;

    HalfOpenInterval(Bound lower, Bound upper) {
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public Tensor check(Tensor value) {
        return lower.atMost(value).logicalAnd(upper.greaterThan(value));
    }

    /** The lower bound: a number or a tensor. */
    public Bound lowerBound() {
        return lower;
    }

    /** The upper bound: a number or a tensor. */
    public Bound upperBound() {
        return upper;
    }

    @Override
    public String toString() {
        return "HalfOpenInterval(lower_bound=" + lower + ", upper_bound=" + upper + ")";
    }
}
