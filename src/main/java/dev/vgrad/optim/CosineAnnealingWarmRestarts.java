package dev.vgrad.optim;

import dev.vgrad.Tensor;

/**
 * SGDR: a cosine from the base rate down to etaMin over t0 epochs, then a restart at the base rate for a cycle tMult
 * times longer, and so on, as {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts} (stepped once per epoch).
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {
    private final int t0;
    private final int tMult;
    private final double etaMin;
    private int tCur;
    private int tI;

    /** Restarts every {@code t0} epochs, down to 0. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0) {
        this(optimizer, t0, 1, 0);
    }

    /** The first cycle {@code t0} epochs, each next one tMult times longer, down to etaMin. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
        super(optimizer);
        if (t0 <= 0) {
            throw new IllegalArgumentException("Expected positive integer T_0, but got " + t0);
        }
        if (tMult < 1) {
            throw new IllegalArgumentException("Expected integer T_mult >= 1, but got " + tMult);
        }
        this.t0 = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        this.tI = t0;
    }

    /** One epoch further into the cycle, a restart at its end (once per step, for every group). */
    @Override
    protected void advance() {
        tCur++;
        if (tCur >= tI) {
            tCur -= tI;
            tI *= tMult;
        }
    }

    @Override
    protected double nextLr(int group, double current) {
        return etaMin + (baseLr(group) - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    /** PyTorch's step(0): the first cycle again, from its start. */
    @Override
    protected double restartLr(int group, double current) {
        tCur = 0;
        tI = t0;
        return etaMin + (baseLr(group) - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    /** Restores a state dict, and the position within the current cycle that its epoch count implies. */
    @Override
    public void loadStateDict(java.util.Map<String, Tensor> saved) {
        super.loadStateDict(saved);
        tCur = 0;
        tI = t0;
        for (int e = 0; e < lastEpoch; e++) {
            advance();
        }
    }
}
