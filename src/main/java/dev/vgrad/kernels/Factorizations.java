package dev.vgrad.kernels;

/**
 * Dense factorizations of one matrix in double precision: the scalar algorithms behind {@code torch.linalg}'s ops on
 * float tensors. Matrices are row-major {@code double[]}s. The arithmetic is double so that the float results are as
 * accurate as float LAPACK's or better; the algorithms are the textbook ones, chosen for accuracy and plainness over
 * speed (LU with partial pivoting, Cholesky by columns, Householder QR as LAPACK's geqrf, tridiagonal QL for
 * symmetric eigenvalues, one-sided Jacobi for singular values): O(n^3) each, meant for the small and medium matrices
 * autograd users factor, not for large-scale linear algebra.
 */
public final class Factorizations {
    /** Jacobi sweeps before giving up; convergence is quadratic, so well under 20 are used in practice. */
    private static final int MAX_SWEEPS = 80;
    private static final double EPS = 0x1p-52;

    private Factorizations() {}

    /**
     * LU with partial pivoting of {@code a} (n x n) in place, as LAPACK's getrf: L below the diagonal (unit diagonal
     * implied), U on and above it; {@code pivots[k]} is the row swapped with row k at step k. Returns 0, or the
     * 1-based index of the first exactly zero pivot (the factorization still completes, as getrf's does).
     */
    public static int lu(double[] a, int n, int[] pivots) {
        int info = 0;
        for (int k = 0; k < n; k++) {
            int p = k;
            double max = Math.abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(a[i * n + k]);
                if (v > max) {
                    max = v;
                    p = i;
                }
            }
            pivots[k] = p;
            if (p != k) {
                swapRows(a, n, p, k);
            }
            double pivot = a[k * n + k];
            if (pivot == 0) {
                if (info == 0) {
                    info = k + 1;
                }
                continue;
            }
            for (int i = k + 1; i < n; i++) {
                double f = a[i * n + k] / pivot;
                a[i * n + k] = f;
                if (f != 0) {
                    for (int j = k + 1; j < n; j++) {
                        a[i * n + j] -= f * a[k * n + j];
                    }
                }
            }
        }
        return info;
    }

    private static void swapRows(double[] a, int cols, int r, int s) {
        for (int j = 0; j < cols; j++) {
            double t = a[r * cols + j];
            a[r * cols + j] = a[s * cols + j];
            a[s * cols + j] = t;
        }
    }

    /** The determinant from {@link #lu}'s factors: U's diagonal product, negated once per row swap. */
    public static double luDeterminant(double[] lu, int n, int[] pivots) {
        double det = 1;
        for (int k = 0; k < n; k++) {
            det *= lu[k * n + k];
            if (pivots[k] != k) {
                det = -det;
            }
        }
        return det;
    }

    /** Solves A X = B in place of b (n x k) from {@link #lu}'s factors of A. */
    public static void luSolve(double[] lu, int n, int[] pivots, double[] b, int k) {
        for (int i = 0; i < n; i++) {
            if (pivots[i] != i) {
                swapRows(b, k, i, pivots[i]);
            }
        }
        triangularSolve(lu, n, false, true, b, k);
        triangularSolve(lu, n, true, false, b, k);
    }

    /**
     * Solves T X = B in place of b (n x k), T the upper or lower triangle of t (n x n; the other triangle is not read;
     * with {@code unit} its diagonal is taken as ones). A zero on the diagonal gives infinities and NaNs, as LAPACK's
     * trsm does.
     */
    public static void triangularSolve(double[] t, int n, boolean upper, boolean unit, double[] b, int k) {
        for (int step = 0; step < n; step++) {
            int i = upper ? n - 1 - step : step;
            int from = upper ? i + 1 : 0, to = upper ? n : i;
            for (int p = from; p < to; p++) {
                double f = t[i * n + p];
                if (f != 0) {
                    for (int j = 0; j < k; j++) {
                        b[i * k + j] -= f * b[p * k + j];
                    }
                }
            }
            if (!unit) {
                double d = t[i * n + i];
                for (int j = 0; j < k; j++) {
                    b[i * k + j] /= d;
                }
            }
        }
    }

    /**
     * The Cholesky factor L (A = L L^T) of the symmetric matrix whose lower triangle is a's, in place: L in the lower
     * triangle, zeros above. Returns 0, or the order of the first leading minor that is not positive definite (a NaN
     * is carried through, not reported).
     */
    public static int cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j] - dot(a, j * n, a, j * n, j);
            if (d <= 0) {
                return j + 1;
            }
            double l = Math.sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                a[i * n + j] = (a[i * n + j] - dot(a, i * n, a, j * n, j)) / l;
            }
            for (int i = 0; i < j; i++) {
                a[i * n + j] = 0;
            }
        }
        return 0;
    }

    /**
     * Householder QR of a (m x n, overwritten) as LAPACK's geqrf and orgqr compute it, so Q's and R's signs are
     * {@code torch.linalg.qr}'s: a column whose part below the diagonal is already zero is left unreflected. Writes Q
     * (m x qCols, the first qCols columns of H_0 H_1 ... ; qCols is min(m, n), or m for the complete factorization)
     * and R (rRows x n, rRows = qCols, zeros below the diagonal). q may be null when only R is wanted.
     */
    public static void qr(double[] a, int m, int n, double[] q, int qCols, double[] r) {
        int steps = Math.min(m, n);
        double[] tau = new double[steps];
        for (int k = 0; k < steps; k++) {
            double below = 0;
            for (int i = k + 1; i < m; i++) {
                below += a[i * n + k] * a[i * n + k];
            }
            double alpha = a[k * n + k];
            if (below == 0) {
                continue;   // H = I: geqrf's tau = 0
            }
            double beta = -Math.copySign(Math.sqrt(alpha * alpha + below), alpha);
            tau[k] = (beta - alpha) / beta;
            double scale = 1 / (alpha - beta);
            for (int i = k + 1; i < m; i++) {
                a[i * n + k] *= scale;   // v = [1, a[k+1:, k] / (alpha - beta)], stored below the diagonal
            }
            a[k * n + k] = beta;
            reflect(a, n, k, m, k + 1, n, a, n, k, tau[k]);
        }
        int rRows = qCols;
        for (int i = 0; i < rRows; i++) {
            for (int j = 0; j < n; j++) {
                r[i * n + j] = i < m && j >= i ? a[i * n + j] : 0;
            }
        }
        if (q == null) {
            return;
        }
        java.util.Arrays.fill(q, 0, m * qCols, 0);
        for (int j = 0; j < qCols; j++) {
            q[j * qCols + j] = 1;
        }
        for (int k = steps - 1; k >= 0; k--) {
            if (tau[k] != 0) {
                reflect(q, qCols, k, m, k, qCols, a, n, k, tau[k]);
            }
        }
    }

    /**
     * Applies I - tau v v^T to rows k..m-1, columns from..to-1 of x (row length xCols); v is column k of h (row length
     * hCols) from row k + 1 down, with an implied 1 at row k. Row by row: w = v^T X, then X -= tau v w, two passes of
     * contiguous row updates C2 vectorizes (a column walk of a row-major matrix would stride).
     */
    private static void reflect(double[] x, int xCols, int k, int m, int from, int to, double[] h, int hCols,
            int col, double tau) {
        int width = to - from;
        if (width <= 0) {
            return;
        }
        double[] w = new double[width];
        System.arraycopy(x, k * xCols + from, w, 0, width);
        for (int i = k + 1; i < m; i++) {
            double vi = h[i * hCols + col];
            if (vi != 0) {
                for (int j = 0, at = i * xCols + from; j < width; j++) {
                    w[j] += vi * x[at + j];
                }
            }
        }
        for (int j = 0, at = k * xCols + from; j < width; j++) {
            x[at + j] -= tau * w[j];
        }
        for (int i = k + 1; i < m; i++) {
            double f = tau * h[i * hCols + col];
            if (f != 0) {
                for (int j = 0, at = i * xCols + from; j < width; j++) {
                    x[at + j] -= f * w[j];
                }
            }
        }
    }

    /**
     * Eigenvalues (ascending) and orthonormal eigenvectors (the columns of {@code vectors}, n x n) of the symmetric
     * matrix whose lower triangle is a's (a is overwritten), by Householder tridiagonalization and the implicit QL
     * algorithm ({@link SymmetricEigen}). A NaN or infinity anywhere in the lower triangle gives NaN values and
     * vectors.
     */
    public static void symmetricEigen(double[] a, int n, double[] values, double[] vectors) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[j * n + i] = a[i * n + j];
            }
        }
        if (!allFinite(a, n * n)) {
            java.util.Arrays.fill(values, 0, n, Double.NaN);
            java.util.Arrays.fill(vectors, 0, n * n, Double.NaN);
            return;
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(a, i * n, i * n + n);
        }
        SymmetricEigen.decompose(rows, n, values, vectors);
    }

    /**
     * The singular value decomposition A = U diag(s) Vt of a (m x n), by one-sided Jacobi rotations: s descending
     * (k = min(m, n) of them), U m x uCols, Vt vRows x n, where uCols and vRows are k for the reduced factorization
     * or m and n for the full one; the columns of U and rows of Vt past the rank are completed to orthonormal bases.
     * A NaN or infinity in a gives NaNs everywhere.
     */
    public static void svd(double[] a, int m, int n, double[] u, int uCols, double[] s, double[] vt, int vRows) {
        int k = Math.min(m, n);
        if (!allFinite(a, m * n)) {
            java.util.Arrays.fill(u, 0, m * uCols, Double.NaN);
            java.util.Arrays.fill(s, 0, k, Double.NaN);
            java.util.Arrays.fill(vt, 0, vRows * n, Double.NaN);
            return;
        }
        if (m < n) {
            // A^T = U' S V'^T, so A = V' S U'^T: U is V' and Vt is U'^T
            double[] at = transpose(a, m, n), ut = new double[n * vRows], v = new double[m * m];
            svd(at, n, m, ut, vRows, s, v, uCols);
            transposeInto(v, uCols, m, u);
            transposeInto(ut, n, vRows, vt);
            return;
        }
        // m >= n: orthogonalize the columns of W = A, accumulating the rotations in V (n x n). Both are kept
        // transposed, a column to a row, so that every dot product and rotation walks contiguous memory.
        double[][] wt = new double[n][m], vtAll = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                wt[j][i] = a[i * n + j];
            }
            vtAll[j][j] = 1;
        }
        // two columns both at rounding's size (norms near EPS * |A|) need no rotation: their U columns are completed
        double floor = 1e2 * EPS * EPS * sumOfSquares(a, m * n);
        double[] squares = new double[n];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            for (int j = 0; j < n; j++) {   // exact at each sweep's start, updated by each rotation within it
                squares[j] = sumOfSquares(wt[j], 0, m);
            }
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotated |= rotateRows(wt[p], wt[q], vtAll[p], vtAll[q], p, q, squares, floor);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] norms = new double[n];
        for (int j = 0; j < n; j++) {
            norms[j] = Math.sqrt(sumOfSquares(wt[j], 0, m));
        }
        int[] order = sortedOrder(n, j -> norms[j], false);
        // a column left at rounding's size carries no direction of its own: its U column is completed instead
        double noise = 1e2 * EPS * Math.sqrt(sumOfSquares(a, m * n));
        java.util.Arrays.fill(u, 0, m * uCols, 0);
        boolean[] filled = new boolean[uCols];
        for (int c = 0; c < n; c++) {
            int j = order[c];
            s[c] = norms[j];
            System.arraycopy(vtAll[j], 0, vt, c * n, n);
            if (norms[j] > noise) {
                for (int i = 0; i < m; i++) {
                    u[i * uCols + c] = wt[j][i] / norms[j];
                }
                filled[c] = true;
            }
        }
        completeColumns(u, m, uCols, filled);
    }

    /**
     * One Jacobi rotation making the columns wp and wq of A (held as arrays of their own) orthogonal, mirrored on V's
     * columns vp and vq; false when they already are (to rounding). squares holds the columns' sums of squares; the
     * rotation moves t * gamma from one to the other (Hestenes), which spares two of three dot products. Separate
     * arrays let C2 vectorize the rotations (two ranges of one array might overlap, as far as it can tell).
     */
    private static boolean rotateRows(double[] wp, double[] wq, double[] vp, double[] vq, int p, int q,
            double[] squares, double floor) {
        double gamma = dot(wp, wq);
        double alpha = squares[p], beta = squares[q];
        if (Math.abs(gamma) <= floor || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.abs(zeta) > 1e150 ? 0.5 / zeta
                : Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        double c = 1 / Math.sqrt(1 + t * t), s = c * t;
        rotatePair(wp, wq, c, s);
        rotatePair(vp, vq, c, s);
        squares[p] = alpha - t * gamma;
        squares[q] = beta + t * gamma;
        return true;
    }

    private static double dot(double[] x, double[] y) {
        return dot(x, 0, y, 0, x.length);
    }

    /**
     * The dot product of len elements of x and y from their offsets, in four running sums (independent chains of
     * adds; the order is fixed, so the result is too).
     */
    private static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[xOff + i] * y[yOff + i];
            s1 += x[xOff + i + 1] * y[yOff + i + 1];
            s2 += x[xOff + i + 2] * y[yOff + i + 2];
            s3 += x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Rows p and q of a plane rotation: xp = c xp - s xq, xq = s xp + c xq (distinct arrays: C2 vectorizes it). */
    static void rotatePair(double[] xp, double[] xq, double c, double s) {
        for (int i = 0; i < xp.length; i++) {
            double a = xp[i], b = xq[i];
            xp[i] = c * a - s * b;
            xq[i] = s * a + c * b;
        }
    }

    /** Higham's Pade(13) coefficients b_0 .. b_13 (scaling and squaring, 2005). */
    private static final double[] PADE13 = {64764752532480000.0, 32382376266240000.0, 7771770303897600.0,
        1187353796428800.0, 129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
        40840800.0, 960960.0, 16380.0, 182.0, 1.0};
    /** The largest 1-norm at which Pade(13) reaches double precision without scaling. */
    private static final double THETA13 = 5.371920351148152;

    /**
     * The exponential of a (n x n), by scaling and squaring with the Pade(13) approximant (Higham 2005): A / 2^s with
     * its 1-norm at most theta_13, then r(A) = (V - U)^-1 (V + U), squared s times. A NaN or infinity gives NaNs.
     */
    public static double[] matrixExp(double[] a, int n) {
        if (!allFinite(a, n * n)) {
            double[] nan = new double[n * n];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
        double norm = 0;
        for (int j = 0; j < n; j++) {
            double col = 0;
            for (int i = 0; i < n; i++) {
                col += Math.abs(a[i * n + j]);
            }
            norm = Math.max(norm, col);
        }
        int s = norm <= THETA13 ? 0 : (int) Math.ceil(StrictMath.log(norm / THETA13) / StrictMath.log(2));
        double scale = Math.scalb(1.0, -s);
        double[] x = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            x[i] = a[i] * scale;
        }
        double[] x2 = multiply(x, x, n), x4 = multiply(x2, x2, n), x6 = multiply(x4, x2, n);
        double[] inner = new double[n * n], outer = new double[n * n];
        double[] b = PADE13;
        for (int i = 0; i < n * n; i++) {
            inner[i] = b[13] * x6[i] + b[11] * x4[i] + b[9] * x2[i];
            outer[i] = b[12] * x6[i] + b[10] * x4[i] + b[8] * x2[i];
        }
        double[] u6 = multiply(x6, inner, n), v6 = multiply(x6, outer, n);
        double[] uInner = new double[n * n], v = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            uInner[i] = u6[i] + b[7] * x6[i] + b[5] * x4[i] + b[3] * x2[i];
            v[i] = v6[i] + b[6] * x6[i] + b[4] * x4[i] + b[2] * x2[i];
        }
        for (int i = 0; i < n; i++) {
            uInner[i * n + i] += b[1];
            v[i * n + i] += b[0];
        }
        double[] u = multiply(x, uInner, n);
        double[] p = new double[n * n], q = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            p[i] = v[i] + u[i];
            q[i] = v[i] - u[i];
        }
        int[] pivots = new int[n];
        lu(q, n, pivots);
        luSolve(q, n, pivots, p, n);
        for (int k = 0; k < s; k++) {
            p = multiply(p, p, n);
        }
        return p;
    }

    /** a b for n x n row-major a and b, by rows (each row of the product a sum of b's rows). */
    private static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double f = a[i * n + k];
                if (f != 0) {
                    for (int j = 0; j < n; j++) {
                        c[i * n + j] += f * b[k * n + j];
                    }
                }
            }
        }
        return c;
    }

    /**
     * Fills the columns of u (m x cols) not marked filled with unit vectors orthogonal to all the others: each the
     * standard basis vector with the largest part left after removing the filled columns (Gram-Schmidt, twice).
     */
    private static void completeColumns(double[] u, int m, int cols, boolean[] filled) {
        for (int c = 0; c < cols; c++) {
            if (filled[c]) {
                continue;
            }
            double[] best = null;
            double bestNorm = -1;
            for (int e = 0; e < m; e++) {
                double[] x = new double[m];
                x[e] = 1;
                for (int pass = 0; pass < 2; pass++) {
                    for (int o = 0; o < cols; o++) {
                        if (filled[o]) {
                            double dot = 0;
                            for (int i = 0; i < m; i++) {
                                dot += u[i * cols + o] * x[i];
                            }
                            for (int i = 0; i < m; i++) {
                                x[i] -= dot * u[i * cols + o];
                            }
                        }
                    }
                }
                double norm = 0;
                for (double xi : x) {
                    norm += xi * xi;
                }
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = x;
                }
            }
            double scale = 1 / Math.sqrt(bestNorm);
            for (int i = 0; i < m; i++) {
                u[i * cols + c] = best[i] * scale;
            }
            filled[c] = true;
        }
    }

    private static double sumOfSquares(double[] a, int len) {
        return sumOfSquares(a, 0, len);
    }

    private static double sumOfSquares(double[] a, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += a[i] * a[i];
        }
        return s;
    }

    private static boolean allFinite(double[] a, int len) {
        for (int i = 0; i < len; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** a (rows x cols, row-major) transposed. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        transposeInto(a, rows, cols, t);
        return t;
    }

    /** t (cols x rows) = a (rows x cols) transposed. */
    private static void transposeInto(double[] a, int rows, int cols, double[] t) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
    }

    /** The indices 0..n-1 ordered by key, ascending or descending; equal keys keep their order. */
    static int[] sortedOrder(int n, java.util.function.IntToDoubleFunction key, boolean ascending) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> ascending ? Double.compare(key.applyAsDouble(x), key.applyAsDouble(y))
                : Double.compare(key.applyAsDouble(y), key.applyAsDouble(x)));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
