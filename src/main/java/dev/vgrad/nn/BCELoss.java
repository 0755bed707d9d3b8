package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The binary cross entropy of probabilities, as {@code torch.nn.BCELoss}. */
public class BCELoss extends Criterion {
    /** Reduced by mean. */
    public BCELoss() {
        this("mean");
    }

    /** Reduced as given: "mean", "sum" or "none". */
    public BCELoss(String reduction) {
        super(reduction, Loss::binaryCrossEntropy);
    }
}
