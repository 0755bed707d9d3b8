package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Steps several schedules of one optimizer together, each scaling the rate the previous one set, as
 * {@code torch.optim.lr_scheduler.ChainedScheduler} (a constant warm-up factor times an exponential decay, say).
 * Construction changes nothing: the schedules already applied their start when they were built.
 */
public final class ChainedScheduler extends LRScheduler {
    private final List<LRScheduler> schedulers;

    /** {@code schedulers}, all of one optimizer, stepped in this order. */
    public ChainedScheduler(List<LRScheduler> schedulers) {
        super(first(schedulers).optimizer);
        for (int i = 1; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer != optimizer) {
                throw new IllegalArgumentException("ChainedScheduler expects all schedulers to belong to the same "
                        + "optimizer, but got schedulers at index 0 and " + i + " to be different");
            }
        }
        this.schedulers = List.copyOf(schedulers);
    }

    private static LRScheduler first(List<LRScheduler> schedulers) {
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("ChainedScheduler needs at least one schedule");
        }
        return schedulers.get(0);
    }

    /** Steps every schedule, in order. */
    @Override
    public void step() {
        lastEpoch++;
        for (LRScheduler s : schedulers) {
            s.step();
        }
    }

    /** Never called: {@link #step()} steps the schedules, each with its own rule. */
    @Override
    protected double nextLr(double current) {
        throw new UnsupportedOperationException("ChainedScheduler steps its schedules, not a rule of its own");
    }

    /** The epoch count, {@code base_lr} and each schedule's state as {@code schedulers.<i>.<key>}. */
    @Override
    public Map<String, Tensor> stateDict() {
        return Composite.stateDict(super.stateDict(), schedulers);
    }

    /** Restores a {@link #stateDict()} into this chain and each of its schedules. */
    @Override
    public void loadStateDict(Map<String, Tensor> saved) {
        Composite.load(saved, this, schedulers, super::loadStateDict);
    }
}
