package dev.vgrad.optim;

import java.util.List;

/**
 * Runs schedules one after another, switching at milestone epochs, as {@code torch.optim.lr_scheduler.SequentialLR}:
 * a warm-up, then a decay, is the common use. Construction puts the rate back to the optimizer's initial rate and
 * starts the first schedule; at each milestone the next schedule starts again from epoch 0 (PyTorch's
 * {@code step(0)}: schedules with a closed form restart from the base rate, the others go on from the current one).
 */
public final class SequentialLR extends CompositeScheduler {
    private final int[] milestones;

    /**
     * {@code schedulers}, all built on {@code optimizer}, the i-th running from milestone i-1 (or the start) to
     * milestone i; one milestone fewer than schedules.
     */
    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, int[] milestones) {
        super(optimizer, schedulers);
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same "
                        + "optimizer, but got schedulers at index " + i + " to be different than the optimizer passed "
                        + "in.");
            }
        }
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one "
                    + "more than the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.length);
        }
        this.milestones = milestones.clone();
        List<Optimizer> groups = groups();
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).setLrExact(baseLr(g));
        }
        for (LRScheduler s : this.schedulers) {
            s.rewind();
        }
        this.schedulers.get(0).replayStep();
    }

    /** Steps the schedule whose span holds the next epoch; at a milestone that schedule starts from epoch 0. */
    @Override
    public void step() {
        lastEpoch++;
        int idx = 0;
        while (idx < milestones.length && milestones[idx] <= lastEpoch) {
            idx++;
        }
        LRScheduler current = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
            current.restart();
        } else {
            current.step();
        }
    }
}
