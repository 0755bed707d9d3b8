package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** The half line (lower, inf] (PyTorch's {@code constraints.greater_than}; {@code positive} from 0). */
public final class GreaterThan extends Bounded {
    GreaterThan(Bound lower) {
        super(lower, null);
    }

    @Override
    public Tensor check(Tensor value) {
        return lower.lessThan(value);
    }

    /** The lower bound: a number or a tensor. */
    public Bound lowerBound() {
        return lower;
    }
}
