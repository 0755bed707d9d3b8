package dev.vgrad.kernels;

/**
 * The Bunch-Kaufman factorization of a symmetric (possibly indefinite) matrix, A = P L D L^T P^T with D of 1 x 1 and
 * 2 x 2 blocks, and solves with it: LAPACK's sytf2 and sytrs for the lower triangle, step for step (the same pivot
 * tests, interchanges and update order), so that the factors, the pivots and the solutions are LAPACK's for the same
 * input. Row-major doubles; only the lower triangle is read.
 */
public final class SymmetricIndefinite {
    private SymmetricIndefinite() {}

    /** Bunch and Kaufman's growth bound: (1 + sqrt(17)) / 8. */
    private static final double ALPHA = (1 + Math.sqrt(17)) / 8;

    /**
     * Factors the n x n matrix a in place: on return its lower triangle holds L's multipliers below the diagonal
     * (unit diagonal implied) and D's blocks on it and, for a 2 x 2 block at k, at [k + 1, k]. pivots (n) as LAPACK's
     * ipiv, 1-based: p > 0 a 1 x 1 block at k after rows and columns k and p - 1 were swapped; a pair -p, -p a 2 x 2
     * block at k, k + 1 after k + 1 and p - 1 were. The upper triangle is left as it was.
     *
     * @return 0, or the 1-based index of the first block of D that is exactly zero (the factorization is complete,
     *     but D is singular; a column holding a NaN on the diagonal is reported the same way and left as it is)
     */
    public static int factor(double[] a, int n, int[] pivots) {
        int info = 0;
        for (int k = 0; k < n; ) {
            int step = 1, kp;
            double absakk = Math.abs(a[k * n + k]);
            int imax = k;
            double colmax = 0;
            if (k < n - 1) {
                imax = Factorizations.largestInColumn(a, n, n, k + 1, k);
                colmax = Math.abs(a[imax * n + k]);
            }
            if (Math.max(absakk, colmax) == 0 || Double.isNaN(absakk)) {
                if (info == 0) {
                    info = k + 1;
                }
                kp = k;
            } else {
                if (absakk >= ALPHA * colmax) {
                    kp = k;
                } else {
                    // the largest off-diagonal magnitude in row and column imax of the trailing matrix
                    int jmax = k;
                    for (int j = k + 1; j < imax; j++) {
                        if (Math.abs(a[imax * n + j]) > Math.abs(a[imax * n + jmax])) {
                            jmax = j;
                        }
                    }
                    double rowmax = Math.abs(a[imax * n + jmax]);
                    if (imax < n - 1) {
                        jmax = Factorizations.largestInColumn(a, n, n, imax + 1, imax);
                        rowmax = Math.max(rowmax, Math.abs(a[jmax * n + imax]));
                    }
                    if (absakk >= ALPHA * colmax * (colmax / rowmax)) {
                        kp = k;
                    } else if (Math.abs(a[imax * n + imax]) >= ALPHA * rowmax) {
                        kp = imax;
                    } else {
                        kp = imax;
                        step = 2;
                    }
                }
                int kk = k + step - 1;
                if (kp != kk) {
                    interchange(a, n, k, kk, kp, step);
                }
                if (step == 1) {
                    eliminateOne(a, n, k);
                } else {
                    eliminateTwo(a, n, k);
                }
            }
            if (step == 1) {
                pivots[k] = kp + 1;
            } else {
                pivots[k] = -(kp + 1);
                pivots[k + 1] = -(kp + 1);
            }
            k += step;
        }
        return info;
    }

    /** Rows and columns kk and kp of the trailing matrix a[k:, k:] swapped in its lower triangle (kp > kk). */
    private static void interchange(double[] a, int n, int k, int kk, int kp, int step) {
        for (int i = kp + 1; i < n; i++) {
            swap(a, i * n + kk, i * n + kp);
        }
        for (int j = kk + 1; j < kp; j++) {
            swap(a, j * n + kk, kp * n + j);
        }
        swap(a, kk * n + kk, kp * n + kp);
        if (step == 2) {
            swap(a, (k + 1) * n + k, kp * n + k);
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** A 1 x 1 block at k: the trailing matrix less x x^T / d (BLAS syr's order), then x scaled by 1 / d. */
    private static void eliminateOne(double[] a, int n, int k) {
        if (k == n - 1) {
            return;
        }
        double d11 = 1 / a[k * n + k];
        for (int j = k + 1; j < n; j++) {
            double xj = a[j * n + k];
            if (xj != 0) {
                double t = -d11 * xj;
                for (int i = j; i < n; i++) {
                    a[i * n + j] += a[i * n + k] * t;
                }
            }
        }
        for (int i = k + 1; i < n; i++) {
            a[i * n + k] *= d11;
        }
    }

    /** A 2 x 2 block at k, k + 1: sytf2's update of the trailing matrix through the block's inverse. */
    private static void eliminateTwo(double[] a, int n, int k) {
        if (k >= n - 2) {
            return;
        }
        double d21 = a[(k + 1) * n + k];
        double d11 = a[(k + 1) * n + k + 1] / d21;
        double d22 = a[k * n + k] / d21;
        double t = 1 / (d11 * d22 - 1);
        d21 = t / d21;
        for (int j = k + 2; j < n; j++) {
            double wk = d21 * (d11 * a[j * n + k] - a[j * n + k + 1]);
            double wkp1 = d21 * (d22 * a[j * n + k + 1] - a[j * n + k]);
            for (int i = j; i < n; i++) {
                a[i * n + j] = a[i * n + j] - a[i * n + k] * wk - a[i * n + k + 1] * wkp1;
            }
            a[j * n + k] = wk;
            a[j * n + k + 1] = wkp1;
        }
    }

    /**
     * Solves A X = B in place in b (n x cols, row-major) from {@link #factor}'s ld and pivots (checked by the caller:
     * each |p| in [1, n], a 2 x 2 block's two entries equal): sytrs, L D first, then L^T, each with its interchanges.
     */
    public static void solve(double[] ld, int n, int[] pivots, double[] b, int cols) {
        for (int k = 0; k < n; ) {
            if (pivots[k] > 0) {
                swapRows(b, cols, k, pivots[k] - 1);
                subtractOuter(ld, n, k, k + 1, b, cols, k);
                double inv = 1 / ld[k * n + k];
                for (int j = 0; j < cols; j++) {
                    b[k * cols + j] *= inv;
                }
                k += 1;
            } else {
                swapRows(b, cols, k + 1, -pivots[k] - 1);
                subtractOuter(ld, n, k, k + 2, b, cols, k);
                subtractOuter(ld, n, k + 1, k + 2, b, cols, k + 1);
                double akm1k = ld[(k + 1) * n + k];
                double akm1 = ld[k * n + k] / akm1k, ak = ld[(k + 1) * n + k + 1] / akm1k;
                double denom = akm1 * ak - 1;
                for (int j = 0; j < cols; j++) {
                    double bkm1 = b[k * cols + j] / akm1k, bk = b[(k + 1) * cols + j] / akm1k;
                    b[k * cols + j] = (ak * bkm1 - bk) / denom;
                    b[(k + 1) * cols + j] = (akm1 * bk - bkm1) / denom;
                }
                k += 2;
            }
        }
        for (int k = n - 1; k >= 0; ) {
            if (pivots[k] > 0) {
                subtractDot(ld, n, k, k + 1, b, cols);
                swapRows(b, cols, k, pivots[k] - 1);
                k -= 1;
            } else {
                subtractDot(ld, n, k, k + 1, b, cols);
                subtractDot(ld, n, k - 1, k + 1, b, cols);
                swapRows(b, cols, k, -pivots[k] - 1);
                k -= 2;
            }
        }
    }

    private static void swapRows(double[] b, int cols, int r, int s) {
        if (r != s) {
            for (int j = 0; j < cols; j++) {
                swap(b, r * cols + j, s * cols + j);
            }
        }
    }

    /** b[from:, :] -= L[from:, col] b[row, :] (BLAS ger's order: column by column, a zero b[row, j] skipped). */
    private static void subtractOuter(double[] ld, int n, int col, int from, double[] b, int cols, int row) {
        for (int j = 0; j < cols; j++) {
            double t = -b[row * cols + j];
            if (t != 0) {
                for (int i = from; i < n; i++) {
                    b[i * cols + j] += ld[i * n + col] * t;
                }
            }
        }
    }

    /** b[col, :] -= L[from:, col]^T b[from:, :] (BLAS gemv's order: each sum from the top, then subtracted). */
    private static void subtractDot(double[] ld, int n, int col, int from, double[] b, int cols) {
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int i = from; i < n; i++) {
                sum += b[i * cols + j] * ld[i * n + col];
            }
            b[col * cols + j] -= sum;
        }
    }
}
