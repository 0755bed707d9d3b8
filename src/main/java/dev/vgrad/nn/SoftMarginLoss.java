package dev.vgrad.nn;

/** {@code log(1 + e^(-y x))} for targets y of +-1, as {@code torch.nn.SoftMarginLoss} (mean by default). */
public class SoftMarginLoss extends Criterion {
    /** Reduced by mean. */
    public SoftMarginLoss() {
        this("mean");
    }

    /** Reduced as given ("mean", "sum" or "none"). */
    public SoftMarginLoss(String reduction) {
        super(reduction, (input, target, mode) -> Functional.softMarginLoss(input, target, reduction));
    }
}
