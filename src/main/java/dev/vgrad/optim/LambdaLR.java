package dev.vgrad.optim;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets the learning rate to the base rate times {@code lrLambda(epoch)}, as {@code torch.optim.lr_scheduler.LambdaLR}
 * (construction already applies {@code lrLambda(0)}), one function for every parameter group or one per group. The
 * functions are not part of {@link #stateDict()}: rebuild the schedule with them, then load the state.
 */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lrLambdas;

    /** Every group's base rate scaled by {@code lrLambda} of the epoch count. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), lrLambda));
    }

    /** Group g's base rate scaled by {@code lrLambdas.get(g)} of the epoch count: one function per parameter group. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        super(optimizer);
        this.lrLambdas = MultiplicativeLR.onePerGroup(lrLambdas, groupCount());
        applyStart();
    }

    @Override
    protected double startLr(int group, double current) {
        return baseLr(group) * lrLambdas.get(group).applyAsDouble(0);
    }

    @Override
    protected double nextLr(int group, double current) {
        return baseLr(group) * lrLambdas.get(group).applyAsDouble(lastEpoch);
    }
}
