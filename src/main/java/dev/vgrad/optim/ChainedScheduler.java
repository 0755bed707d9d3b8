package dev.vgrad.optim;

import java.util.List;

/**
 * Steps several schedules of one optimizer together, each scaling the rate the previous one set, as
 * {@code torch.optim.lr_scheduler.ChainedScheduler} (a constant warm-up factor times an exponential decay, say).
 * Construction changes nothing: the schedules already applied their start when they were built.
 */
public final class ChainedScheduler extends CompositeScheduler {
    /** {@code schedulers}, all of one optimizer, stepped in this order. */
    public ChainedScheduler(List<LRScheduler> schedulers) {
        super(first(schedulers).optimizer, schedulers);
        for (int i = 1; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer != optimizer) {
                throw new IllegalArgumentException("ChainedScheduler expects all schedulers to belong to the same "
                        + "optimizer, but got schedulers at index 0 and " + i + " to be different");
            }
        }
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
}
