package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.function.BinaryOperator;

/**
 * {@code max(margin + d(a, p) - d(a, n), 0)} with a distance function of one's own, as
 * {@code torch.nn.TripletMarginWithDistanceLoss} (the pairwise Euclidean distance, margin 1, no swap, mean by
 * default); {@code forward(anchor, positive, negative)}.
 */
public class TripletMarginWithDistanceLoss extends ThreeInputLoss {
    /** The Euclidean distance, margin 1, no swap, reduced by mean. */
    public TripletMarginWithDistanceLoss() {
        this(null, 1f, false, "mean");
    }

    /** PyTorch's {@code TripletMarginWithDistanceLoss(distance_function, margin, swap, reduction)}; null distance: L2. */
    public TripletMarginWithDistanceLoss(BinaryOperator<Tensor> distance, float margin, boolean swap,
                                         String reduction) {
        super(reduction, (a, p, n) -> Functional.tripletMarginWithDistanceLoss(a, p, n, distance, margin, swap,
                reduction));
    }
}
