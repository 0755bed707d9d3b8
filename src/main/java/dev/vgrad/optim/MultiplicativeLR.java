package dev.vgrad.optim;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Multiplies the learning rate by {@code lrLambda(epoch)} at every step, as
 * {@code torch.optim.lr_scheduler.MultiplicativeLR}, one function for every parameter group or one per group. The
 * functions are not part of {@link #stateDict()}: rebuild the schedule with them, then load the state.
 */
public final class MultiplicativeLR extends LRScheduler {
    private final List<IntToDoubleFunction> lrLambdas;

    /** Each step scales every group's current rate by {@code lrLambda} of the epoch count (1, 2, ...). */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), lrLambda));
    }

    /** Each step scales group g's current rate by {@code lrLambdas.get(g)} of the epoch count: one per group. */
    public MultiplicativeLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        super(optimizer);
        this.lrLambdas = onePerGroup(lrLambdas, groupCount());
    }

    /** The functions, checked to be one per parameter group (PyTorch's message otherwise). */
    static List<IntToDoubleFunction> onePerGroup(List<IntToDoubleFunction> lrLambdas, int groups) {
        if (lrLambdas.size() != groups) {
            throw new IllegalArgumentException("Expected " + groups + " lr_lambdas, but got " + lrLambdas.size());
        }
        return List.copyOf(lrLambdas);
    }

    @Override
    protected double nextLr(int group, double current) {
        return lastEpoch > 0 ? current * lrLambdas.get(group).applyAsDouble(lastEpoch) : current;
    }
}
