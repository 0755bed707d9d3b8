package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The binary cross entropy of logits, computed stably, as {@code torch.nn.BCEWithLogitsLoss}. */
public class BCEWithLogitsLoss extends Criterion {
    /** Reduced by mean. */
    public BCEWithLogitsLoss() {
        this("mean");
    }

    /** Reduced as given: "mean", "sum" or "none". */
    public BCEWithLogitsLoss(String reduction) {
        super(reduction, Loss::binaryCrossEntropyWithLogits);
    }
}
