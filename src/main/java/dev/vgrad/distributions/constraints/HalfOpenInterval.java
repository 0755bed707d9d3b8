package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The interval [lower, upper) (PyTorch's {@code constraints.half_open_interval}). */
public final class HalfOpenInterval extends Bounded {
    HalfOpenInterval(Bound lower, Bound upper) {
        super(lower, upper);
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
}
