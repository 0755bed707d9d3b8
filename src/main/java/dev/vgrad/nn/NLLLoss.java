package dev.vgrad.nn;

import dev.vgrad.Loss;

/** The negative log likelihood of log-probabilities [N, C] at class indices [N], as {@code torch.nn.NLLLoss}. */
public class NLLLoss extends Criterion {
    /** Reduced by mean. */
    public NLLLoss() {
        this("mean");
    }

    /** Reduced as given: "mean", "sum" or "none". */
    public NLLLoss(String reduction) {
        super(reduction, Loss::nllLoss);
    }
}
