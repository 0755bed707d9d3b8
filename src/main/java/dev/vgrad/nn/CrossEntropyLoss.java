package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The cross entropy of logits [N, C] against class indices [N], as {@code torch.nn.CrossEntropyLoss}. */
public class CrossEntropyLoss extends Criterion {
    /** Reduced by mean. */
    public CrossEntropyLoss() {
        this(Loss.Reduction.MEAN);
    }

    /** Reduced as given. */
    public CrossEntropyLoss(Loss.Reduction reduction) {
        super(reduction, Loss::crossEntropy);
    }
}
