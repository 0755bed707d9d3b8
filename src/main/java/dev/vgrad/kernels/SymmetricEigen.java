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
        RowCombination product = new RowCombination(n);
        for (int k = 0; k + 2 < n; k++) {
            int lo = k + 1;   // the reflector acts on rows and columns lo..n-1
            // every vector is indexed as the rows are: C2 vectorizes a loop over arrays at one index, not at offsets
            double[] v = new double[n];
            double rest = 0;
            for (int j = lo; j < n; j++) {
                v[j] = a[k][j];
                if (j > lo) {
                    rest += v[j] * v[j];
                }
            }
            if (rest == 0) {
                continue;   // the column is already tridiagonal: H = I
            }
            double norm = Math.sqrt(v[lo] * v[lo] + rest);
            double alpha = v[lo] >= 0 ? -norm : norm;
            v[lo] -= alpha;
            double tau = 2 / (v[lo] * v[lo] + rest);
            // A22 <- H A22 H with H = I - tau v v^T: w = tau A22 v, w -= (tau / 2)(v.w) v, A22 -= v w^T + w v^T;
            // A22 v as a combination of A22's rows (it is symmetric): whole-row passes instead of dot products,
            // each a chain of dependent adds
            double[] w = new double[n];
            product.clear();
            for (int j = lo; j < n; j++) {
                product.add(-v[j], a[j]);
            }
            product.subtractFrom(w, lo, n);
            double vp = 0;
            for (int i = lo; i < n; i++) {
                w[i] *= tau;
                vp += v[i] * w[i];
            }
            double half = tau * vp / 2;
            for (int i = lo; i < n; i++) {
                w[i] -= half * v[i];
            }
            for (int i = lo; i < n; i++) {
                double[] row = a[i];
                double vi = v[i], wi = w[i];
                for (int j = lo; j < n; j++) {
                    row[j] -= vi * w[j] + wi * v[j];   // the same two products as (j, i): A stays symmetric
                }
            }
            a[k][lo] = alpha;
            a[lo][k] = alpha;
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
        // Q = H_0 H_1 ... H_{n-3} = diag(1, Q'), Q' built by blocks as QR's Q is, from the reflectors rescaled to a
        // leading 1 (H = I - tau v v^T = I - (tau v_0^2)(v / v_0)(v / v_0)^T); Q^T is returned by rows
        double[][] qt = new double[n][n];
        qt[0][0] = 1;
        if (n <= 2) {
            if (n == 2) {
                qt[1][1] = 1;
            }
            return qt;
        }
        double[][] h = new double[n - 1][n - 2];
        double[] hTau = new double[n - 2];
        for (int k = 0; k + 2 < n; k++) {
            double[] v = reflectors[k];
            if (v == null) {
                continue;
            }
            double lead = v[k + 1];
            hTau[k] = taus[k] * lead * lead;
            for (int i = k + 2; i < n; i++) {
                h[i - 1][k] = v[i] / lead;
            }
        }
        double[][] q = HouseholderQr.formQ(h, n - 1, n - 2, hTau, n - 1);
        for (int r = 0; r < n - 1; r++) {
            for (int i = 0; i < n - 1; i++) {
                qt[i + 1][r + 1] = q[r][i];
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
                double r = hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1, c = 1, p = 0;
                int i = m - 1;
                boolean underflow = false;
                for (; i >= l; i--) {
                    double f = s * e[i], b = c * e[i];
                    r = hypot(f, g);
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

    /**
     * sqrt(a^2 + b^2) without overflow or underflow in between. Math.hypot's last-bit care costs several times this,
     * and the QL sweeps call it once a rotation: it took most of their time.
     */
    static double hypot(double a, double b) {
        double x = Math.abs(a), y = Math.abs(b);
        double big = Math.max(x, y), small = Math.min(x, y);
        if (big > 0x1p500 || small < 0x1p-500) {
            if (big == 0 || big == Double.POSITIVE_INFINITY) {
                return big;
            }
            double r = small / big;
            return big * Math.sqrt(1 + r * r);
        }
        return Math.sqrt(x * x + y * y);
    }
}
