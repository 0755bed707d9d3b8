package dev.vgrad.blas;

import dev.vgrad.Tensor;
import dev.vgrad.kernels.Sgemm;
import org.ejml.MatrixDimensionException;
import org.ejml.data.FMatrixRMaj;

/**
 * Bridges to EJML: vgrad tensors and {@link FMatrixRMaj} share their data where the layout allows (both are
 * row-major), and EJML-style products run on vgrad's SGEMM instead of {@code CommonOps_FDRM}.
 */
public final class Ejml {
    private Ejml() {}

    /** The matrix as a [rows, cols] tensor over the same array: no copy. */
    public static Tensor toTensor(FMatrixRMaj m) {
        return Tensor.wrap(m.data, m.numRows, m.numCols);
    }

    /**
     * The 2-D tensor as a matrix: over the same array when the tensor is contiguous from offset 0, else over a
     * row-major copy.
     */
    public static FMatrixRMaj toMatrix(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("toMatrix needs a 2-D tensor, got shape " + java.util.Arrays.toString(t.shape()));
        }
        float[] shared = t.sharedArray();
        return FMatrixRMaj.wrap(t.size(0), t.size(1), shared != null ? shared : t.toArray());
    }

    /** {@code c = a * b}, c reshaped to fit (as {@code CommonOps_FDRM.mult}). */
    public static FMatrixRMaj mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        return gemm(1f, a, false, b, false, c);
    }

    /** {@code c = alpha * a * b}. */
    public static FMatrixRMaj mult(float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        return gemm(alpha, a, false, b, false, c);
    }

    /** {@code c = a^T * b}. */
    public static FMatrixRMaj multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        return gemm(1f, a, true, b, false, c);
    }

    /** {@code c = a * b^T}. */
    public static FMatrixRMaj multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        return gemm(1f, a, false, b, true, c);
    }

    /** {@code c = a^T * b^T}. */
    public static FMatrixRMaj multTransAB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        return gemm(1f, a, true, b, true, c);
    }

    private static FMatrixRMaj gemm(float alpha, FMatrixRMaj a, boolean ta, FMatrixRMaj b, boolean tb, FMatrixRMaj c) {
        if (a == c || b == c) {
            throw new IllegalArgumentException("Neither 'a' or 'b' can be the same matrix as 'c'");
        }
        int m = ta ? a.numCols : a.numRows, k = ta ? a.numRows : a.numCols;
        int kb = tb ? b.numCols : b.numRows, n = tb ? b.numRows : b.numCols;
        if (k != kb) {
            throw new MatrixDimensionException("The inner dimensions of 'a' (" + a.numRows + "x" + a.numCols
                    + (ta ? ", transposed" : "") + ") and 'b' (" + b.numRows + "x" + b.numCols
                    + (tb ? ", transposed" : "") + ") do not match: " + k + " vs " + kb);
        }
        if (c == null) {
            c = new FMatrixRMaj(m, n);
        } else {
            c.reshape(m, n);
        }
        Sgemm.sgemm(ta, tb, m, n, k, alpha, a.data, 0, Math.max(1, a.numCols), b.data, 0, Math.max(1, b.numCols), 0f,
                c.data, 0, Math.max(1, n));
        return c;
    }
}
