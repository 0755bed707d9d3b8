package dev.vgrad.kernels;

/**
 * Eigenvalues and eigenvectors of a general real matrix, in double: Householder reduction to upper Hessenberg form,
 * then Francis's double-shift QR iteration to the real Schur form T = Q^T A Q (1 x 1 blocks for real eigenvalues, 2 x 2
 * blocks for complex pairs, whose eigenvalues come out exact conjugates), and each eigenvector by back substitution in
 * T, carried back by Q. Eigenvectors are normalized as LAPACK's geev normalizes them (unit Euclidean norm, the largest
 * component real), with that component made positive (LAPACK leaves its sign to the algorithm).
 */
final class NonsymmetricEigen {
    private static final double EPS = 0x1p-52;
    private static final int ITERATIONS_PER_EIGENVALUE = 40;

    private NonsymmetricEigen() {}

    /**
     * Fills wr/wi (n each) with the eigenvalues of the n x n matrix {@code h} (rows, overwritten), a complex pair's
     * positive imaginary part first; and, when {@code vre} is not null, vre/vim (n x n, row-major, column k the
     * eigenvector of eigenvalue k). Returns false (leaving the outputs unset) when the iteration did not converge.
     */
    static boolean decompose(double[][] h, int n, double[] wr, double[] wi, double[] vre, double[] vim) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        hessenberg(h, n, q);
        if (!schur(h, n, q)) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (k + 1 < n && h[k + 1][k] != 0) {
                double a = h[k][k], b = h[k][k + 1], c = h[k + 1][k], d = h[k + 1][k + 1];
                double re = 0.5 * (a + d), im = Math.sqrt(Math.abs(0.25 * (a - d) * (a - d) + b * c));
                wr[k] = re;
                wi[k] = im;
                wr[k + 1] = re;
                wi[k + 1] = -im;
                k++;
            } else {
                wr[k] = h[k][k];
                wi[k] = 0;
            }
        }
        if (vre != null) {
            vectors(h, n, q, wr, wi, vre, vim);
        }
        return true;
    }

    /** Reduces h to upper Hessenberg form by Householder reflections, accumulating them into q. */
    private static void hessenberg(double[][] h, int n, double[][] q) {
        double[] v = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double norm = 0;
            for (int i = k + 1; i < n; i++) {
                norm = Math.hypot(norm, h[i][k]);
            }
            if (norm == 0) {
                continue;
            }
            double alpha = h[k + 1][k] > 0 ? -norm : norm;
            for (int i = k + 1; i < n; i++) {
                v[i] = h[i][k];
            }
            v[k + 1] -= alpha;
            double vv = 0;
            for (int i = k + 1; i < n; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            reflect(h, q, v, k + 1, n - 1, 2 / vv, n, 0, n - 1);
            h[k + 1][k] = alpha;
            for (int i = k + 2; i < n; i++) {
                h[i][k] = 0;
            }
        }
    }

    /**
     * Applies the reflection I - beta v v^T (v nonzero in rows lo..hi) from the left to h's rows lo..hi (columns
     * from {@code colFrom}), from the right to h's columns lo..hi (rows up to {@code rowTo}), and from the right to q.
     */
    private static void reflect(double[][] h, double[][] q, double[] v, int lo, int hi, double beta, int n,
            int colFrom, int rowTo) {
        for (int j = colFrom; j < n; j++) {
            double s = 0;
            for (int i = lo; i <= hi; i++) {
                s += v[i] * h[i][j];
            }
            s *= beta;
            for (int i = lo; i <= hi; i++) {
                h[i][j] -= s * v[i];
            }
        }
        fromRight(h, rowTo, v, lo, hi, beta);
        fromRight(q, n - 1, v, lo, hi, beta);
    }

    /** m's rows 0..rowTo times I - beta v v^T (v nonzero in lo..hi). */
    private static void fromRight(double[][] m, int rowTo, double[] v, int lo, int hi, double beta) {
        for (int i = 0; i <= rowTo; i++) {
            double[] row = m[i];
            double s = 0;
            for (int j = lo; j <= hi; j++) {
                s += row[j] * v[j];
            }
            s *= beta;
            for (int j = lo; j <= hi; j++) {
                row[j] -= s * v[j];
            }
        }
    }

    /**
     * Francis double-shift QR on the Hessenberg h (updating all of it and q, so h ends as the real Schur form): the
     * active block shrinks from the bottom as subdiagonal entries become negligible; a 2 x 2 block with real
     * eigenvalues is turned upper triangular. False when an eigenvalue took too many sweeps.
     */
    private static boolean schur(double[][] h, int n, double[][] q) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - 1); j < n; j++) {
                norm += Math.abs(h[i][j]);
            }
        }
        double[] v = new double[n];
        int hi = n - 1, sweeps = 0, total = 0;
        while (hi >= 0) {
            int l = hi;
            while (l > 0) {
                double s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
                if (s == 0) {
                    s = norm;
                }
                if (Math.abs(h[l][l - 1]) <= EPS * s) {
                    h[l][l - 1] = 0;
                    break;
                }
                l--;
            }
            if (l == hi) {
                hi--;
                sweeps = 0;
                continue;
            }
            if (l == hi - 1) {
                triangularizeIfReal(h, n, q, hi - 1);
                hi -= 2;
                sweeps = 0;
                continue;
            }
            if (++total > ITERATIONS_PER_EIGENVALUE * n) {
                return false;
            }
            sweeps++;
            double s, t;
            if (sweeps % 11 == 10) {
                // An exceptional shift breaks the cycles the standard one can fall into.
                double w = Math.abs(h[hi][hi - 1]) + Math.abs(h[hi - 1][hi - 2]);
                s = 1.5 * w;
                t = w * w;
            } else {
                s = h[hi - 1][hi - 1] + h[hi][hi];
                t = h[hi - 1][hi - 1] * h[hi][hi] - h[hi - 1][hi] * h[hi][hi - 1];
            }
            double x = h[l][l] * h[l][l] + h[l][l + 1] * h[l + 1][l] - s * h[l][l] + t;
            double y = h[l + 1][l] * (h[l][l] + h[l + 1][l + 1] - s);
            double z = h[l + 1][l] * h[l + 2][l + 1];
            for (int k = l; k <= hi - 1; k++) {
                int last = Math.min(k + 2, hi);
                double alpha = Math.sqrt(x * x + y * y + (last == k + 2 ? z * z : 0));
                if (alpha != 0) {
                    if (x > 0) {
                        alpha = -alpha;
                    }
                    v[k] = x - alpha;
                    v[k + 1] = y;
                    if (last == k + 2) {
                        v[k + 2] = z;
                    }
                    double vv = v[k] * v[k] + y * y + (last == k + 2 ? z * z : 0);
                    reflect(h, q, v, k, last, 2 / vv, n, k == l ? l : k - 1, Math.min(k + 3, hi));
                    if (k > l) {
                        h[k][k - 1] = alpha;
                        h[k + 1][k - 1] = 0;
                        if (last == k + 2) {
                            h[k + 2][k - 1] = 0;
                        }
                    }
                }
                if (k < hi - 1) {
                    x = h[k + 1][k];
                    y = h[k + 2][k];
                    z = k + 3 <= hi ? h[k + 3][k] : 0;
                }
            }
        }
        return true;
    }

    /**
     * For the 2 x 2 diagonal block at rows k, k+1 whose eigenvalues are real: rotates it to upper triangular form
     * (a plane rotation whose first column is an eigenvector of the block), applied to all of h and q.
     */
    private static void triangularizeIfReal(double[][] h, int n, double[][] q, int k) {
        double a = h[k][k], b = h[k][k + 1], c = h[k + 1][k], d = h[k + 1][k + 1];
        double p = 0.5 * (a - d), disc = p * p + b * c;
        if (disc < 0) {
            return;
        }
        double root = Math.sqrt(disc);
        double lambda = d + (p >= 0 ? p + root : p - root);   // the eigenvalue farther from d, without cancellation
        double ex = lambda - d, ey = c;                        // (A - lambda I) e = 0 from the second row
        double fx = b, fy = lambda - a;                        // ... and from the first
        if (Math.hypot(fx, fy) > Math.hypot(ex, ey)) {
            ex = fx;
            ey = fy;
        }
        double r = Math.hypot(ex, ey);
        if (r == 0) {
            return;
        }
        double cs = ex / r, sn = ey / r;
        for (int j = k; j < n; j++) {   // rows k, k+1: G^T
            double u = h[k][j], w = h[k + 1][j];
            h[k][j] = cs * u + sn * w;
            h[k + 1][j] = -sn * u + cs * w;
        }
        for (int i = 0; i <= k + 1; i++) {   // columns k, k+1: G
            double u = h[i][k], w = h[i][k + 1];
            h[i][k] = cs * u + sn * w;
            h[i][k + 1] = -sn * u + cs * w;
        }
        for (int i = 0; i < n; i++) {
            double u = q[i][k], w = q[i][k + 1];
            q[i][k] = cs * u + sn * w;
            q[i][k + 1] = -sn * u + cs * w;
        }
        h[k + 1][k] = 0;
    }

    /**
     * The eigenvectors: for each eigenvalue, x with (T - lambda I) x = 0 by back substitution over T's blocks (a
     * complex pair's second vector is the first's conjugate), then v = Q x, normalized.
     */
    private static void vectors(double[][] t, int n, double[][] q, double[] wr, double[] wi, double[] vre,
            double[] vim) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                norm = Math.max(norm, Math.abs(t[i][j]));
            }
        }
        // A divisor that rounding made 0 (a repeated eigenvalue) is replaced by this, as LAPACK's trevc does.
        double tiny = Math.max(EPS * norm, Double.MIN_NORMAL);
        double[] xr = new double[n], xi = new double[n];
        for (int k = 0; k < n; k++) {
            java.util.Arrays.fill(xr, 0);
            java.util.Arrays.fill(xi, 0);
            double lr = wr[k], li = wi[k];
            int top;
            if (li == 0) {
                xr[k] = 1;
                top = k - 1;
            } else if (li > 0) {
                // The block's own rows: (a - lambda) x_k + b x_k1 = 0 or c x_k + (d - lambda) x_k1 = 0.
                double a = t[k][k], b = t[k][k + 1], c = t[k + 1][k], d = t[k + 1][k + 1];
                if (Math.abs(b) >= Math.abs(c)) {
                    xr[k] = b;
                    xr[k + 1] = lr - a;
                    xi[k + 1] = li;
                } else {
                    xr[k] = lr - d;
                    xi[k] = li;
                    xr[k + 1] = c;
                }
                top = k - 1;
            } else {
                // The conjugate of the previous column's vector.
                for (int i = 0; i < n; i++) {
                    vre[i * n + k] = vre[i * n + k - 1];
                    vim[i * n + k] = -vim[i * n + k - 1];
                }
                continue;
            }
            int end = li == 0 ? k : k + 1;
            for (int i = top; i >= 0; i--) {
                if (i > 0 && t[i][i - 1] != 0) {
                    // Rows i-1, i form a 2 x 2 block: solve its complex 2 x 2 system by Cramer's rule.
                    double r1r = 0, r1i = 0, r2r = 0, r2i = 0;
                    for (int j = i + 1; j <= end; j++) {
                        r1r += t[i - 1][j] * xr[j];
                        r1i += t[i - 1][j] * xi[j];
                        r2r += t[i][j] * xr[j];
                        r2i += t[i][j] * xi[j];
                    }
                    double a11r = t[i - 1][i - 1] - lr, a11i = -li, a12 = t[i - 1][i];
                    double a21 = t[i][i - 1], a22r = t[i][i] - lr, a22i = -li;
                    double detR = a11r * a22r - a11i * a22i - a12 * a21, detI = a11r * a22i + a11i * a22r;
                    if (detR == 0 && detI == 0) {
                        detR = tiny;
                    }
                    // x_{i-1} = (-r1 a22 + a12 r2) / det, x_i = (-r2 a11 + a21 r1) / det
                    double n1r = -(r1r * a22r - r1i * a22i) + a12 * r2r, n1i = -(r1r * a22i + r1i * a22r) + a12 * r2i;
                    double n2r = -(r2r * a11r - r2i * a11i) + a21 * r1r, n2i = -(r2r * a11i + r2i * a11r) + a21 * r1i;
                    divide(n1r, n1i, detR, detI, xr, xi, i - 1);
                    divide(n2r, n2i, detR, detI, xr, xi, i);
                    i--;
                } else {
                    double sr = 0, si = 0;
                    for (int j = i + 1; j <= end; j++) {
                        sr += t[i][j] * xr[j];
                        si += t[i][j] * xi[j];
                    }
                    double dr = t[i][i] - lr, di = -li;
                    if (dr == 0 && di == 0) {
                        dr = tiny;
                    }
                    divide(-sr, -si, dr, di, xr, xi, i);
                }
                rescaleIfLarge(xr, xi, i, end);
            }
            // v = Q x over the nonzero rows of x, then normalized.
            for (int r = 0; r < n; r++) {
                double vr = 0, vi = 0;
                for (int j = 0; j <= end; j++) {
                    vr += q[r][j] * xr[j];
                    vi += q[r][j] * xi[j];
                }
                vre[r * n + k] = vr;
                vim[r * n + k] = vi;
            }
            normalize(vre, vim, n, k);
        }
    }

    /**
     * (nr + i ni) / (dr + i di) into xr[at], xi[at], by Smith's scaling, so that a divisor as small as the smallest
     * normal double (a repeated eigenvalue's stand-in) is not squared into 0.
     */
    private static void divide(double nr, double ni, double dr, double di, double[] xr, double[] xi, int at) {
        if (Math.abs(dr) >= Math.abs(di)) {
            double ratio = di / dr, den = dr + di * ratio;
            xr[at] = (nr + ni * ratio) / den;
            xi[at] = (ni - nr * ratio) / den;
        } else {
            double ratio = dr / di, den = di + dr * ratio;
            xr[at] = (nr * ratio + ni) / den;
            xi[at] = (ni * ratio - nr) / den;
        }
    }

    /** Scales x's rows from..to down when they have grown past 1e100, so that the substitution cannot overflow. */
    private static void rescaleIfLarge(double[] xr, double[] xi, int from, int to) {
        double big = 0;
        for (int j = from; j <= to; j++) {
            big = Math.max(big, Math.abs(xr[j]) + Math.abs(xi[j]));
        }
        if (big > 1e100) {
            for (int j = from; j <= to; j++) {
                xr[j] /= big;
                xi[j] /= big;
            }
        }
    }

    /** Column k to unit norm, its largest-magnitude component (the first such) made real and positive. */
    private static void normalize(double[] vre, double[] vim, int n, int k) {
        double norm = 0, largest = -1;
        int at = 0;
        for (int r = 0; r < n; r++) {
            double m = Math.hypot(vre[r * n + k], vim[r * n + k]);
            norm = Math.hypot(norm, m);
            if (m > largest) {
                largest = m;
                at = r;
            }
        }
        if (norm == 0) {
            return;
        }
        // Multiply by conj(v_at) / (|v_at| norm): v_at becomes |v_at| / norm, real and positive.
        double cr = vre[at * n + k] / (largest * norm), ci = -vim[at * n + k] / (largest * norm);
        for (int r = 0; r < n; r++) {
            double a = vre[r * n + k], b = vim[r * n + k];
            vre[r * n + k] = a * cr - b * ci;
            vim[r * n + k] = a * ci + b * cr;
        }
        vim[at * n + k] = 0;
    }
}
