package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The mean squared error, as {@code torch.nn.MSELoss}. */
public class MSELoss extends Criterion {
    /** Reduced by mean. */
    public MSELoss() {
        this(Loss.Reduction.MEAN);
    }

    /** Reduced as given. */
    public MSELoss(Loss.Reduction reduction) {
        super(reduction, Loss::mseLoss);
    }
}
