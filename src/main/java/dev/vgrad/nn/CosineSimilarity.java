package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The cosine of the angle between x1 and x2 along a dimension, as {@code torch.nn.CosineSimilarity} (dim 1, eps 1e-8).
 */
public class CosineSimilarity extends Module {
    private final int dim;
    private final float eps;

    /** dim 1, eps 1e-8. */
    public CosineSimilarity() {
        this(1, 1e-8f);
    }

    /** Along dim, each norm clamped to at least eps. */
    public CosineSimilarity(int dim, float eps) {
        this.dim = dim;
        this.eps = eps;
    }

    /** Refused: the similarity takes two inputs. */
    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalArgumentException("CosineSimilarity takes two inputs: call forward(x1, x2)");
    }

    /** x1 and x2, broadcast together. */
    public Tensor forward(Tensor x1, Tensor x2) {
        return Functional.cosineSimilarity(x1, x2, dim, eps);
    }
}
