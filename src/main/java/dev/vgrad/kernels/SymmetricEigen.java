package dev.vgrad.kernels;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix in double: Householder reduction to tridiagonal form, then the
 * QL algorithm with implicit Wilkinson-like shifts on the tridiagonal matrix, its rotations accumulated into the
 * reduction's orthogonal factor (the classic tred2/tql2 scheme, O(n^3) with a small constant; the cyclic Jacobi
 * method it replaced needed ~8 sweeps of n^2/2 rotations). Every matrix is held by rows, and every update is a pass
 * over whole rows, which C2 vectorizes: the eigenvectors are kept transposed, one to a row.
 */
final class SymmetricEigen {
    private static final double EPS = 0x1p-52;
    /** QL iterations per eigenvalue before accepting what is there; two or three suffice in practice. */
    private static final int MAX_ITERATIONS = 60;

    private SymmetricEigen() {}

    /**
     * Eigenvalues ascending into values, eigenvectors into the columns of vectors (n x n, row-major), of the symmetric
     * matrix held in rows (full, symmetric; overwritten).
     */
    static void decompose(double[][] rows, int n, double[] values, double[] vectors) {
        double[] d = new double[n], e = new double[n];
        double[][] zt = tridiagonalize(rows, n, d, e);
        ql(d, e, zt, n);
        int[] order = Factorizations.sortedOrder(n, i -> d[i], true);
        for (int c = 0; c < n; c++) {
            values[c] = d[order[c]];
            for (int r = 0; r < n; r++) {
                vectors[r * n + c] = zt[order[c]][r];
            }
        }
    }

    /**
     * Reduces the symmetric a (by rows, overwritten) to tridiagonal form Q^T A Q = T: T's diagonal into d, its
     * subdiagonal into e (e[i] joins i and i + 1; e[n - 1] = 0). Returns Q^T, by rows.
     */
    private static double[][] tridiagonalize(double[][] a, int n, double[] d, double[] e) {
        double[][] reflectors = new double[n][];
        double[] taus = new double[n];
        for (int k = 0; k + 2 < n; k++) {
            int m = n - k - 1;
            double[] v = new double[m];
            double rest = 0;
            for (int j = 0; j < m; j++) {
                v[j] = a[k][k + 1 + j];
                if (j > 0) {
                    rest += v[j] * v[j];
                }
            }
            if (rest == 0) {
                continue;   // the column is already tridiagonal: H = I
            }
            double norm = Math.sqrt(v[0] * v[0] + rest);
            double alpha = v[0] >= 0 ? -norm : norm;
            v[0] -= alpha;
            double tau = 2 / (v[0] * v[0] + rest);
            // A22 <- H A22 H with H = I - tau v v^T: p = tau A22 v, w = p - (tau / 2)(v.p) v, A22 -= v w^T + w v^T
            double[] p = new double[m];
            double vp = 0;
            for (int i = 0; i < m; i++) {
                double[] row = a[k + 1 + i];
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += row[k + 1 + j] * v[j];
                }
                p[i] = tau * s;
                vp += v[i] * p[i];
            }
            double half = tau * vp / 2;
            for (int i = 0; i < m; i++) {
                p[i] -= half * v[i];   // now w
            }
            for (int i = 0; i < m; i++) {
                double[] row = a[k + 1 + i];
                double vi = v[i], wi = p[i];
                for (int j = 0; j < m; j++) {
                    row[k + 1 + j] -= vi * p[j] + wi * v[j];
                }
            }
            a[k][k + 1] = alpha;
            a[k + 1][k] = alpha;
            for (int j = k + 2; j < n; j++) {
                a[k][j] = 0;
                a[j][k] = 0;
            }
            reflectors[k] = v;
            taus[k] = tau;
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
            e[i] = i + 1 < n ? a[i + 1][i] : 0;
        }
        // Q^T = H_{n-3} ... H_1 H_0: each applied on the left, by rows (rows k + 1 on)
        double[][] qt = new double[n][n];
        for (int i = 0; i < n; i++) {
            qt[i][i] = 1;
        }
        double[] w = new double[n];
        for (int k = 0; k + 2 < n; k++) {
            double[] v = reflectors[k];
            if (v == null) {
                continue;
            }
            java.util.Arrays.fill(w, 0);
            for (int i = 0; i < v.length; i++) {
                double[] row = qt[k + 1 + i];
                double vi = taus[k] * v[i];
                for (int j = 0; j < n; j++) {
                    w[j] += vi * row[j];
                }
            }
            for (int i = 0; i < v.length; i++) {
                double[] row = qt[k + 1 + i];
                double vi = v[i];
                for (int j = 0; j < n; j++) {
                    row[j] -= vi * w[j];
                }
            }
        }
        return qt;
    }

    /**
     * The QL algorithm with implicit shifts on the tridiagonal (d, e), d becoming the eigenvalues (unordered); each
     * plane rotation is applied to rows i and i + 1 of zt, so zt's rows become the eigenvectors.
     */
    private static void ql(double[] d, double[] e, double[][] zt, int n) {
        for (int l = 0; l < n; l++) {
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                int m = l;
                while (m < n - 1 && !(Math.abs(e[m]) <= EPS * (Math.abs(d[m]) + Math.abs(d[m + 1])))) {
                    m++;
                }
                if (m == l) {
                    break;
                }
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1, c = 1, p = 0;
                int i = m - 1;
                boolean underflow = false;
                for (; i >= l; i--) {
                    double f = s * e[i], b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {   // the rotation vanished: deflate at i + 1 and restart the sweep
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    Factorizations.rotatePair(zt[i], zt[i + 1], c, s);
                }
                if (underflow) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
