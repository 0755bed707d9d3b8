package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * A loss of three tensors as a module, {@code forward(a, b, c)}: two inputs and a target (margin ranking, cosine
 * embedding), an anchor with a positive and a negative (triplet margin), or input, target and variance (Gaussian
 * NLL), with PyTorch's reduction keyword ("mean", "sum" or "none"). The one-argument forward is refused.
 */
public abstract class ThreeInputLoss extends Module {
    /** The loss of the three tensors. */
    @FunctionalInterface
    interface LossFunction {
        /** The loss. */
        Tensor apply(Tensor a, Tensor b, Tensor c);
    }

    private final String reduction;
    private final LossFunction function;

    ThreeInputLoss(String reduction, LossFunction function) {
        Criterion.parse(reduction);
        this.reduction = reduction;
        this.function = function;
    }

    /** The loss of the three tensors, in the order PyTorch's forward takes them. */
    public Tensor forward(Tensor a, Tensor b, Tensor c) {
        return function.apply(a, b, c);
    }

    /** Refused: this loss takes three tensors. */
    @Override
    public Tensor forward(Tensor input) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " takes three tensors: call forward(a, b, c)");
    }

    /** How this loss reduces: "mean", "sum" or "none". */
    public String reduction() {
        return reduction;
    }
}
