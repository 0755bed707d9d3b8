package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The integers in [lower, upper] (PyTorch's {@code constraints.integer_interval}). */
public final class IntegerInterval extends Bounded {
    IntegerInterval(Bound lower, Bound upper) {
        super(lower, upper);
    }

    @Override
    public Tensor check(Tensor value) {
        return Integers.integral(value).logicalAnd(lower.atMost(value)).logicalAnd(upper.atLeast(value));
    }

    @Override
    public boolean isDiscrete() {
        return true;
    }

    /** The lower bound: a number (PyTorch's int) or a tensor. */
    public Bound lowerBound() {
        return lower;
    }

    /** The upper bound: a number or a tensor. */
    public Bound upperBound() {
        return upper;
    }
}
