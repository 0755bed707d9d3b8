package dev.vgrad.kernels;

/**
 * Dense factorizations of one matrix in double precision: the algorithms behind {@code torch.linalg}'s ops on float
 * tensors. Matrices are row-major {@code double[]}s at this interface and held by rows inside (each row an array of
 * its own, so that C2 vectorizes the passes over them). The arithmetic is double so that the float results are as
 * accurate as float LAPACK's or better; the algorithms are LAPACK's, blocked where it pays at the sizes autograd
 * users factor (LU with partial pivoting and Cholesky by panels, Householder QR by block reflectors, tridiagonal QL
 * for symmetric eigenvalues, bidiagonal QR for singular values): the O(n^3) updates run as {@link RowCombination}
 * passes, not as a tuned GEMM, so they are meant for small and medium matrices, not large-scale linear algebra.
 */
public final class Factorizations {
    /** Columns eliminated together: the trailing rows then take the panel's steps in one pass each. */
    private static final int PANEL = 4;
    /** Transposes go by TILE x TILE blocks, whose rows stay in L1 while their columns are walked. */
    private static final int TILE = 8;
    /**
     * Up to this order LU, the solves, the inverse and Cholesky run the textbook loops on the flat matrix: the same
     * bits as the blocked code (each element takes the same steps in the same order; FactorizationsTest holds both to
     * them), without its row copies and buffers, which cost more than a small matrix's arithmetic (a batch of 10 000
     * 8 x 8 determinants took 0.65x PyTorch's speed that way).
     */
    private static final int SMALL = 16;

    private Factorizations() {}

    /**
     * LU with partial pivoting of {@code a} (n x n) in place, as LAPACK's getrf: L below the diagonal (unit diagonal
     * implied), U on and above it; {@code pivots[k]} is the row swapped with row k at step k. Returns 0, or the
     * 1-based index of the first exactly zero pivot (the factorization still completes, as getrf's does).
     */
    public static int lu(double[] a, int n, int[] pivots) {
        return lu(a, n, n, pivots);
    }

    /**
     * {@link #lu} of an m x n matrix, as getrf factors one: min(m, n) steps, L m x min(m, n) below the diagonal, U
     * min(m, n) x n on and above it, min(m, n) pivots.
     */
    public static int lu(double[] a, int m, int n, int[] pivots) {
        if (m <= SMALL && n <= SMALL) {
            return luSmall(a, m, n, pivots);
        }
        double[][] rows = rows(0, a, m, n);
        int info = lu(rows, m, n, pivots);
        store(rows, n, a);
        return info;
    }

    /**
     * The row of the first largest magnitude in column col of a row-major matrix (rows of {@code stride}), rows
     * [start, rows): BLAS idamax's choice, the pivot search of LU and of the Bunch-Kaufman factorization.
     */
    static int largestInColumn(double[] a, int stride, int rows, int start, int col) {
        int best = start;
        double max = Math.abs(a[start * stride + col]);
        for (int i = start + 1; i < rows; i++) {
            double v = Math.abs(a[i * stride + col]);
            if (v > max) {
                max = v;
                best = i;
            }
        }
        return best;
    }

    /** {@link #lu}'s textbook loop on the flat matrix (small matrices). */
    private static int luSmall(double[] a, int m, int n, int[] pivots) {
        int info = 0;
        for (int k = 0; k < Math.min(m, n); k++) {
            int p = largestInColumn(a, n, m, k, k);
            pivots[k] = p;
            swapRows(a, n, k, p);
            double pivot = a[k * n + k];
            if (pivot == 0) {
                info = info == 0 ? k + 1 : info;
                continue;
            }
            for (int i = k + 1; i < m; i++) {
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
        if (r != s) {
            for (int j = 0; j < cols; j++) {
                double t = a[r * cols + j];
                a[r * cols + j] = a[s * cols + j];
                a[s * cols + j] = t;
            }
        }
    }

    /**
     * {@link #lu} on a matrix held by rows (rows swap by reference). Blocked as getrf is: the PANEL columns of a panel
     * are eliminated first (pivots need them), then every row's trailing columns take the panel's steps in one
     * {@link RowCombination} pass. Each element still receives the steps one at a time in the order the textbook
     * loop gives them, so the factors are the unblocked loop's to the bit.
     */
    static int lu(double[][] a, int n, int[] pivots) {
        return lu(a, n, n, pivots);
    }

    /** {@link #lu} of an m x n matrix held by rows. */
    static int lu(double[][] a, int m, int n, int[] pivots) {
        int info = 0;
        int steps = Math.min(m, n);
        boolean[] eliminated = new boolean[steps];   // false where the pivot was zero: that step updates nothing
        RowCombination terms = new RowCombination(PANEL);
        double[] panel = new double[PANEL * m];   // the panel's columns, each contiguous (pivot search, division)
        for (int k0 = 0; k0 < steps; k0 += PANEL) {
            int k1 = Math.min(steps, k0 + PANEL), width = k1 - k0;
            for (int i = k0; i < m; i++) {
                for (int c = 0; c < width; c++) {
                    panel[c * m + i] = a[i][k0 + c];
                }
            }
            for (int k = k0; k < k1; k++) {
                int col = (k - k0) * m, p = k;
                double max = Math.abs(panel[col + k]);
                for (int i = k + 1; i < m; i++) {
                    double v = Math.abs(panel[col + i]);
                    if (v > max) {
                        max = v;
                        p = i;
                    }
                }
                pivots[k] = p;
                double[] pivotRow = a[p];
                a[p] = a[k];
                a[k] = pivotRow;
                for (int c = 0; c < width; c++) {
                    double v = panel[c * m + p];
                    panel[c * m + p] = panel[c * m + k];
                    panel[c * m + k] = v;
                }
                double pivot = panel[col + k];
                if (pivot == 0) {
                    if (info == 0) {
                        info = k + 1;
                    }
                    continue;
                }
                eliminated[k] = true;
                for (int i = k + 1; i < m; i++) {
                    panel[col + i] /= pivot;
                }
                for (int c = k - k0 + 1; c < width; c++) {
                    double u = panel[c * m + k];
                    for (int i = k + 1; i < m; i++) {
                        double f = panel[col + i];
                        if (f != 0) {
                            panel[c * m + i] -= f * u;
                        }
                    }
                }
            }
            for (int i = k0; i < m; i++) {
                for (int c = 0; c < width; c++) {
                    a[i][k0 + c] = panel[c * m + i];
                }
            }
            if (k1 == n) {
                break;
            }
            // rows k0 + 1 .. k1 - 1 are U's and need the panel's earlier rows, finished in this order first
            for (int i = k0 + 1; i < k1; i++) {
                terms.clear();
                for (int p = k0; p < i; p++) {
                    if (eliminated[p]) {
                        terms.add(a[i][p], a[p]);
                    }
                }
                terms.subtractFrom(a[i], k1, n);
            }
            for (int i = k1; i < m; i += 2) {
                boolean pair = i + 1 < m;
                terms.clear();
                for (int p = k0; p < k1; p++) {
                    if (eliminated[p]) {
                        terms.add(a[i][p], pair ? a[i + 1][p] : 0, a[p]);
                    }
                }
                if (pair) {
                    terms.subtractFrom(a[i], a[i + 1], k1, n);
                } else {
                    terms.subtractFrom(a[i], k1, n);
                }
            }
        }
        return info;
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
        if (n <= SMALL) {
            for (int i = 0; i < n; i++) {
                swapRows(b, k, i, pivots[i]);
            }
            triangularSolveSmall(lu, n, false, true, b, k);
            triangularSolveSmall(lu, n, true, false, b, k);
            return;
        }
        double[][] x = rows(1, b, n, k);
        luSolve(rows(0, lu, n, n), n, pivots, x, k);
        store(x, k, b);
    }

    /** {@link #luSolve} with the factors and the right side held by rows. */
    static void luSolve(double[][] lu, int n, int[] pivots, double[][] b, int k) {
        for (int i = 0; i < n; i++) {
            double[] row = b[i];
            b[i] = b[pivots[i]];
            b[pivots[i]] = row;
        }
        triangularSolve(lu, n, false, true, b, k);
        triangularSolve(lu, n, true, false, b, k);
    }

    /**
     * A's inverse in place of a (n x n) through {@link #lu} and {@link #luInverse}, the factors kept by rows between
     * them. Returns lu's info: where it is not 0, the inverse holds the infinities and NaNs of a zero pivot.
     */
    public static int invert(double[] a, int n) {
        if (n <= SMALL) {
            return invertSmall(a, n);
        }
        double[][] rows = rows(0, a, n, n);
        int[] pivots = new int[n];
        int info = lu(rows, n, pivots);
        store(luInverse(rows, n, pivots), n, a);
        return info;
    }

    /** {@link #invert}'s textbook loops on the flat matrix (small matrices), in luInverse's order. */
    private static int invertSmall(double[] a, int n) {
        int[] pivots = new int[n];
        int info = luSmall(a, n, n, pivots);
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {   // L^-1, each row from the rows before it, the nearest last
            x[i * n + i] = 1;
            for (int p = 0; p < i; p++) {
                double f = a[i * n + p];
                if (f != 0) {
                    for (int j = 0; j <= p; j++) {
                        x[i * n + j] -= f * x[p * n + j];
                    }
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {   // U^-1 L^-1, the rows below, the nearest last
            for (int p = n - 1; p > i; p--) {
                double f = a[i * n + p];
                if (f != 0) {
                    for (int j = 0; j < n; j++) {
                        x[i * n + j] -= f * x[p * n + j];
                    }
                }
            }
            divide(x, i * n, n, a[i * n + i]);
        }
        for (int i = 0; i < n; i++) {
            for (int k = n - 1; k >= 0; k--) {
                double v = x[i * n + k];
                x[i * n + k] = x[i * n + pivots[k]];
                x[i * n + pivots[k]] = v;
            }
        }
        System.arraycopy(x, 0, a, 0, n * n);
        return info;
    }

    /**
     * The inverse of A from {@link #lu}'s factors held by rows (A = P L U), as LAPACK's getri orders the work: L^-1 by
     * a forward solve that skips the zeros right of each row's diagonal (a third of the updates a solve against the
     * identity makes), then U^-1 L^-1 by a backward solve, then the columns swapped back, the last pivot first.
     * Returned in {@link RowBuffers} slot 1.
     */
    static double[][] luInverse(double[][] f, int n, int[] pivots) {
        double[][] x = RowBuffers.get(1, n, n, true);
        RowCombination solved = new RowCombination(n);
        for (int i = 0; i < n; i += 2) {
            boolean pair = i + 1 < n;
            solved.clear();
            for (int p = 0; p < i; p++) {
                solved.add(f[i][p], pair ? f[i + 1][p] : 0, x[p]);
            }
            x[i][i] = 1;
            if (pair) {
                x[i + 1][i + 1] = 1;
                solved.subtractFrom(x[i], x[i + 1], 0, i);
                double g = f[i + 1][i];
                double[] xi = x[i], xn = x[i + 1];
                if (g != 0) {
                    for (int j = 0; j <= i; j++) {
                        xn[j] -= g * xi[j];
                    }
                }
            } else {
                solved.subtractFrom(x[i], 0, i);
            }
        }
        triangularSolve(f, n, true, false, x, n);
        for (double[] row : x) {
            for (int k = n - 1; k >= 0; k--) {
                double v = row[k];
                row[k] = row[pivots[k]];
                row[pivots[k]] = v;
            }
        }
        return x;
    }

    /**
     * Solves T X = B in place of b (n x k), T the upper or lower triangle of t (n x n; the other triangle is not read;
     * with {@code unit} its diagonal is taken as ones). A zero on the diagonal gives infinities and NaNs, as LAPACK's
     * trsm does.
     */
    public static void triangularSolve(double[] t, int n, boolean upper, boolean unit, double[] b, int k) {
        if (n <= SMALL) {
            triangularSolveSmall(t, n, upper, unit, b, k);
            return;
        }
        double[][] x = rows(1, b, n, k);
        triangularSolve(rows(0, t, n, n), n, upper, unit, x, k);
        store(x, k, b);
    }

    /** {@link #triangularSolve}'s textbook loop on the flat matrices (small matrices), in the same order. */
    private static void triangularSolveSmall(double[] t, int n, boolean upper, boolean unit, double[] b, int k) {
        for (int step = 0; step < n; step++) {
            int i = upper ? n - 1 - step : step;
            for (int s = 0; s < step; s++) {   // the rows solved before, the nearest last
                int p = upper ? n - 1 - s : s;
                double f = t[i * n + p];
                if (f != 0) {
                    for (int j = 0; j < k; j++) {
                        b[i * k + j] -= f * b[p * k + j];
                    }
                }
            }
            divide(b, i * k, k, unit ? 1 : t[i * n + i]);
        }
    }

    /**
     * {@link #triangularSolve} by rows, in the order LAPACK's column-oriented trsm gives each element: a row of X is
     * its row of B less the rows solved before it, the nearest last (ascending for a lower triangle, descending for an
     * upper one). Two rows are solved together: both take the rows solved before them in one pass of
     * {@link RowCombination}'s, then the second takes the first.
     */
    static void triangularSolve(double[][] t, int n, boolean upper, boolean unit, double[][] b, int k) {
        RowCombination solved = new RowCombination(n);
        int dir = upper ? -1 : 1;
        for (int step = 0; step < n; step += 2) {
            int i = upper ? n - 1 - step : step, next = i + dir;
            boolean pair = step + 1 < n;
            solved.clear();
            for (int s = 0; s < step; s++) {
                int p = upper ? n - 1 - s : s;
                solved.add(t[i][p], pair ? t[next][p] : 0, b[p]);
            }
            if (pair) {
                solved.subtractFrom(b[i], b[next], 0, k);
            } else {
                solved.subtractFrom(b[i], 0, k);
            }
            divide(b[i], 0, k, unit ? 1 : t[i][i]);
            if (pair) {
                double f = t[next][i];
                double[] bi = b[i], bn = b[next];
                if (f != 0) {
                    for (int j = 0; j < k; j++) {
                        bn[j] -= f * bi[j];
                    }
                }
                divide(bn, 0, k, unit ? 1 : t[next][next]);
            }
        }
    }

    /** x[from..from + len) /= d, a triangular solve's diagonal (skipped for a unit one: x / 1 is x). */
    private static void divide(double[] x, int from, int len, double d) {
        if (d != 1) {
            for (int j = from; j < from + len; j++) {
                x[j] /= d;
            }
        }
    }

    /**
     * The Cholesky factor L (A = L L^T) of the symmetric matrix whose lower triangle is a's, in place: L in the lower
     * triangle, zeros above. Returns 0, or the order of the first leading minor that is not positive definite (a NaN
     * is carried through, not reported).
     *
     * <p>Computed as U = L^T by rows (the lower triangle read as U's upper one), right-looking and blocked as LU is:
     * a panel's rows are finished first, then every later row takes the panel's updates in one pass.
     */
    public static int cholesky(double[] a, int n) {
        if (n <= SMALL) {
            return choleskySmall(a, n);
        }
        double[][] u = RowBuffers.get(0, n, n, false);
        for (int i0 = 0; i0 < n; i0 += TILE) {   // in tiles: a column walk of a row-major matrix misses every read
            for (int j0 = 0; j0 < n; j0 += TILE) {
                for (int i = i0; i < Math.min(n, i0 + TILE); i++) {
                    for (int j = j0; j < Math.min(n, j0 + TILE); j++) {
                        u[i][j] = a[j * n + i];
                    }
                }
            }
        }
        int info = choleskyUpper(u, n);
        if (info != 0) {
            return info;
        }
        for (int i0 = 0; i0 < n; i0 += TILE) {
            for (int j0 = 0; j0 <= i0; j0 += TILE) {
                for (int i = i0; i < Math.min(n, i0 + TILE); i++) {
                    for (int j = j0; j < Math.min(n, j0 + TILE); j++) {
                        a[i * n + j] = j <= i ? u[j][i] : 0;
                    }
                }
            }
            for (int i = i0; i < Math.min(n, i0 + TILE); i++) {
                java.util.Arrays.fill(a, i * n + Math.min(n, i0 + TILE), i * n + n, 0);
            }
        }
        return 0;
    }

    /**
     * {@link #cholesky}'s right-looking loop on the flat lower triangle (small matrices): L(r, c) -= L(c, k) L(r, k)
     * is U(c, r) -= U(k, c) U(k, r) of the blocked code, operand for operand. A failure leaves a partly factored.
     */
    private static int choleskySmall(double[] a, int n) {
        for (int k = 0; k < n; k++) {
            double d = a[k * n + k];
            if (d <= 0) {
                return k + 1;
            }
            double l = Math.sqrt(d);
            a[k * n + k] = l;
            for (int i = k + 1; i < n; i++) {
                a[i * n + k] /= l;
            }
            for (int c = k + 1; c < n; c++) {
                double f = a[c * n + k];
                if (f != 0) {
                    for (int r = c; r < n; r++) {
                        a[r * n + c] -= f * a[r * n + k];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(a, i * n + i + 1, i * n + n, 0);
        }
        return 0;
    }

    /**
     * U with A = U^T U from the upper triangle of u (by rows, overwritten). The lower triangle's values never reach
     * the result: passes may start left of the diagonal ({@link #alignedStart}) and write there.
     */
    static int choleskyUpper(double[][] u, int n) {
        RowCombination updates = new RowCombination(PANEL);
        for (int k0 = 0; k0 < n; k0 += PANEL) {
            int k1 = Math.min(n, k0 + PANEL);
            for (int k = k0; k < k1; k++) {
                double[] row = u[k];
                updates.clear();
                for (int p = k0; p < k; p++) {
                    updates.add(u[p][k], u[p]);
                }
                updates.subtractFrom(row, alignedStart(k, n), n);
                double d = row[k];
                if (d <= 0) {
                    return k + 1;
                }
                double l = Math.sqrt(d);
                row[k] = l;
                for (int j = k + 1; j < n; j++) {
                    row[j] /= l;
                }
            }
            // in pairs from the first one's diagonal or a little left of it (alignedStart): what lies left of a row's
            // diagonal is the lower triangle, which takes the update unread
            for (int i = k1; i < n; i += 2) {
                boolean pair = i + 1 < n;
                updates.clear();
                for (int p = k0; p < k1; p++) {
                    updates.add(u[p][i], pair ? u[p][i + 1] : 0, u[p]);
                }
                if (pair) {
                    updates.subtractFrom(u[i], u[i + 1], alignedStart(i, n), n);
                } else {
                    updates.subtractFrom(u[i], alignedStart(i, n), n);
                }
            }
        }
        return 0;
    }

    /**
     * The column at most 7 left of {@code from} (not below 0) from which a pass to {@code to} is a whole number of
     * 8-double vectors: the scalar tail of a pass over a short row costs as much as its vectors.
     */
    private static int alignedStart(int from, int to) {
        return Math.max(0, from - (8 - (to - from) % 8) % 8);
    }

    /**
     * Scales the matrix by the power of two that brings its largest magnitude into [0.5, 1) and returns the exponent
     * to scale results back by: exact, and the reflections' sums of squares then neither overflow (entries near
     * 1e200) nor underflow to zero (near 1e-200), which would skip a reflection that is needed. An all-zero matrix is
     * left as it is (exponent 0).
     */
    private static int scaleToUnit(double[][] rows, int m, int n) {
        double max = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                max = Math.max(max, Math.abs(rows[i][j]));
            }
        }
        if (max == 0 || !Double.isFinite(max)) {
            return 0;
        }
        int e = Math.getExponent(max) + 1;
        for (int i = 0; i < m; i++) {
            double[] row = rows[i];
            for (int j = 0; j < n; j++) {
                row[j] = Math.scalb(row[j], -e);
            }
        }
        return e;
    }

    /** a (rows x cols, row-major) as arrays of its rows, in this thread's {@link RowBuffers} slot. */
    static double[][] rows(int slot, double[] a, int rows, int cols) {
        double[][] r = RowBuffers.get(slot, rows, cols, false);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, r[i], 0, cols);
        }
        return r;
    }

    /** The rows back into a (row-major, rows.length x cols). */
    static void store(double[][] rows, int cols, double[] a) {
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, a, i * cols, cols);
        }
    }

    /**
     * Householder QR of a (m x n, not changed) as LAPACK's geqrf and orgqr compute it, blocked as they are
     * ({@link HouseholderQr}), so Q's and R's signs are {@code torch.linalg.qr}'s: a column whose part below the
     * diagonal is already zero is left unreflected. Writes Q (m x qCols, the first qCols columns of H_0 H_1 ... ;
     * qCols is min(m, n), or m for the complete factorization) and R (rRows x n, rRows = qCols, zeros below the
     * diagonal). q may be null when only R is wanted.
     */
    public static void qr(double[] a, int m, int n, double[] q, int qCols, double[] r) {
        double[][] rows = rows(0, a, m, n);
        int e = scaleToUnit(rows, m, n);
        double[] tau = HouseholderQr.factor(rows, m, n);
        for (int i = 0; i < qCols; i++) {
            for (int j = 0; j < n; j++) {
                r[i * n + j] = i < m && j >= i ? Math.scalb(rows[i][j], e) : 0;
            }
        }
        if (q != null) {
            store(HouseholderQr.formQ(rows, m, n, tau, qCols), qCols, q);
        }
    }

    /**
     * LAPACK geqrf's compact QR of a (m x n, row-major, overwritten), blocked as {@link #qr}: R on and above the
     * diagonal, each reflector's vector below it (its leading 1 implied); the min(m, n) taus into {@code tau}.
     */
    public static void geqrf(double[] a, int m, int n, double[] tau) {
        double[][] rows = rows(0, a, m, n);
        int e = scaleToUnit(rows, m, n);
        double[] taus = HouseholderQr.factor(rows, m, n);
        System.arraycopy(taus, 0, tau, 0, taus.length);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // scaling by a power of two leaves the reflectors' vectors and taus as they are; R is scaled back
                a[i * n + j] = j >= i ? Math.scalb(rows[i][j], e) : rows[i][j];
            }
        }
    }

    /**
     * LAPACK orgqr: the first qCols columns of H_0 ... H_{k-1} into q (m x qCols, qCols <= m, k = tau.length <=
     * min(m, n)), H_i = I - tau_i v_i v_i^T with v_i 1 at row i and a's column i below it (a, m x n, not changed; its
     * other elements unread).
     */
    public static void householderProduct(double[] a, int m, int n, double[] tau, int qCols, double[] q) {
        store(HouseholderQr.formQ(rows(0, a, m, n), m, n, tau, qCols), qCols, q);
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
        double[][] rows = rows(0, a, n, n);
        int e = scaleToUnit(rows, n, n);
        SymmetricEigen.decompose(rows, n, values, vectors);
        for (int i = 0; i < n; i++) {
            values[i] = Math.scalb(values[i], e);
        }
    }

    /**
     * The eigenvalues (wr + i wi, a complex pair's positive imaginary part first) and, where {@code vre} is not null,
     * the eigenvectors (vre + i vim, n x n row-major, column k for eigenvalue k; unit norm, the largest component real
     * and positive) of the general n x n matrix a (overwritten), as LAPACK's geev computes them
     * ({@link NonsymmetricEigen}). Returns false where the QR iteration did not converge; a NaN or infinity in a gives
     * NaNs everywhere.
     */
    public static boolean eig(double[] a, int n, double[] wr, double[] wi, double[] vre, double[] vim) {
        if (!allFinite(a, n * n)) {
            java.util.Arrays.fill(wr, 0, n, Double.NaN);
            java.util.Arrays.fill(wi, 0, n, Double.NaN);
            if (vre != null) {
                java.util.Arrays.fill(vre, 0, n * n, Double.NaN);
                java.util.Arrays.fill(vim, 0, n * n, Double.NaN);
            }
            return true;
        }
        double[][] rows = rows(0, a, n, n);
        int e = scaleToUnit(rows, n, n);
        if (!NonsymmetricEigen.decompose(rows, n, wr, wi, vre, vim)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            wr[i] = Math.scalb(wr[i], e);
            wi[i] = Math.scalb(wi[i], e);
        }
        return true;
    }

    /**
     * The singular value decomposition A = U diag(s) Vt of a (m x n, not changed), by bidiagonalization and
     * bidiagonal QR ({@link BidiagonalSvd}): s descending (k = min(m, n) of them), U m x uCols, Vt vRows x n, where
     * uCols and vRows are k for the reduced factorization or m and n for the full one; U's and Vt's vectors are
     * orthonormal bases also past the rank. A NaN or infinity in a gives NaNs everywhere.
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
        double[][] rows = rows(0, a, m, n);
        int e = scaleToUnit(rows, m, n);
        double[][][] factors = BidiagonalSvd.decompose(rows, m, n, uCols, s);
        for (int c = 0; c < k; c++) {
            s[c] = Math.scalb(s[c], e);
        }
        double[][] ut = factors[0], vRowsOf = factors[1];
        for (int c = 0; c < uCols; c++) {
            for (int i = 0; i < m; i++) {
                u[i * uCols + c] = ut[c][i];
            }
        }
        for (int r = 0; r < vRows; r++) {
            System.arraycopy(vRowsOf[r], 0, vt, r * n, n);
        }
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
