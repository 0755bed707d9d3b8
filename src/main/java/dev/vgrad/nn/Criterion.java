package dev.vgrad.nn;

import dev.vgrad.Loss;
import dev.vgrad.Tensor;

/**
 * A loss as a module: {@code forward(input, target)} with PyTorch's {@code reduction} ("mean" by default).
 * The one-argument {@link #forward(Tensor)} of a plain module does not apply to a loss and is refused.
 */
public abstract class Criterion extends Module {
    /** A loss function of (input, target, reduction), one of {@link Loss}'s. */
    @FunctionalInterface
    protected interface LossFunction {
        /** The loss. */
        Tensor apply(Tensor input, Tensor target, Loss.Reduction reduction);
    }

    private final Loss.Reduction reduction;
    private final LossFunction function;

    /** A loss computed by {@code function} with the given reduction. */
    protected Criterion(Loss.Reduction reduction, LossFunction function) {
        this.reduction = reduction;
        this.function = function;
    }

    /** The loss of {@code input} against {@code target}. */
    public Tensor forward(Tensor input, Tensor target) {
        return function.apply(input, target, reduction);
    }

    /** Refused: a loss needs a target. */
    @Override
    public Tensor forward(Tensor input) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " needs a target: call forward(input, target)");
    }

    /** How this loss reduces. */
    public Loss.Reduction reduction() {
        return reduction;
    }
}
