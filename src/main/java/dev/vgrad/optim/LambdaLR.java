package dev.vgrad.optim;

import java.util.function.IntToDoubleFunction;

/**
 * Sets the learning rate to the base rate times {@code lrLambda(epoch)}, as {@code torch.optim.lr_scheduler.LambdaLR}
 * (construction already applies {@code lrLambda(0)}). The function is not part of {@link #stateDict()}: rebuild the
 * schedule with it, then load the state.
 */
public final class LambdaLR extends LRScheduler {
    private final IntToDoubleFunction lrLambda;

    /** The base rate scaled by {@code lrLambda} of the epoch count. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        super(optimizer);
        this.lrLambda = lrLambda;
        optimizer.setLrExact(startLr(optimizer.lrExact()));
    }

    @Override
    protected double startLr(double current) {
        return baseLr * lrLambda.applyAsDouble(0);
    }

    @Override
    protected double nextLr(double current) {
        return baseLr * lrLambda.applyAsDouble(lastEpoch);
    }
}
