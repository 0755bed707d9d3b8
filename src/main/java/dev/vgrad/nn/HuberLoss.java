package dev.vgrad.nn;

/**
 * {@code 0.5 d^2} where |d| < delta, else {@code delta (|d| - delta / 2)}, d = input - target, as
 * {@code torch.nn.HuberLoss} (mean reduction and delta 1 by default).
 */
public class HuberLoss extends Criterion {
    /** Reduced by mean, delta 1. */
    public HuberLoss() {
        this("mean", 1f);
    }

    /** Reduced as given ("mean", "sum" or "none"), with the given delta (positive). */
    public HuberLoss(String reduction, float delta) {
        super(reduction, (input, target, mode) -> Functional.huberLoss(input, target, reduction, delta));
        if (!(delta > 0f)) {
            throw new IllegalArgumentException("huber_loss does not support non-positive values for delta, got "
                    + delta);
        }
    }
}
