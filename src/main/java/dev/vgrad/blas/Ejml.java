package dev.vgrad.blas;

import dev.vgrad.kernels.Sgemm;
import org.ejml.MatrixDimensionException;
import org.ejml.data.FMatrixRMaj;

/**
 * EJML-style products on {@link FMatrixRMaj} that run on vgrad's SGEMM instead of {@code CommonOps_FDRM}. (Tensors
 * and matrices sharing their data: {@code dev.vgrad.io.EjmlTensors}, above the tensor layer.)
 */
public final class Ejml {
    private Ejml() {}

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
