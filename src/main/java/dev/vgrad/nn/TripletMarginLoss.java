package dev.vgrad.nn;

/**
 * {@code max(d(a, p) - d(a, n) + margin, 0)} with d the p-norm distance, as {@code torch.nn.TripletMarginLoss}
 * (margin 1, p 2, eps 1e-6, no swap, mean by default).
 */
public class TripletMarginLoss extends ThreeInputLoss {
    /** Margin 1, p 2, eps 1e-6, no swap, reduced by mean. */
    public TripletMarginLoss() {
        this(1f, 2f, 1e-6f, false, "mean");
    }

    /** PyTorch's {@code TripletMarginLoss(margin, p, eps, swap, reduction=reduction)}; {@code forward(a, p, n)}. */
    public TripletMarginLoss(float margin, float p, float eps, boolean swap, String reduction) {
        super(reduction, (a, pos, neg) -> Functional.tripletMarginLoss(a, pos, neg, margin, p, eps, swap, reduction));
    }
}
