package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The integers in [lower, inf) (PyTorch's {@code _IntegerGreaterThan}: {@code nonnegative_integer} from 0). */
public final class IntegerGreaterThan extends Bounded {
    IntegerGreaterThan(Bound lower) {
        super(lower, null);
    }

    @Override
    public Tensor check(Tensor value) {
        return Integers.integral(value).logicalAnd(lower.atMost(value));
    }

    @Override
    public boolean isDiscrete() {
        return true;
    }

    /** The lower bound: a number or a tensor. */
    public Bound lowerBound() {
        return lower;
    }
}
