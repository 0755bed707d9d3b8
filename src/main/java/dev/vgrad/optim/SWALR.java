package dev.vgrad.optim;

/**
 * Anneals every parameter group's learning rate to a fixed SWA rate over annealEpochs steps, by a cosine or linearly,
 * then holds it, as {@code torch.optim.swa_utils.SWALR} (used with {@link AveragedModel} once averaging starts). Like
 * PyTorch's, it anneals from whatever rate the group has at each step (another schedule's, before it took over).
 */
public final class SWALR extends LRScheduler {
    private final double[] swaLrs;
    private final int annealEpochs;
    private final boolean cos;

    /** Every group to {@code swaLr} by PyTorch's defaults: a cosine over 10 epochs. */
    public SWALR(Optimizer optimizer, double swaLr) {
        this(optimizer, swaLr, 10, "cos");
    }

    /** Every group to {@code swaLr} over {@code annealEpochs} (0: at once), "cos" or "linear". */
    public SWALR(Optimizer optimizer, double swaLr, int annealEpochs, String annealStrategy) {
        this(optimizer, everyGroup(optimizer, swaLr), annealEpochs, annealStrategy);
    }

    /** Group g to {@code swaLrs[g]}: one rate per parameter group. */
    public SWALR(Optimizer optimizer, double[] swaLrs, int annealEpochs, String annealStrategy) {
        super(optimizer);
        if (swaLrs.length != groupCount()) {
            throw new IllegalArgumentException("swa_lr must have the same length as optimizer.param_groups: swa_lr has "
                    + swaLrs.length + ", optimizer.param_groups has " + groupCount());
        }
        if (!annealStrategy.equals("cos") && !annealStrategy.equals("linear")) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got "
                    + annealStrategy);
        }
        if (annealEpochs < 0) {
            throw new IllegalArgumentException("anneal_epochs must be equal or greater than 0, got " + annealEpochs);
        }
        this.swaLrs = swaLrs.clone();
        this.annealEpochs = annealEpochs;
        this.cos = annealStrategy.equals("cos");
        applyStart();
    }

    @Override
    protected double startLr(int group, double current) {
        return at(group, current, 0);
    }

    @Override
    protected double nextLr(int group, double current) {
        return at(group, current, lastEpoch);
    }

    /**
     * PyTorch's get_lr: the rate the group would have started from given the previous step's blend, then this step's
     * blend of it with the SWA rate.
     */
    private double at(int group, double current, int step) {
        if (annealEpochs == 0) {
            step = Math.max(1, step);
        }
        double swaLr = swaLrs[group];
        double prevAlpha = anneal(Math.max(0, Math.min(1, (double) (step - 1) / Math.max(1, annealEpochs))));
        double start = prevAlpha == 1 ? swaLr : (current - prevAlpha * swaLr) / (1 - prevAlpha);
        double alpha = anneal(Math.max(0, Math.min(1, (double) step / Math.max(1, annealEpochs))));
        return swaLr * alpha + start * (1 - alpha);
    }

    private double anneal(double t) {
        return cos ? (1 - Math.cos(Math.PI * t)) / 2 : t;
    }
}
