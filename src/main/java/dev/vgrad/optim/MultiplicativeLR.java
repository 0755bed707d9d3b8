package dev.vgrad.optim;

import java.util.function.IntToDoubleFunction;

/**
 * Multiplies the learning rate by {@code lrLambda(epoch)} at every step, as
 * {@code torch.optim.lr_scheduler.MultiplicativeLR}. The function is not part of {@link #stateDict()}: rebuild the
 * schedule with it, then load the state.
 */
public final class MultiplicativeLR extends LRScheduler {
    private final IntToDoubleFunction lrLambda;

    /** Each step scales the current rate by {@code lrLambda} of the epoch count (1, 2, ...). */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        super(optimizer);
        this.lrLambda = lrLambda;
    }

    @Override
    protected double nextLr(double current) {
        return lastEpoch > 0 ? current * lrLambda.applyAsDouble(lastEpoch) : current;
    }
}
