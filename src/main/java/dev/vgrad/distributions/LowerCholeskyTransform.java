package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * Unconstrained square matrices to lower-triangular ones with a positive diagonal (the strict lower triangle kept,
 * the diagonal exponentiated), as {@code torch.distributions.transforms.LowerCholeskyTransform}
 * ({@code transform_to(lower_cholesky)}): not bijective (what lies above the diagonal is dropped) and without
 * log |det J|, as in PyTorch.
 */
public final class LowerCholeskyTransform extends ParameterlessTransform {
    private static final Constraint MATRICES = Constraints.independent(Constraints.REAL, 2);

    /** Without a cache. */
    public LowerCholeskyTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public LowerCholeskyTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.tril(-1).add(x.diagonal(0, -2, -1).exp().diagEmbed());
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.tril(-1).add(y.diagonal(0, -2, -1).log().diagEmbed());
    }

    @Override
    public Constraint domain() {
        return MATRICES;
    }

    @Override
    public Constraint codomain() {
        return Constraints.LOWER_CHOLESKY;
    }
}
