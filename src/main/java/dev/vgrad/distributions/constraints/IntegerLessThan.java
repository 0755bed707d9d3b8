package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The integers in (-inf, upper] (PyTorch's {@code _IntegerLessThan}). */
public final class IntegerLessThan extends Bounded {
    IntegerLessThan(Bound upper) {
        super(null, upper);
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
}
