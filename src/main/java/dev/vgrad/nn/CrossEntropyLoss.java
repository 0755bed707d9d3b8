package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The cross entropy of logits [N, C] against class indices [N], as {@code torch.nn.CrossEntropyLoss}. */
public class CrossEntropyLoss extends Criterion {
    /** Reduced by mean. */
    public CrossEntropyLoss() {
        this("mean");
    }

    /** Reduced as given: "mean", "sum" or "none". */
    public CrossEntropyLoss(String reduction) {
        super(reduction, Loss::crossEntropy);
    }
}
