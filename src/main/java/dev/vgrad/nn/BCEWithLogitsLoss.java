package dev.vgrad.nn;

import dev.vgrad.Loss;
import dev.vgrad.Tensor;

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

    /**
     * PyTorch's {@code BCEWithLogitsLoss(weight, reduction, pos_weight)}: a per-element weight and a weight for the
     * positive class (typically [C], broadcast against the logits), either null; kept as buffers "weight" and
     * "pos_weight", as torch keeps them.
     */
    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(reduction, (input, target, mode) -> Functional.binaryCrossEntropyWithLogits(input, target, weight,
                posWeight, reduction));
        if (weight != null) {
            registerBuffer("weight", weight);
        }
        if (posWeight != null) {
            registerBuffer("pos_weight", posWeight);
        }
    }
}
