package dev.vgrad.blas;

import dev.vgrad.kernels.Blas;
import dev.vgrad.kernels.Blas.Layout;

/**
 * The column-major Level 3 routines beyond gemm. The symmetric or triangular operand is expanded into a full
 * column-major matrix (O(n^2) memory against O(n^3) arithmetic) so that the product runs on vgrad's SGEMM;
 * strsm solves column by column (or row by row from the right) as the reference BLAS does.
 */
final class Level3 {
    private Level3() {}

    /** The n x n symmetric matrix whose stored triangle is at a, as a full column-major matrix. */
    static float[] symmetric(boolean upper, int n, float[] a, int oa, int lda) {
        float[] full = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = upper ? 0 : j; i <= (upper ? j : n - 1); i++) {
                float v = a[oa + i + j * lda];
                full[i + j * n] = v;
                full[j + i * n] = v;
            }
        }
        return full;
    }

    /** The n x n triangular matrix at a (zeros outside the triangle, ones on a unit diagonal), full. */
    static float[] triangular(boolean upper, boolean unit, int n, float[] a, int oa, int lda) {
        float[] full = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = upper ? 0 : j; i <= (upper ? j : n - 1); i++) {
                full[i + j * n] = i == j && unit ? 1f : a[oa + i + j * lda];
            }
        }
        return full;
    }

    /** C = alpha * A * B + beta * C (left) or alpha * B * A + beta * C (right), A symmetric. */
    static void ssymm(boolean left, boolean upper, int m, int n, float alpha, float[] a, int oa, int lda,
                      float[] b, int ob, int ldb, float beta, float[] c, int oc, int ldc) {
        int na = left ? m : n;
        float[] full = symmetric(upper, na, a, oa, lda);
        if (left) {
            Blas.sgemm(Layout.COLUMN_MAJOR, false, false, m, n, m, alpha, full, 0, na, b, ob, ldb, beta, c, oc, ldc);
        } else {
            Blas.sgemm(Layout.COLUMN_MAJOR, false, false, m, n, n, alpha, b, ob, ldb, full, 0, na, beta, c, oc, ldc);
        }
    }

    /**
     * The uplo triangle of C = alpha * (A * B^T + B * A^T) + beta * C (trans: A^T * B + B^T * A), or with b == null
     * C = alpha * A * A^T + beta * C (ssyrk).
     */
    static void syrk(boolean upper, boolean trans, int n, int k, float alpha, float[] a, int oa, int lda,
                     float[] b, int ob, int ldb, float beta, float[] c, int oc, int ldc) {
        float[] t = new float[n * n];
        if (alpha != 0f && k > 0) {
            float[] right = b == null ? a : b;
            int oRight = b == null ? oa : ob, ldRight = b == null ? lda : ldb;
            // t = op(A) * op(B)^T, with op(X) = X (n x k) or X^T (X stored k x n).
            Blas.sgemm(Layout.COLUMN_MAJOR, trans, !trans, n, n, k, 1f, a, oa, lda, right, oRight, ldRight, 0f, t, 0, n);
        }
        for (int j = 0; j < n; j++) {
            for (int i = upper ? 0 : j; i <= (upper ? j : n - 1); i++) {
                int p = oc + i + j * ldc;
                float prod = b == null ? t[i + j * n] : t[i + j * n] + t[j + i * n];
                float prior = beta == 0f ? 0f : beta * c[p];
                c[p] = alpha == 0f || k == 0 ? prior : alpha * prod + prior;
            }
        }
    }

    /** B = alpha * op(A) * B (left) or alpha * B * op(A) (right), A triangular. */
    static void strmm(boolean left, boolean upper, boolean trans, boolean unit, int m, int n, float alpha,
                      float[] a, int oa, int lda, float[] b, int ob, int ldb) {
        if (alpha == 0f) {
            zero(m, n, b, ob, ldb);
            return;
        }
        int na = left ? m : n;
        float[] full = triangular(upper, unit, na, a, oa, lda);
        float[] copy = new float[m * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(b, ob + j * ldb, copy, j * m, m);
        }
        if (left) {
            Blas.sgemm(Layout.COLUMN_MAJOR, trans, false, m, n, m, alpha, full, 0, na, copy, 0, m, 0f, b, ob, ldb);
        } else {
            Blas.sgemm(Layout.COLUMN_MAJOR, false, trans, m, n, n, alpha, copy, 0, m, full, 0, na, 0f, b, ob, ldb);
        }
    }

    /** Solves op(A) * X = alpha * B (left) or X * op(A) = alpha * B (right) for X, written over B. */
    static void strsm(boolean left, boolean upper, boolean trans, boolean unit, int m, int n, float alpha,
                      float[] a, int oa, int lda, float[] b, int ob, int ldb) {
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha == 0f) {
            zero(m, n, b, ob, ldb);
            return;
        }
        if (alpha != 1f) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    b[ob + i + j * ldb] *= alpha;
                }
            }
        }
        if (left) {
            Storage s = Storage.full(upper, m, oa, lda);
            for (int j = 0; j < n; j++) {
                Level2.trsv(s, trans, unit, a, b, ob + j * ldb, 1);
            }
        } else {
            // X * op(A) = B row by row is op(A)^T * x^T = b^T: a solve with the transpose flag flipped.
            Storage s = Storage.full(upper, n, oa, lda);
            for (int i = 0; i < m; i++) {
                Level2.trsv(s, !trans, unit, a, b, ob + i, ldb);
            }
        }
    }

    private static void zero(int m, int n, float[] b, int ob, int ldb) {
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(b, ob + j * ldb, ob + j * ldb + m, 0f);
        }
    }
}
