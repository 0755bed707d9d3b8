package dev.vgrad.optim;

/** Anneals the learning rate from its base to etaMin along a cosine over tMax epochs (SGDR without restarts). */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private double etaMin;

    /** A cosine over {@code tMax} epochs down to 0. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("T_max must be positive, got " + tMax);
        }
        this.tMax = tMax;
    }

    /** The minimal learning rate (default 0). */
    public CosineAnnealingLR etaMin(float etaMin) {
        this.etaMin = Optimizer.exact(etaMin);
        return this;
    }

    @Override
    protected double nextLr(int group, double current) {
        if ((lastEpoch - 1 - tMax) % (2 * tMax) == 0) {
            return current + (baseLr(group) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                * (current - etaMin) + etaMin;
    }

    @Override
    protected double restartLr(int group, double current) {
        return etaMin + (baseLr(group) - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2;
    }
}
