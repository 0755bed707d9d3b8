package dev.vgrad.nn;

/** {@code max(0, -y (x1 - x2) + margin)}, as {@code torch.nn.MarginRankingLoss} (margin 0, mean by default). */
public class MarginRankingLoss extends ThreeInputLoss {
    /** Margin 0, reduced by mean. */
    public MarginRankingLoss() {
        this(0f, "mean");
    }

    /** The given margin, reduced as given; {@code forward(x1, x2, y)} with y of +-1. */
    public MarginRankingLoss(float margin, String reduction) {
        super(reduction, (x1, x2, y) -> Functional.marginRankingLoss(x1, x2, y, margin, reduction));
    }
}
