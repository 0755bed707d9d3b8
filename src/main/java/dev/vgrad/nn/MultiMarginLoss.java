package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The multi-class hinge loss of scores [N, C] against class indices [N], as {@code torch.nn.MultiMarginLoss} (p 1,
 * margin 1, no class weights, mean by default).
 */
public class MultiMarginLoss extends Criterion {
    /** p 1, margin 1, no weights, reduced by mean. */
    public MultiMarginLoss() {
        this(1, 1f, null, "mean");
    }

    /** p (1 or 2), margin, class weights [C] (null for none), reduced as given ("mean", "sum" or "none"). */
    public MultiMarginLoss(int p, float margin, Tensor weight, String reduction) {
        super(reduction, (input, target, mode) -> Functional.multiMarginLoss(input, target, p, margin, weight, reduction));
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("only p == 1 and p == 2 supported, got " + p);
        }
    }
}
