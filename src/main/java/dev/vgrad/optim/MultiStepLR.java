package dev.vgrad.optim;

/**
 * Multiplies the learning rate by gamma at each milestone epoch (by gamma^k where a milestone is listed k times), as
 * {@code torch.optim.lr_scheduler.MultiStepLR}.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    /** Decays by PyTorch's default gamma 0.1 at each milestone. */
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    /** Decays by {@code gamma} at each milestone (epochs counted by {@link #step()}). */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        this.milestones = milestones.clone();
        this.gamma = gamma;
    }

    @Override
    protected double nextLr(int group, double current) {
        int times = 0;
        for (int m : milestones) {
            times += m == lastEpoch ? 1 : 0;
        }
        return times == 0 ? current : current * Math.pow(gamma, times);
    }

    @Override
    protected double restartLr(int group, double current) {
        int passed = 0;
        for (int m : milestones) {
            passed += m <= lastEpoch ? 1 : 0;
        }
        return baseLr(group) * Math.pow(gamma, passed);
    }
}
