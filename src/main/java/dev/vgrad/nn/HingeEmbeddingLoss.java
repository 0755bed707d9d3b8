package dev.vgrad.nn;

/**
 * x where y is 1, {@code max(0, margin - x)} where y is -1, as {@code torch.nn.HingeEmbeddingLoss} (margin 1, mean).
 */
public class HingeEmbeddingLoss extends Criterion {
    /** Margin 1, reduced by mean. */
    public HingeEmbeddingLoss() {
        this(1f, "mean");
    }

    /** The given margin, reduced as given ("mean", "sum" or "none"). */
    public HingeEmbeddingLoss(float margin, String reduction) {
        super(reduction, (input, target, mode) -> Functional.hingeEmbeddingLoss(input, target, margin, reduction));
    }
}
