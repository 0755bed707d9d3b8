package dev.vgrad.kernels;

/**
 * The singular value decomposition of a tall matrix (m >= n) as LAPACK's gesvd computes it: Householder
 * bidiagonalization A = U_B B V_B^T (gebrd; U_B and V_B formed by blocks through {@link HouseholderQr#formQ}), then
 * implicitly shifted QR sweeps on the bidiagonal B (Golub and Kahan's step as bdsqr chases it), each sweep's
 * rotations applied to rows of U^T and V^T. It replaced one-sided Jacobi, whose ~8 sweeps of n^2/2 rotations and dot
 * products cost seven times PyTorch's SVD at n = 128. Accuracy is gesvd's: singular values to within a small multiple
 * of eps |A|.
 */
final class BidiagonalSvd {
    private static final double EPS = 0x1p-52;
    /** QR sweeps per singular value before accepting what is there; two or three suffice in practice. */
    private static final int MAX_SWEEPS = 40;

    private BidiagonalSvd() {}

    /**
     * A (m x n, m >= n, by rows, overwritten) = U diag(s) V^T: s descending into s, U^T's first uRows rows (n, or m
     * for the complete factorization; each m long) and V^T (n x n) returned as {ut, vt}, by rows, ordered as s.
     */
    static double[][][] decompose(double[][] a, int m, int n, int uRows, double[] s) {
        double[] d = new double[n], e = new double[Math.max(n - 1, 0)];
        double[] tauLeft = new double[n], tauRight = new double[Math.max(n - 2, 0)];
        bidiagonalize(a, m, n, d, e, tauLeft, tauRight);
        double[][] ut = transposed(HouseholderQr.formQ(a, m, n, tauLeft, uRows), m, uRows);
        double[][] vt = new double[n][n];
        if (n > 2) {
            // V = diag(1, V'), V' from the right reflectors (reflector k acts on coordinates k + 1 .. n - 1)
            double[][] h = new double[n - 1][n - 2];
            for (int k = 0; k < n - 2; k++) {
                for (int j = k + 2; j < n; j++) {
                    h[j - 1][k] = a[k][j];
                }
            }
            double[][] v = HouseholderQr.formQ(h, n - 1, n - 2, tauRight, n - 1);
            for (int r = 0; r < n - 1; r++) {
                for (int c = 0; c < n - 1; c++) {
                    vt[c + 1][r + 1] = v[r][c];
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                vt[i][i] = 1;   // no right reflectors below n = 3
            }
        }
        if (n > 0) {
            vt[0][0] = 1;
        }
        diagonalize(d, e, n, ut, vt);
        int[] order = Factorizations.sortedOrder(n, i -> d[i], false);
        double[][] sortedU = new double[uRows][], sortedV = new double[n][];
        for (int c = 0; c < n; c++) {
            s[c] = d[order[c]];
            sortedU[c] = ut[order[c]];
            sortedV[c] = vt[order[c]];
        }
        for (int c = n; c < uRows; c++) {
            sortedU[c] = ut[c];   // the complete factorization's extra columns: the rotations never touch them
        }
        return new double[][][] {sortedU, sortedV};
    }

    /**
     * Householder bidiagonalization in place (gebrd, upper bidiagonal): d the diagonal, e the superdiagonal; left
     * reflector k below a's diagonal in column k (leading 1 implied), right reflector k in row k right of the
     * superdiagonal.
     */
    private static void bidiagonalize(double[][] a, int m, int n, double[] d, double[] e, double[] tauLeft,
            double[] tauRight) {
        RowCombination rows = new RowCombination(m);
        double[] w = new double[n], u = new double[n];
        for (int k = 0; k < n; k++) {
            // left: zero column k below the diagonal; W = v^T A (rows k.., columns k + 1..), A -= tau v W
            double below = 0;
            for (int i = k + 1; i < m; i++) {
                below += a[i][k] * a[i][k];
            }
            double alpha = a[k][k];
            if (below == 0) {
                d[k] = alpha;
            } else {
                double beta = -Math.copySign(Math.sqrt(alpha * alpha + below), alpha);
                double tau = (beta - alpha) / beta, scale = 1 / (alpha - beta);
                tauLeft[k] = tau;
                d[k] = beta;
                a[k][k] = beta;
                rows.clear();
                for (int i = k + 1; i < m; i++) {
                    a[i][k] *= scale;
                    rows.add(-a[i][k], a[i]);
                }
                if (k + 1 < n) {
                    System.arraycopy(a[k], k + 1, w, k + 1, n - k - 1);
                    rows.subtractFrom(w, k + 1, n);
                    subtractScaled(a[k], tau, w, k + 1, n);
                    for (int i = k + 1; i < m; i++) {
                        subtractScaled(a[i], tau * a[i][k], w, k + 1, n);
                    }
                }
            }
            if (k + 1 >= n) {
                continue;
            }
            if (k + 2 >= n) {
                e[k] = a[k][k + 1];   // one element right of the diagonal: nothing to reflect
                continue;
            }
            // right: zero row k right of the superdiagonal; y = A u (rows k + 1..), A -= tau y u^T
            double right = 0;
            for (int j = k + 2; j < n; j++) {
                right += a[k][j] * a[k][j];
            }
            alpha = a[k][k + 1];
            if (right == 0) {
                e[k] = alpha;
                continue;
            }
            double beta = -Math.copySign(Math.sqrt(alpha * alpha + right), alpha);
            double tau = (beta - alpha) / beta, scale = 1 / (alpha - beta);
            tauRight[k] = tau;
            e[k] = beta;
            a[k][k + 1] = beta;
            u[k + 1] = 1;
            for (int j = k + 2; j < n; j++) {
                a[k][j] *= scale;
                u[j] = a[k][j];
            }
            for (int i = k + 1; i < m; i++) {
                double[] row = a[i];
                double y = DoubleDot.dot(row, k + 1, u, k + 1, n - k - 1);
                subtractScaled(row, tau * y, u, k + 1, n);
            }
        }
    }

    /** x[from..to) -= f v[from..to) (x and v indexed alike: C2 vectorizes the pass). */
    private static void subtractScaled(double[] x, double f, double[] v, int from, int to) {
        if (f != 0) {
            for (int j = from; j < to; j++) {
                x[j] -= f * v[j];
            }
        }
    }

    /**
     * Implicit QR on the upper bidiagonal (d, e) until e vanishes (to eps relative to its neighbours), d becoming the
     * singular values (made nonnegative); every rotation of B's rows is applied to ut's rows and every rotation of its
     * columns to vt's. B is scaled to its largest entry first, so the squares in the shift neither overflow nor
     * underflow.
     */
    private static void diagonalize(double[] d, double[] e, int n, double[][] ut, double[][] vt) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(d[i]));
            if (i + 1 < n) {
                scale = Math.max(scale, Math.abs(e[i]));
            }
        }
        if (scale > 0) {
            for (int i = 0; i < n; i++) {
                d[i] /= scale;
                if (i + 1 < n) {
                    e[i] /= scale;
                }
            }
        }
        double tiny = EPS * (scale > 0 ? 1 : 0);   // B's entries are now at most 1: d below this is rounding's
        int sweeps = 0, hi = n - 1;
        while (hi > 0 && sweeps < MAX_SWEEPS * n) {
            if (Math.abs(e[hi - 1]) <= EPS * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && Math.abs(e[lo - 1]) > EPS * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) {
                lo--;
            }
            if (lo > 0) {
                e[lo - 1] = 0;
            }
            int zero = -1;
            for (int i = lo; i <= hi; i++) {
                if (Math.abs(d[i]) <= tiny) {
                    d[i] = 0;
                    zero = i;
                    break;
                }
            }
            if (zero >= 0 && zero < hi) {
                chaseRowDown(d, e, zero, hi, ut);
            } else if (zero == hi) {
                chaseColumnUp(d, e, lo, hi, vt);
            } else {
                sweep(d, e, lo, hi, ut, vt);
                sweeps++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (d[i] < 0) {
                d[i] = -d[i];
                double[] row = vt[i];
                for (int j = 0; j < row.length; j++) {
                    row[j] = -row[j];
                }
            }
            d[i] *= scale;
        }
    }

    /**
     * One Golub-Kahan step on the unreduced block lo..hi, shifted by the eigenvalue of the trailing 2 x 2 of B^T B
     * nearer its last entry (Wilkinson's): a right rotation starts the bulge, then left and right rotations chase it
     * down and out.
     */
    private static void sweep(double[] d, double[] e, int lo, int hi, double[][] ut, double[][] vt) {
        double t11 = d[hi - 1] * d[hi - 1] + (hi - 1 > lo ? e[hi - 2] * e[hi - 2] : 0);
        double t12 = d[hi - 1] * e[hi - 1], t22 = d[hi] * d[hi] + e[hi - 1] * e[hi - 1];
        double delta = (t11 - t22) / 2;
        double root = SymmetricEigen.hypot(delta, t12);
        double shift = t22 - t12 * t12 / (delta + (delta >= 0 ? root : -root));
        if (!Double.isFinite(shift)) {
            shift = t22;
        }
        double f = d[lo] * d[lo] - shift, g = d[lo] * e[lo];
        for (int i = lo; i < hi; i++) {
            double r = SymmetricEigen.hypot(f, g);
            double c = r == 0 ? 1 : f / r, s = r == 0 ? 0 : g / r;
            if (i > lo) {
                e[i - 1] = r;
            }
            f = c * d[i] + s * e[i];
            e[i] = c * e[i] - s * d[i];
            g = s * d[i + 1];
            d[i + 1] = c * d[i + 1];
            Factorizations.rotatePair(vt[i], vt[i + 1], c, -s);   // V <- V R on columns i, i + 1
            r = SymmetricEigen.hypot(f, g);
            c = r == 0 ? 1 : f / r;
            s = r == 0 ? 0 : g / r;
            d[i] = r;
            f = c * e[i] + s * d[i + 1];
            d[i + 1] = c * d[i + 1] - s * e[i];
            if (i + 1 < hi) {
                g = s * e[i + 1];
                e[i + 1] = c * e[i + 1];
            }
            Factorizations.rotatePair(ut[i], ut[i + 1], c, -s);   // U <- U L^T on columns i, i + 1
        }
        e[hi - 1] = f;
    }

    /** d[i] = 0 (i < hi): row i's e[i] rotated into the rows below (left rotations of rows j and i), to vanish. */
    private static void chaseRowDown(double[] d, double[] e, int i, int hi, double[][] ut) {
        double f = e[i];
        e[i] = 0;
        for (int j = i + 1; j <= hi && f != 0; j++) {
            double r = SymmetricEigen.hypot(d[j], f), c = d[j] / r, s = f / r;
            d[j] = r;
            if (j < hi) {
                f = -s * e[j];
                e[j] = c * e[j];
            }
            Factorizations.rotatePair(ut[j], ut[i], c, -s);
        }
    }

    /** d[hi] = 0: column hi's e[hi - 1] rotated into the columns to its left (right rotations), to vanish. */
    private static void chaseColumnUp(double[] d, double[] e, int lo, int hi, double[][] vt) {
        double f = e[hi - 1];
        e[hi - 1] = 0;
        for (int j = hi - 1; j >= lo && f != 0; j--) {
            double r = SymmetricEigen.hypot(d[j], f), c = d[j] / r, s = f / r;
            d[j] = r;
            if (j > lo) {
                f = -s * e[j - 1];
                e[j - 1] = c * e[j - 1];
            }
            Factorizations.rotatePair(vt[j], vt[hi], c, -s);
        }
    }

    /** q (rows x cols, by rows) transposed: its columns as rows. */
    private static double[][] transposed(double[][] q, int rows, int cols) {
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = q[i][j];
            }
        }
        return t;
    }
}
