package dev.vgrad.nn;

import dev.vgrad.Loss;
import dev.vgrad.Tensor;

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

    /**
     * PyTorch's {@code CrossEntropyLoss(weight, ignore_index, reduction, label_smoothing)}: class weights ([C], or
     * null; kept as the buffer "weight", as torch keeps them), a target value to ignore (torch's default is -100) and
     * label smoothing in [0, 1].
     */
    public CrossEntropyLoss(Tensor weight, int ignoreIndex, String reduction, float labelSmoothing) {
        super(reduction, (input, target, mode) -> Functional.crossEntropy(input, target, weight, reduction, ignoreIndex,
                labelSmoothing));
        if (weight != null) {
            registerBuffer("weight", weight);
        }
    }
}
