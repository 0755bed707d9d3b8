package dev.vgrad.distributions.constraints;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;

/**
 * Cholesky factors of correlation matrices (PyTorch's {@code constraints.corr_cholesky}): lower triangular, a positive
 * diagonal, and every row of unit length within {@code 10 n eps}.
 */
public final class CorrCholesky extends Constraint {
    CorrCholesky() {}

    @Override
    public Tensor check(Tensor value) {
        Matrices.require(value, this);
        float tolerance = Math.ulp(1f) * value.size(-1) * 10;
        Tensor rowNorm = Linalg.vectorNorm(value.detach(), 2, new int[] {-1}, false);
        Tensor unitRows = rowNorm.sub(1f).abs().le(tolerance).all(-1, false);
        return Matrices.lowerCholesky(value).logicalAnd(unitRows);
    }

    @Override
    public int eventDim() {
        return 2;
    }
}
