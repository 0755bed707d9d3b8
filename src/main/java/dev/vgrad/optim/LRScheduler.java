package dev.vgrad.optim;

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

    /** The learning rate the last step set. */
    public float getLastLr() {
        return (float) optimizer.lrExact();
    }
}
