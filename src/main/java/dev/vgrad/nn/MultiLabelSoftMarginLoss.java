package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The binary cross entropy of every label of a multi-label 0/1 target [N, C], averaged over the classes, as
 * {@code torch.nn.MultiLabelSoftMarginLoss} (mean over the samples by default).
 */
public class MultiLabelSoftMarginLoss extends Criterion {
    /** No class weights, reduced by mean. */
    public MultiLabelSoftMarginLoss() {
        this(null, "mean");
    }

    /** Class weights [C] (null for none), reduced as given ("mean", "sum" or "none"). */
    public MultiLabelSoftMarginLoss(Tensor weight, String reduction) {
        super(reduction, (input, target, mode) -> Functional.multilabelSoftMarginLoss(input, target, weight, reduction));
    }
}
