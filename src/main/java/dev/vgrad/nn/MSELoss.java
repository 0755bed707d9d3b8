package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The mean squared error, as {@code torch.nn.MSELoss}. */
public class MSELoss extends Criterion {
    /** Reduced by mean. */
    public MSELoss() {
        this("mean");
    }

    /** Reduced as given: "mean", "sum" or "none". */
    public MSELoss(String reduction) {
        super(reduction, Loss::mseLoss);
    }
}
