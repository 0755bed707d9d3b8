package dev.vgrad.optim;

/**
 * The one-cycle policy, as {@code torch.optim.lr_scheduler.OneCycleLR}, stepped once per batch: the rate climbs from
 * maxLr / divFactor to maxLr over the first pctStart of totalSteps, then anneals to that start / finalDivFactor
 * (with threePhase, back down to the start first, then to the minimum); the momentum (SGD's and RMSprop's momentum,
 * the Adam family's beta1) moves the opposite way between maxMomentum and baseMomentum. Construction sets both to
 * their step-0 values, as PyTorch's does; the optimizer's own learning rate is not used. Every parameter group follows
 * the same cycle, to one peak rate or to its own, between one pair of momenta or its own.
 */
public final class OneCycleLR extends LRScheduler {
    private final int totalSteps;
    private final boolean cos;
    private final boolean cycleMomentum;
    /** Per parameter group, per phase: end step, start and end rate, start and end momentum. */
    private final double[][][] phases;

    /** PyTorch's defaults: pct_start 0.3, cosine annealing, momentum cycled 0.95 -> 0.85, div 25, final div 1e4. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, "cos", true, 0.85, 0.95, 25.0, 1e4, false);
    }

    /**
     * PyTorch's {@code OneCycleLR(optimizer, max_lr, total_steps, pct_start, anneal_strategy, cycle_momentum,
     * base_momentum, max_momentum, div_factor, final_div_factor, three_phase)}.
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, String annealStrategy,
                      boolean cycleMomentum, double baseMomentum, double maxMomentum, double divFactor,
                      double finalDivFactor, boolean threePhase) {
        this(optimizer, everyGroup(optimizer, maxLr), totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum,
                maxMomentum, divFactor, finalDivFactor, threePhase);
    }

    /** As above with one peak rate per parameter group, as PyTorch's {@code max_lr} list. */
    public OneCycleLR(Optimizer optimizer, double[] maxLrs, int totalSteps, double pctStart, String annealStrategy,
                      boolean cycleMomentum, double baseMomentum, double maxMomentum, double divFactor,
                      double finalDivFactor, boolean threePhase) {
        this(optimizer, maxLrs, totalSteps, pctStart, annealStrategy, cycleMomentum, everyGroup(optimizer,
                baseMomentum), everyGroup(optimizer, maxMomentum), divFactor, finalDivFactor, threePhase);
    }

    /**
     * As above with one peak rate and one pair of momenta per parameter group, as PyTorch's {@code max_lr},
     * {@code base_momentum} and {@code max_momentum} lists.
     */
    public OneCycleLR(Optimizer optimizer, double[] maxLrs, int totalSteps, double pctStart, String annealStrategy,
                      boolean cycleMomentum, double[] baseMomentum, double[] maxMomentum, double divFactor,
                      double finalDivFactor, boolean threePhase) {
        super(optimizer);
        if (maxLrs.length != groupCount() || baseMomentum.length != groupCount()
                || maxMomentum.length != groupCount()) {
            throw new IllegalArgumentException("expected " + groupCount() + " values for max_lr, base_momentum and "
                    + "max_momentum, got " + maxLrs.length + ", " + baseMomentum.length + " and " + maxMomentum.length);
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("Expected positive integer total_steps, but got " + totalSteps);
        }
        if (!(pctStart >= 0 && pctStart <= 1)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + pctStart);
        }
        if (!annealStrategy.equals("cos") && !annealStrategy.equals("linear")) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got "
                    + annealStrategy);
        }
        this.totalSteps = totalSteps;
        this.cos = annealStrategy.equals("cos");
        this.cycleMomentum = cycleMomentum;
        double rise = pctStart * totalSteps - 1;
        this.phases = new double[maxLrs.length][][];
        for (int g = 0; g < maxLrs.length; g++) {
            double maxLr = maxLrs[g], initial = maxLr / divFactor, min = initial / finalDivFactor;
            double top = maxMomentum[g], bottom = baseMomentum[g];
            phases[g] = threePhase
                    ? new double[][] {{rise, initial, maxLr, top, bottom},
                        {2 * pctStart * totalSteps - 2, maxLr, initial, bottom, top},
                        {totalSteps - 1, initial, min, top, top}}
                    : new double[][] {{rise, initial, maxLr, top, bottom},
                        {totalSteps - 1, maxLr, min, bottom, top}};
        }
        for (int g = 0; cycleMomentum && g < groupCount(); g++) {
            if (!optimizer.groupList().get(g).cycleMomentum(maxMomentum[g])) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option "
                        + "enabled");
            }
        }
        applyStart();
    }

    @Override
    protected double startLr(int group, double current) {
        return at(group, 0);
    }

    @Override
    protected double nextLr(int group, double current) {
        if (lastEpoch > totalSteps) {
            throw new IllegalStateException("Tried to step " + lastEpoch + " times. The specified number of total "
                    + "steps is " + totalSteps);
        }
        return at(group, lastEpoch);
    }

    /**
     * Restores a state dict, and the momentum the schedule had set at that step (optimizer state dicts keep the
     * learning rate, not the cycled momentum).
     */
    @Override
    public void loadStateDict(java.util.Map<String, dev.vgrad.Tensor> saved) {
        super.loadStateDict(saved);
        for (int g = 0; g < groupCount(); g++) {
            at(g, lastEpoch);
        }
    }

    /** The rate at a step, setting the cycled momentum too, as PyTorch's get_lr does. */
    private double at(int group, int step) {
        double start = 0;
        double[][] mine = phases[group];
        for (int i = 0; i < mine.length; i++) {
            double[] phase = mine[i];
            if (step <= phase[0] || i == mine.length - 1) {
                double pct = (step - start) / (phase[0] - start);
                if (cycleMomentum) {
                    optimizer.groupList().get(group).cycleMomentum(anneal(phase[3], phase[4], pct));
                }
                return anneal(phase[1], phase[2], pct);
            }
            start = phase[0];
        }
        throw new AssertionError("no phase");
    }

    private double anneal(double start, double end, double pct) {
        return cos ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
    }
}
