package dev.vgrad.optim;

/**
 * Scales the learning rate by a constant factor until totalIters epochs have passed, then restores it, as
 * {@code torch.optim.lr_scheduler.ConstantLR}. Like PyTorch's, construction already applies the factor.
 */
public final class ConstantLR extends LRScheduler {
    private final double factor;
    private final int totalIters;

    /** PyTorch's defaults: a third of the rate for 5 epochs. */
    public ConstantLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 5);
    }

    /** {@code factor} (in [0, 1]) times the rate for the first totalIters epochs. */
    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        super(optimizer);
        if (factor > 1.0 || factor < 0) {
            throw new IllegalArgumentException("Constant multiplicative factor expected to be between 0 and 1, got "
                    + factor);
        }
        this.factor = factor;
        this.totalIters = totalIters;
        applyStart();
    }

    @Override
    protected double startLr(int group, double current) {
        return current * factor;
    }

    @Override
    protected double restartLr(int group, double current) {
        return baseLr(group) * (factor + (lastEpoch >= totalIters ? 1 - factor : 0));
    }

    @Override
    protected double nextLr(int group, double current) {
        return lastEpoch != totalIters ? current : current * (1.0 / factor);
    }
}
