package dev.vgrad.optim;

/** Multiplies the learning rate by gamma every stepSize epochs. */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private double gamma = 0.1;

    /** Decays every {@code stepSize} epochs by PyTorch's default gamma 0.1. */
    public StepLR(Optimizer optimizer, int stepSize) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("step_size must be positive, got " + stepSize);
        }
        this.stepSize = stepSize;
    }

    /** The decay factor (default 0.1). */
    public StepLR gamma(float gamma) {
        this.gamma = Optimizer.exact(gamma);
        return this;
    }

    @Override
    protected double nextLr(int group, double current) {
        return lastEpoch % stepSize != 0 ? current : current * gamma;
    }

    @Override
    protected double restartLr(int group, double current) {
        return baseLr(group) * Math.pow(gamma, lastEpoch / stepSize);
    }
}
