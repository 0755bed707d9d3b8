package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The p-norm of x1 - x2 + eps along the last dimension, as {@code torch.nn.PairwiseDistance} (p 2, eps 1e-6). */
public class PairwiseDistance extends Module {
    private final float p, eps;
    private final boolean keepdim;

    /** p 2, eps 1e-6, the last dimension dropped. */
    public PairwiseDistance() {
        this(2f, 1e-6f, false);
    }

    /** The p-norm, eps added to the difference, the last dimension kept as 1 when keepdim. */
    public PairwiseDistance(float p, float eps, boolean keepdim) {
        this.p = p;
        this.eps = eps;
        this.keepdim = keepdim;
    }

    /** Refused: the distance takes two inputs. */
    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalArgumentException("PairwiseDistance takes two inputs: call forward(x1, x2)");
    }

    /** x1 and x2, broadcast together. */
    public Tensor forward(Tensor x1, Tensor x2) {
        return Functional.pairwiseDistance(x1, x2, p, eps, keepdim);
    }
}
