package dev.vgrad.nn;

/**
 * {@code 0.5 d^2 / beta} where |d| < beta, else {@code |d| - beta / 2}, d = input - target, as
 * {@code torch.nn.SmoothL1Loss} (mean reduction and beta 1 by default).
 */
public class SmoothL1Loss extends Criterion {
    /** Reduced by mean, beta 1. */
    public SmoothL1Loss() {
        this("mean", 1f);
    }

    /** Reduced as given ("mean", "sum" or "none"), with the given beta (not negative). */
    public SmoothL1Loss(String reduction, float beta) {
        super(reduction, (input, target, mode) -> Functional.smoothL1Loss(input, target, reduction, beta));
        if (!(beta >= 0f)) {
            throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta, got " + beta);
        }
    }
}
