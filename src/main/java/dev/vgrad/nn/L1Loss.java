package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The mean absolute error, as {@code torch.nn.L1Loss}. */
public class L1Loss extends Criterion {
    /** Reduced by mean. */
    public L1Loss() {
        this("mean");
    }

    /** Reduced as given: "mean", "sum" or "none". */
    public L1Loss(String reduction) {
        super(reduction, Loss::l1Loss);
    }
}
