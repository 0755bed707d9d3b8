package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The half line [lower, inf) (PyTorch's {@code constraints.greater_than_eq}; {@code nonnegative} from 0). */
public final class GreaterThanEq extends Bounded {
    GreaterThanEq(Bound lower) {
        super(lower, null);
    }

    @Override
    public Tensor check(Tensor value) {
        return lower.atMost(value);
    }

    /** The lower bound: a number or a tensor. */
    public Bound lowerBound() {
        return lower;
    }
}
