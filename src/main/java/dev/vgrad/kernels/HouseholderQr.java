package dev.vgrad.kernels;

/**
 * Householder QR by blocks of reflectors, as LAPACK's geqrf and orgqr: a panel of PANEL columns is factored one
 * reflector at a time in contiguous column copies, then its reflectors reach the rest of the matrix together as one
 * block reflector I - V T V^T (T from larft), two passes over the rows instead of two for each reflector: W = V^T X,
 * then X -= V (T W), each a {@link RowCombination} pass (for W, X's rows are the terms and W's rows the
 * destinations). The matrix is held by rows. Signs are LAPACK's: a column whose part below the diagonal is already
 * zero is left unreflected (tau = 0), so Q and R come out as {@code torch.linalg.qr}'s.
 */
final class HouseholderQr {
    /** Reflectors per block: the block passes read X PANEL / 2 + 2 times for PANEL reflectors. */
    private static final int PANEL = 8;

    private HouseholderQr() {}

    /**
     * Factors a (m x n, by rows) in place: R on and above the diagonal, each reflector's vector below it (its leading
     * 1 implied). Returns the min(m, n) taus.
     */
    static double[] factor(double[][] a, int m, int n) {
        int steps = Math.min(m, n);
        double[] tau = new double[steps];
        double[] panel = new double[PANEL * m];
        RowCombination terms = new RowCombination(Math.max(m, PANEL));
        for (int k0 = 0; k0 < steps; k0 += PANEL) {
            int width = Math.min(steps, k0 + PANEL) - k0;
            for (int i = k0; i < m; i++) {
                for (int c = 0; c < width; c++) {
                    panel[c * m + i] = a[i][k0 + c];
                }
            }
            for (int c = 0; c < width; c++) {
                tau[k0 + c] = reflectPanelColumn(panel, m, k0, c, width);
            }
            for (int i = k0; i < m; i++) {
                for (int c = 0; c < width; c++) {
                    a[i][k0 + c] = panel[c * m + i];
                }
            }
            if (k0 + width < n) {
                double[] v = reflectors(a, m, k0, width);
                apply(v, m, k0, width, triangularFactor(v, m, k0, width, tau), true, a, k0 + width, n, terms);
            }
        }
        return tau;
    }

    /**
     * The first qCols columns of Q = H_0 H_1 ... (m x qCols, by rows, in {@link RowBuffers} slot 1) from
     * {@link #factor}'s output: the blocks applied to the identity's columns last block first, each to the rows and
     * columns from its first one on (Q's columns left of a block are still the identity's there, zero below it).
     */
    static double[][] formQ(double[][] a, int m, int n, double[] tau, int qCols) {
        double[][] q = RowBuffers.get(1, m, qCols, true);
        for (int j = 0; j < Math.min(m, qCols); j++) {
            q[j][j] = 1;
        }
        RowCombination terms = new RowCombination(Math.max(m, PANEL));
        int steps = tau.length;
        for (int k0 = (steps - 1) / PANEL * PANEL; k0 >= 0 && steps > 0; k0 -= PANEL) {
            int width = Math.min(steps, k0 + PANEL) - k0;
            double[] v = reflectors(a, m, k0, width);
            apply(v, m, k0, width, triangularFactor(v, m, k0, width, tau), false, q, k0, qCols, terms);
        }
        return q;
    }

    /**
     * Reflector k0 + c of the panel (columns of m, rows from k0 valid): computes it from its column, stores beta on
     * the diagonal and v below, and applies it to the panel's later columns. Returns tau (0: no reflection).
     */
    private static double reflectPanelColumn(double[] panel, int m, int k0, int c, int width) {
        int k = k0 + c, col = c * m;
        double below = DoubleDot.dot(panel, col + k + 1, panel, col + k + 1, m - k - 1);
        double alpha = panel[col + k];
        if (below == 0) {
            return 0;   // H = I: geqrf's tau = 0
        }
        double beta = -Math.copySign(Math.sqrt(alpha * alpha + below), alpha);
        double tau = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int i = k + 1; i < m; i++) {
            panel[col + i] *= scale;   // v = [1, x[k+1:] / (alpha - beta)]
        }
        panel[col + k] = beta;
        for (int c2 = c + 1; c2 < width; c2++) {
            int other = c2 * m;
            double w = panel[other + k] + DoubleDot.dot(panel, col + k + 1, panel, other + k + 1, m - k - 1);
            double tw = tau * w;
            panel[other + k] -= tw;
            for (int i = k + 1; i < m; i++) {
                panel[other + i] -= tw * panel[col + i];
            }
        }
        return tau;
    }

    /**
     * The block's V by columns (column c at c * m, rows k0..m-1 filled): 1 on its diagonal, the stored vector below,
     * zero above, so that T's dot products and the passes read it without asking which part an element is in.
     */
    private static double[] reflectors(double[][] a, int m, int k0, int width) {
        double[] v = new double[width * m];
        for (int c = 0; c < width; c++) {
            int k = k0 + c;
            v[c * m + k] = 1;
            for (int i = k + 1; i < m; i++) {
                v[c * m + i] = a[i][k];
            }
        }
        return v;
    }

    /**
     * The upper triangular T of H_k0 ... H_k0+width-1 = I - V T V^T (LAPACK's larft, forward and by columns):
     * T[c][c] = tau_c, and column c above the diagonal -tau_c T V^T v_c.
     */
    private static double[][] triangularFactor(double[] v, int m, int k0, int width, double[] tau) {
        double[][] t = new double[width][width];
        double[] z = new double[width];
        for (int c = 0; c < width; c++) {
            double tc = tau[k0 + c];
            t[c][c] = tc;
            if (tc == 0) {
                continue;
            }
            for (int s = 0; s < c; s++) {
                z[s] = DoubleDot.dot(v, s * m + k0 + c, v, c * m + k0 + c, m - k0 - c);
            }
            for (int s = 0; s < c; s++) {
                double sum = 0;
                for (int p = s; p < c; p++) {
                    sum += t[s][p] * z[p];
                }
                t[s][c] = -tc * sum;
            }
        }
        return t;
    }

    /**
     * x's rows k0..m-1, columns from..to-1: X = (I - V T^T V^T) X when {@code transposed} (the block's H^T, to reduce
     * A) or (I - V T V^T) X (its H, to build Q).
     */
    private static void apply(double[] v, int m, int k0, int width, double[][] t, boolean transposed, double[][] x,
            int from, int to, RowCombination terms) {
        // W = V^T X, two of its rows a pass: row c starts as x's row k0 + c (V's 1), then takes the rows below
        double[][] w = new double[width][x[0].length];
        for (int c = 0; c < width; c += 2) {
            boolean pair = c + 1 < width;
            System.arraycopy(x[k0 + c], from, w[c], from, to - from);
            terms.clear();
            for (int i = k0 + c + 1; i < m; i++) {
                terms.add(-v[c * m + i], pair ? -v[(c + 1) * m + i] : 0, x[i]);
            }
            if (pair) {
                terms.subtractFrom(w[c], w[c + 1], from, to);
            } else {
                terms.subtractFrom(w[c], from, to);
            }
        }
        // W <- T^T W or T W (T is upper triangular; each row of the product from rows of W not yet overwritten)
        double[][] tw = new double[width][];
        for (int c = 0; c < width; c++) {
            double[] row = new double[x[0].length];
            for (int s = transposed ? 0 : c; transposed ? s <= c : s < width; s++) {
                double f = transposed ? t[s][c] : t[c][s];
                if (f != 0) {
                    double[] ws = w[s];
                    for (int j = from; j < to; j++) {
                        row[j] += f * ws[j];
                    }
                }
            }
            tw[c] = row;
        }
        // X -= V (T W): the block's first rows take the reflectors that reach them, the rest all of them, in pairs
        for (int i = k0; i < m; ) {
            boolean pair = i + 1 < m && i + 1 >= k0 + width - 1;
            terms.clear();
            for (int c = 0; c < width && k0 + c <= i + (pair ? 1 : 0); c++) {
                terms.add(v[c * m + i], pair ? v[c * m + i + 1] : 0, tw[c]);
            }
            if (pair) {
                terms.subtractFrom(x[i], x[i + 1], from, to);
                i += 2;
            } else {
                terms.subtractFrom(x[i], from, to);
                i++;
            }
        }
    }
}
