package dev.vgrad.optim;

/**
 * Scales the learning rate by a factor that moves linearly from startFactor to endFactor over totalIters epochs, then
 * stays (a warm-up, typically), as {@code torch.optim.lr_scheduler.LinearLR}. Like PyTorch's, construction already
 * applies the start factor.
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /** PyTorch's defaults: from 1/3 of the rate to all of it over 5 epochs. */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    /** From {@code startFactor} (in (0, 1]) to {@code endFactor} (in [0, 1]) times the rate over totalIters epochs. */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (startFactor > 1.0 || startFactor <= 0) {
            throw new IllegalArgumentException("Starting multiplicative factor expected to be greater than 0 and less "
                    + "or equal to 1, got " + startFactor);
        }
        if (endFactor > 1.0 || endFactor < 0) {
            throw new IllegalArgumentException("Ending multiplicative factor expected to be between 0 and 1, got "
                    + endFactor);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        applyStart();
    }

    @Override
    protected double startLr(int group, double current) {
        return current * startFactor;
    }

    @Override
    protected double restartLr(int group, double current) {
        return baseLr(group)
                * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
    }

    @Override
    protected double nextLr(int group, double current) {
        if (lastEpoch > totalIters) {
            return current;
        }
        return current * (1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }
}
