package dev.vgrad.optim;

import dev.vgrad.Tensor;

/**
 * The base of learning-rate schedules, as {@code torch.optim.lr_scheduler}: construct it on an optimizer (which
 * records the base learning rate), then call {@link #step()} once per epoch after {@code optimizer.step()}.
 */
public abstract class LRScheduler {
    /** The optimizer whose learning rate this schedules. */
    protected final Optimizer optimizer;
    /** The learning rate at construction. */
    protected final double baseLr;
    /** How many times step() has run; 0 right after construction. */
    protected int lastEpoch;

    /**
     * A schedule on {@code optimizer}, counting from its learning rate when its first schedule was built (PyTorch's
     * {@code initial_lr}; for the first schedule, the current rate).
     */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.initialLrExact();
    }

    /** Advances one epoch and sets the optimizer's learning rate. */
    public void step() {
        lastEpoch++;
        optimizer.setLrExact(nextLr(optimizer.lrExact()));
    }

    /** The learning rate after this epoch, given the current one (PyTorch's chainable get_lr). */
    protected abstract double nextLr(double current);

    /**
     * The rate at epoch 0, given the current one: what PyTorch's constructor sets through its first get_lr. Most
     * schedules leave the rate as it is; a warm-up scales it. Constructors that change the rate apply this.
     */
    protected double startLr(double current) {
        return current;
    }

    /**
     * The rate when a {@link SequentialLR} hands over to this schedule at a milestone (PyTorch's {@code step(0)}): the
     * closed form at epoch 0 where the schedule has one (so it restarts from {@link #baseLr}), otherwise
     * {@link #startLr}.
     */
    protected double restartLr(double current) {
        return startLr(current);
    }

    /** Starts this schedule again at epoch 0, as PyTorch's {@code step(0)}. */
    void restart() {
        lastEpoch = 0;
        optimizer.setLrExact(restartLr(optimizer.lrExact()));
    }

    /** Takes back one epoch without touching the rate (a {@link SequentialLR} undoing its schedules' first step). */
    void rewind() {
        lastEpoch--;
    }

    /** Steps from a rewound position: back at epoch 0 that is {@link #startLr}, as PyTorch's _initial_step. */
    void replayStep() {
        lastEpoch++;
        double current = optimizer.lrExact();
        optimizer.setLrExact(lastEpoch == 0 ? startLr(current) : nextLr(current));
    }

    /**
     * The schedule's position, {@code last_epoch} (save it beside the optimizer's {@link Optimizer#stateDict()}, whose
     * learning rate it goes on from), and the base rate it started from.
     */
    public java.util.Map<String, Tensor> stateDict() {
        java.util.Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch));
        out.put("base_lr", ExactDouble.of(baseLr));
        return out;
    }

    /** Restores a {@link #stateDict()}: the schedule goes on from where it was saved (with the optimizer's state). */
    public void loadStateDict(java.util.Map<String, Tensor> saved) {
        if (!saved.keySet().equals(java.util.Set.of("last_epoch", "base_lr"))) {
            throw new IllegalArgumentException("loadStateDict: a schedule's state holds last_epoch and base_lr, got "
                    + saved.keySet());
        }
        float epoch = saved.get("last_epoch").item();
        // -1: a schedule inside a SequentialLR that has not started yet
        if (!(epoch >= -1 && epoch == Math.rint(epoch))) {
            throw new IllegalArgumentException("loadStateDict: last_epoch must be a count (or -1), got " + epoch);
        }
        double base = ExactDouble.from("base_lr", saved.get("base_lr"));
        if (base != baseLr) {
            throw new IllegalArgumentException("loadStateDict: the saved schedule started from lr " + base
                    + ", this one from " + baseLr + " (build it on an optimizer with the same learning rate)");
        }
        lastEpoch = (int) epoch;
    }

    /** The learning rate the last step set. */
    public float getLastLr() {
        return (float) optimizer.lrExact();
    }
}
