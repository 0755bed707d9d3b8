package dev.vgrad.nn;

/**
 * {@code 1 - cos(x1, x2)} where y is 1 and {@code max(0, cos(x1, x2) - margin)} where y is -1, as
 * {@code torch.nn.CosineEmbeddingLoss} (margin 0, mean by default).
 */
public class CosineEmbeddingLoss extends ThreeInputLoss {
    /** Margin 0, reduced by mean. */
    public CosineEmbeddingLoss() {
        this(0f, "mean");
    }

    /** The given margin, reduced as given; {@code forward(x1, x2, y)} with y of +-1. */
    public CosineEmbeddingLoss(float margin, String reduction) {
        super(reduction, (x1, x2, y) -> Functional.cosineEmbeddingLoss(x1, x2, y, margin, reduction));
    }
}
