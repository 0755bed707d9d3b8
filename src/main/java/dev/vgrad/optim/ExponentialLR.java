package dev.vgrad.optim;

/** Multiplies the learning rate by gamma every epoch, as {@code torch.optim.lr_scheduler.ExponentialLR}. */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /** Decays by {@code gamma} (a double, as Python's float: 0.9 here is torch's 0.9) each epoch. */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
    }

    @Override
    protected double nextLr(int group, double current) {
        return current * gamma;
    }

    @Override
    protected double restartLr(int group, double current) {
        return baseLr(group) * Math.pow(gamma, lastEpoch);
    }
}
