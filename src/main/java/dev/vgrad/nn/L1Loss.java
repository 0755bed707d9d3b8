package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The mean absolute error, as {@code torch.nn.L1Loss}. */
public class L1Loss extends Criterion {
    /** Reduced by mean. */
    public L1Loss() {
        this(Loss.Reduction.MEAN);
    }

    /** Reduced as given. */
    public L1Loss(Loss.Reduction reduction) {
        super(reduction, Loss::l1Loss);
    }
}
