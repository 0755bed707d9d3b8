package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/**
 * Non-negative counts in the last dimension summing to at most an upper bound (PyTorch's
 * {@code constraints.multinomial}, which checks {@code sum <= upper} rather than equality, as here).
 */
public final class Multinomial extends Constraint {
    private final int upper;

    Multinomial(int upper) {
        this.upper = upper;
    }

    @Override
    public Tensor check(Tensor value) {
        return value.ge(0f).all(-1, false).logicalAnd(value.sum(-1, false).le(upper));
    }

    /** The upper bound of the counts' sum (a distribution's total count). */
    public int upperBound() {
        return upper;
    }

    @Override
    public boolean isDiscrete() {
        return true;
    }

    @Override
    public int eventDim() {
        return 1;
    }
}
