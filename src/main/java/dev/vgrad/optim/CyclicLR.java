package dev.vgrad.optim;

import java.util.function.DoubleUnaryOperator;

/**
 * The cyclical learning rate policy (Smith), as {@code torch.optim.lr_scheduler.CyclicLR}, stepped once per batch: the
 * rate climbs from baseLr to maxLr over stepSizeUp steps and falls back over stepSizeDown, the cycle's height scaled by
 * the mode ("triangular": constant; "triangular2": halved each cycle; "exp_range": gamma^step) or by a function of the
 * cycle or step count. With cycleMomentum (PyTorch's default) the momentum of SGD or RMSprop moves the opposite way,
 * between maxMomentum and baseMomentum. Construction sets the rate to baseLr and the momentum to maxMomentum; the
 * optimizer's own rate is not used. Every parameter group cycles between the same two rates, or between its own.
 */
public final class CyclicLR extends LRScheduler {
    private final double[] cycleBases;
    private final double[] maxLrs;
    private final double totalSize;
    private final double stepRatio;
    private final DoubleUnaryOperator scaleFn;
    private final boolean scaleByCycle;
    private final boolean cycleMomentum;
    private final double[] baseMomentum;
    private final double[] maxMomentum;

    /** PyTorch's defaults: triangular cycles of 2000 steps up and 2000 down, momentum cycled 0.9 -> 0.8. */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr) {
        this(optimizer, baseLr, maxLr, 2000, -1, "triangular", 1.0, true, 0.8, 0.9);
    }

    /**
     * PyTorch's {@code CyclicLR(optimizer, base_lr, max_lr, step_size_up, step_size_down, mode, gamma,
     * cycle_momentum=..., base_momentum, max_momentum)}; a negative {@code stepSizeDown} is PyTorch's None (as long
     * as the way up).
     */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, String mode,
                    double gamma, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        this(optimizer, baseLr, maxLr, stepSizeUp, stepSizeDown, builtIn(mode, gamma), !mode.equals("exp_range"),
                cycleMomentum, baseMomentum, maxMomentum);
    }

    /** As above with one base and one peak rate per parameter group, as PyTorch's base_lr and max_lr lists. */
    public CyclicLR(Optimizer optimizer, double[] baseLrs, double[] maxLrs, int stepSizeUp, int stepSizeDown,
                    String mode, double gamma, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        this(optimizer, baseLrs, maxLrs, stepSizeUp, stepSizeDown, mode, gamma, cycleMomentum, everyGroup(optimizer,
                baseMomentum), everyGroup(optimizer, maxMomentum));
    }

    /**
     * As above with one pair of momenta per parameter group too, as PyTorch's base_momentum and max_momentum lists.
     */
    public CyclicLR(Optimizer optimizer, double[] baseLrs, double[] maxLrs, int stepSizeUp, int stepSizeDown,
                    String mode, double gamma, boolean cycleMomentum, double[] baseMomentum, double[] maxMomentum) {
        this(optimizer, baseLrs, maxLrs, stepSizeUp, stepSizeDown, builtIn(mode, gamma), !mode.equals("exp_range"),
                cycleMomentum, baseMomentum, maxMomentum);
    }

    /**
     * A cycle scaled by {@code scaleFn} of the cycle number (from 1) where {@code scaleByCycle}, of the step count
     * otherwise: PyTorch's {@code scale_fn} with {@code scale_mode} "cycle" or "iterations".
     */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr, int stepSizeUp, int stepSizeDown,
                    DoubleUnaryOperator scaleFn, boolean scaleByCycle, boolean cycleMomentum, double baseMomentum,
                    double maxMomentum) {
        this(optimizer, everyGroup(optimizer, baseLr), everyGroup(optimizer, maxLr), stepSizeUp, stepSizeDown, scaleFn,
                scaleByCycle, cycleMomentum, everyGroup(optimizer, baseMomentum), everyGroup(optimizer, maxMomentum));
    }

    /** The scale-function form with one base and one peak rate per parameter group. */
    public CyclicLR(Optimizer optimizer, double[] baseLrs, double[] maxLrs, int stepSizeUp, int stepSizeDown,
                    DoubleUnaryOperator scaleFn, boolean scaleByCycle, boolean cycleMomentum, double[] baseMomentum,
                    double[] maxMomentum) {
        // before the base constructor, so that a first schedule records baseLr as the optimizer's initial rate
        requireSizes(stepSizeUp, stepSizeDown);
        int groups = optimizer.paramGroups().size();
        if (baseLrs.length != groups || maxLrs.length != groups || baseMomentum.length != groups
                || maxMomentum.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " values for base_lr, max_lr, base_momentum and "
                    + "max_momentum, got " + baseLrs.length + ", " + maxLrs.length + ", " + baseMomentum.length
                    + " and " + maxMomentum.length);
        }
        if (cycleMomentum && !(optimizer instanceof SGD || optimizer instanceof RMSprop)) {
            throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled"
                    + " (SGD or RMSprop; " + optimizer.getClass().getSimpleName() + " has none)");
        }
        for (int g = 0; g < groups; g++) {
            optimizer.paramGroups().get(g).setLrExact(baseLrs[g]);
        }
        super(optimizer);
        this.cycleBases = baseLrs.clone();
        this.maxLrs = maxLrs.clone();
        double up = stepSizeUp;
        double down = stepSizeDown < 0 ? up : stepSizeDown;
        this.totalSize = up + down;
        this.stepRatio = up / totalSize;
        this.scaleFn = scaleFn;
        this.scaleByCycle = scaleByCycle;
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = baseMomentum.clone();
        this.maxMomentum = maxMomentum.clone();
        applyStart();
    }

    private static void requireSizes(int up, int down) {
        if (up <= 0 || down == 0) {
            throw new IllegalArgumentException("CyclicLR: step_size_up must be positive and step_size_down positive or "
                    + "None, got " + up + " and " + (down < 0 ? "None" : down));
        }
    }

    private static DoubleUnaryOperator builtIn(String mode, double gamma) {
        return switch (mode) {
            case "triangular" -> x -> 1.;
            case "triangular2" -> x -> 1 / Math.pow(2., x - 1);
            case "exp_range" -> x -> Math.pow(gamma, x);
            default -> throw new IllegalArgumentException("mode is invalid and scale_fn is None: " + mode
                    + " (triangular, triangular2 or exp_range)");
        };
    }

    @Override
    protected double startLr(int group, double current) {
        return at(group, 0);
    }

    @Override
    protected double nextLr(int group, double current) {
        return at(group, lastEpoch);
    }

    /** Restores a state dict, and the momentum the schedule had set at that step, as OneCycleLR does. */
    @Override
    public void loadStateDict(java.util.Map<String, dev.vgrad.Tensor> saved) {
        super.loadStateDict(saved);
        for (int g = 0; g < cycleBases.length; g++) {
            at(g, lastEpoch);
        }
    }

    /** The rate at a step, setting the cycled momentum too, as PyTorch's get_lr does. */
    private double at(int group, int step) {
        double cycle = Math.floor(1 + step / totalSize);
        double x = 1. + step / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double scale = scaleFn.applyAsDouble(scaleByCycle ? cycle : step);
        if (cycleMomentum) {
            optimizer.groupList().get(group).cycleMomentum(maxMomentum[group] - (maxMomentum[group]
                    - baseMomentum[group]) * scaleFactor * scale);
        }
        return cycleBases[group] + (maxLrs[group] - cycleBases[group]) * scaleFactor * scale;
    }
}
