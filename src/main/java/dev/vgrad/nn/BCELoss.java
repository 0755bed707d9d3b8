package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The binary cross entropy of probabilities, as {@code torch.nn.BCELoss}. */
public class BCELoss extends Criterion {
    /** Reduced by mean. */
    public BCELoss() {
        this(Loss.Reduction.MEAN);
    }

    /** Reduced as given. */
    public BCELoss(Loss.Reduction reduction) {
        super(reduction, Loss::binaryCrossEntropy);
    }
}
