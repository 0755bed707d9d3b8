package dev.vgrad.nn;

import dev.vgrad.Loss;
import dev.vgrad.Tensor;

/**
 * A loss as a module: {@code forward(input, target)} with PyTorch's {@code reduction} keyword as a string:
 * {@code "mean"} (the default), {@code "sum"} or {@code "none"}. The one-argument {@link #forward(Tensor)} of a
 * plain module does not apply to a loss and is refused.
 */
public abstract class Criterion extends Module {
    /** A loss function of (input, target, reduction), one of {@link Loss}'s. */
    @FunctionalInterface
    interface LossFunction {
        /** The loss. */
        Tensor apply(Tensor input, Tensor target, Loss.Reduction reduction);
    }

    private final String reduction;
    private final Loss.Reduction mode;
    private final LossFunction function;

    /** A loss computed by {@code function} with the given reduction ("mean", "sum" or "none"). */
    Criterion(String reduction, LossFunction function) {
        this.mode = parse(reduction);
        this.reduction = reduction;
        this.function = function;
    }

    /** PyTorch's reduction keyword as the core's enum; anything else is refused by name. */
    static Loss.Reduction parse(String reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException("reduction must be \"mean\", \"sum\" or \"none\", got null");
        }
        return switch (reduction) {
            case "mean" -> Loss.Reduction.MEAN;
            case "sum" -> Loss.Reduction.SUM;
            case "none" -> Loss.Reduction.NONE;
            default -> throw new IllegalArgumentException(reduction + " is not a valid value for reduction "
                    + "(expected \"mean\", \"sum\" or \"none\")");
        };
    }

    /** The loss of {@code input} against {@code target}. */
    public Tensor forward(Tensor input, Tensor target) {
        return function.apply(input, target, mode);
    }

    /** Refused: a loss needs a target. */
    @Override
    public Tensor forward(Tensor input) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " needs a target: call forward(input, target)");
    }

    /** How this loss reduces: "mean", "sum" or "none". */
    public String reduction() {
        return reduction;
    }
}
