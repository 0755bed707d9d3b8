package dev.vgrad.nn;

/**
 * The multi-label hinge loss, as {@code torch.nn.MultiLabelMarginLoss}: target [N, C] lists each sample's classes
 * ended by -1 (see {@link Functional#multilabelMarginLoss}); mean by default.
 */
public class MultiLabelMarginLoss extends Criterion {
    /** Reduced by mean. */
    public MultiLabelMarginLoss() {
        this("mean");
    }

    /** With PyTorch's reduction keyword. */
    public MultiLabelMarginLoss(String reduction) {
        super(reduction, (input, target, mode) -> Functional.multilabelMarginLoss(input, target, reduction));
    }
}
