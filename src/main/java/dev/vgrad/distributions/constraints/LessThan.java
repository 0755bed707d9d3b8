package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The half line [-inf, upper) (PyTorch's {@code constraints.less_than}). */
public final class LessThan extends Bounded {
    LessThan(Bound upper) {
        super(null, upper);
    }

    @Override
    public Tensor check(Tensor value) {
        return upper.greaterThan(value);
    }

    /** The upper bound: a number or a tensor. */
    public Bound upperBound() {
        return upper;
    }
}
