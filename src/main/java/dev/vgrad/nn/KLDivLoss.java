package dev.vgrad.nn;

/**
 * The KL divergence of a target distribution from log-probabilities input, as {@code torch.nn.KLDivLoss} (mean by
 * default, as torch 1.13; "batchmean" is the divergence proper; the target as probabilities unless logTarget).
 */
public class KLDivLoss extends Criterion {
    private final String reduction;

    /** Reduced by mean, the target as probabilities. */
    public KLDivLoss() {
        this("mean", false);
    }

    /** Reduced as given ("mean", "batchmean", "sum" or "none"), the target as log-probabilities when logTarget. */
    public KLDivLoss(String reduction, boolean logTarget) {
        super("batchmean".equals(reduction) ? "sum" : reduction,
                (input, target, mode) -> Functional.klDiv(input, target, reduction, logTarget));
        this.reduction = reduction;
    }

    /** How this loss reduces: "mean", "batchmean", "sum" or "none". */
    @Override
    public String reduction() {
        return reduction;
    }
}
