package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import java.util.Arrays;

/** What the matrix kinds share: their events are the last two dimensions. */
final class Matrices {
    private Matrices() {}

    /** Refuses a value of fewer than two dimensions, naming the constraint and the shape. */
    static void require(Tensor value, Constraint kind) {
        if (value.dim() < 2) {
            throw new IllegalArgumentException(kind + ".check: expected matrices (at least 2 dimensions), got shape "
                    + Arrays.toString(value.shape()));
        }
    }

    /** 1 for each matrix whose elements above the diagonal are all 0. */
    static Tensor lowerTriangular(Tensor value) {
        return value.tril(0).eq(value).flatten(-2, -1).all(-1, false);
    }

    /** 1 for each matrix that is lower triangular with a positive diagonal. */
    static Tensor lowerCholesky(Tensor value) {
        return lowerTriangular(value).logicalAnd(value.diagonal(0, -2, -1).gt(0f).all(-1, false));
    }

    /** 1 for each matrix when they are square, 0 for each when not (a shape's property: all or none). */
    static Tensor square(Tensor value) {
        int[] s = value.shape();
        int[] batch = Arrays.copyOf(s, s.length - 2);
        return Tensor.full(s[s.length - 2] == s[s.length - 1] ? 1f : 0f, batch);
    }

    /**
     * PyTorch's checks of the symmetric kinds: the symmetric check where any matrix fails it, else {@code then} of the
     * matrices (the eigenvalues' or the Cholesky factorization's verdict).
     */
    static Tensor ifSymmetric(Tensor value, java.util.function.UnaryOperator<Tensor> then) {
        Tensor symmetric = symmetric(value);
        if (symmetric.numel() > 0 && symmetric.all().item() == 0f) {
            return symmetric;
        }
        return then.apply(value);
    }

    /** Square, and equal to its transpose within PyTorch's isclose(atol 1e-6); the square check where not square. */
    static Tensor symmetric(Tensor value) {
        Tensor square = square(value);
        if (square.numel() > 0 && square.all().item() == 0f) {
            return square;
        }
        return value.isclose(value.mT(), 1e-5, 1e-6, false).all(-2, false).all(-1, false);
    }
}
