package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** One-hot vectors in the last dimension (PyTorch's {@code constraints.one_hot}): zeros and ones summing to 1. */
public final class OneHot extends Constraint {
    OneHot() {}

    @Override
    public Tensor check(Tensor value) {
        Tensor zeroOrOne = value.eq(0f).logicalOr(value.eq(1f));
        return zeroOrOne.all(-1, false).logicalAnd(value.sum(-1, false).eq(1f));
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
