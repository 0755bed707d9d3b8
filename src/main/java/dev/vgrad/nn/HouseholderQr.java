package dev.vgrad.nn;

/**
 * The orthonormal factor of a QR factorisation in double precision, by Householder reflections (as LAPACK's geqrf
 * computes it), with each column's sign chosen so that R's diagonal is positive: that Q is unique for a matrix of full
 * column rank, so it is the one {@code torch.linalg.qr} gives after {@code orthogonal_}'s sign correction.
 */
final class HouseholderQr {
    private HouseholderQr() {}

    /** Q (m x n, orthonormal columns) of {@code a} (m x n, m >= n, overwritten). */
    static double[][] orthonormalFactor(double[][] a) {
        int m = a.length, n = a[0].length;
        double[][] reflectors = new double[n][];
        double[] sign = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            double alpha = a[k][k] >= 0 ? -norm : norm;   // R's diagonal entry; the sign that avoids cancellation
            double[] v = new double[m];
            for (int i = k; i < m; i++) {
                v[i] = a[i][k];
            }
            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < m; i++) {
                vv += v[i] * v[i];
            }
            reflectors[k] = vv == 0 ? null : v;
            if (vv != 0) {
                reflect(v, vv, k, a, k, n);
            }
            sign[k] = a[k][k] < 0 ? -1 : 1;
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, then column k times sign(R_kk)
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            q[j][j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = reflectors[k];
            if (v == null) {
                continue;
            }
            double vv = 0;
            for (int i = k; i < m; i++) {
                vv += v[i] * v[i];
            }
            reflect(v, vv, k, q, 0, n);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] *= sign[j];
            }
        }
        return q;
    }

    /** Applies the reflection I - 2 v v^T / (v^T v), v nonzero from row k on, to columns from..to-1 of x. */
    private static void reflect(double[] v, double vv, int k, double[][] x, int from, int to) {
        for (int j = from; j < to; j++) {
            double dot = 0;
            for (int i = k; i < x.length; i++) {
                dot += v[i] * x[i][j];
            }
            double f = 2 * dot / vv;
            for (int i = k; i < x.length; i++) {
                x[i][j] -= f * v[i];
            }
        }
    }
}
