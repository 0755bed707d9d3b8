package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The binary cross entropy of logits, computed stably, as {@code torch.nn.BCEWithLogitsLoss}. */
public class BCEWithLogitsLoss extends Criterion {
    /** Reduced by mean. */
    public BCEWithLogitsLoss() {
        this(Loss.Reduction.MEAN);
    }

    /** Reduced as given. */
    public BCEWithLogitsLoss(Loss.Reduction reduction) {
        super(reduction, Loss::binaryCrossEntropyWithLogits);
    }
}
