package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The interval [lower, upper] (PyTorch's {@code constraints.interval}; {@code unit_interval} is [0, 1]). */
public final class Interval extends Bounded {
    Interval(Bound lower, Bound upper) {
        super(lower, upper);
    }

    @Override
    public Tensor check(Tensor value) {
        return lower.atMost(value).logicalAnd(upper.atLeast(value));
    }

    /** The lower bound: a number or a tensor. */
    public Bound lowerBound() {
        return lower;
    }

    /** The upper bound: a number or a tensor. */
    public Bound upperBound() {
        return upper;
    }
}
