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

    /** A schedule on {@code optimizer}, starting at its current learning rate. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.lrExact();
    }

    /** Advances one epoch and sets the optimizer's learning rate. */
    public void step() {
        lastEpoch++;
        optimizer.setLrExact(nextLr(optimizer.lrExact()));
    }

    /** The learning rate after this epoch, given the current one (PyTorch's chainable get_lr). */
    protected abstract double nextLr(double current);

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
        if (!(epoch >= 0 && epoch == Math.rint(epoch))) {
            throw new IllegalArgumentException("loadStateDict: last_epoch must be a count, got " + epoch);
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
