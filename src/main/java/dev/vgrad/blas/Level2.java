package dev.vgrad.blas;

/**
 * The column-major Level 2 routines beyond the facade's gemv and ger, in the reference BLAS's loop orders (so
 * results round as the reference does): general band, symmetric (full, band, packed) products and rank updates,
 * triangular (full, band, packed) products and solves. Vectors follow BLAS's increment rule.
 */
final class Level2 {
    private Level2() {}

    /** Element i of an n-vector: BLAS starts a negative increment from the far end. */
    static int at(int off, int n, int inc, int i) {
        return (inc >= 0 ? off : off + (n - 1) * -inc) + i * inc;
    }

    static void scale(float beta, float[] y, int off, int n, int inc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < n; i++) {
            int p = at(off, n, inc, i);
            y[p] = beta == 0f ? 0f : beta * y[p];
        }
    }

    /** y = alpha * op(A) * x + beta * y with A m x n in band storage (kl sub-, ku super-diagonals). */
    static void sgbmv(boolean trans, int m, int n, int kl, int ku, float alpha, float[] a, int oa, int lda,
                      float[] x, int ox, int incx, float beta, float[] y, int oy, int incy) {
        if (m == 0 || n == 0 || (alpha == 0f && beta == 1f)) {
            return;
        }
        int lenx = trans ? m : n, leny = trans ? n : m;
        scale(beta, y, oy, leny, incy);
        if (alpha == 0f) {
            return;
        }
        for (int j = 0; j < n; j++) {
            int lo = Math.max(0, j - ku), hi = Math.min(m - 1, j + kl);
            int col = oa + ku - j + j * lda;
            if (!trans) {
                float temp = alpha * x[at(ox, lenx, incx, j)];
                for (int i = lo; i <= hi; i++) {
                    y[at(oy, leny, incy, i)] += temp * a[col + i];
                }
            } else {
                float temp = 0f;
                for (int i = lo; i <= hi; i++) {
                    temp += a[col + i] * x[at(ox, lenx, incx, i)];
                }
                y[at(oy, leny, incy, j)] += alpha * temp;
            }
        }
    }

    /** y = alpha * A * x + beta * y with A symmetric in the given storage. */
    static void symv(Storage s, float alpha, float[] a, float[] x, int ox, int incx, float beta, float[] y, int oy,
                     int incy) {
        int n = s.n;
        if (n == 0 || (alpha == 0f && beta == 1f)) {
            return;
        }
        scale(beta, y, oy, n, incy);
        if (alpha == 0f) {
            return;
        }
        for (int j = 0; j < n; j++) {
            float temp1 = alpha * x[at(ox, n, incx, j)], temp2 = 0f;
            if (!s.upper) {
                y[at(oy, n, incy, j)] += temp1 * a[s.index(j, j)];
            }
            int lo = s.upper ? s.first(j) : j + 1, hi = s.upper ? j - 1 : s.last(j);
            for (int i = lo; i <= hi; i++) {
                float aij = a[s.index(i, j)];
                y[at(oy, n, incy, i)] += temp1 * aij;
                temp2 += aij * x[at(ox, n, incx, i)];
            }
            int yj = at(oy, n, incy, j);
            y[yj] += s.upper ? temp1 * a[s.index(j, j)] + alpha * temp2 : alpha * temp2;
        }
    }

    /** A = alpha * x * y^T + alpha * y * x^T + A on the stored triangle (y == null: alpha * x * x^T + A). */
    static void syr(Storage s, float alpha, float[] x, int ox, int incx, float[] y, int oy, int incy, float[] a) {
        int n = s.n;
        if (n == 0 || alpha == 0f) {
            return;
        }
        for (int j = 0; j < n; j++) {
            float xj = x[at(ox, n, incx, j)], yj = y == null ? 0f : y[at(oy, n, incy, j)];
            if (y == null ? xj == 0f : xj == 0f && yj == 0f) {
                continue;
            }
            float temp1 = alpha * (y == null ? xj : yj), temp2 = alpha * xj;
            for (int i = s.first(j); i <= s.last(j); i++) {
                int p = s.index(i, j);
                a[p] += y == null ? x[at(ox, n, incx, i)] * temp1
                        : x[at(ox, n, incx, i)] * temp1 + y[at(oy, n, incy, i)] * temp2;
            }
        }
    }

    /** x = op(A) * x with A triangular in the given storage. */
    static void trmv(Storage s, boolean trans, boolean unit, float[] a, float[] x, int ox, int incx) {
        int n = s.n;
        boolean forward = s.upper != trans;
        for (int step = 0; step < n; step++) {
            int j = forward ? step : n - 1 - step;
            int xj = at(ox, n, incx, j);
            if (!trans) {
                float temp = x[xj];
                if (temp != 0f) {
                    int lo = s.upper ? s.first(j) : j + 1, hi = s.upper ? j - 1 : s.last(j);
                    for (int i = lo; i <= hi; i++) {
                        x[at(ox, n, incx, i)] += temp * a[s.index(i, j)];
                    }
                    if (!unit) {
                        x[xj] *= a[s.index(j, j)];
                    }
                }
            } else {
                float temp = x[xj];
                if (!unit) {
                    temp *= a[s.index(j, j)];
                }
                if (s.upper) {
                    for (int i = j - 1; i >= s.first(j); i--) {
                        temp += a[s.index(i, j)] * x[at(ox, n, incx, i)];
                    }
                } else {
                    for (int i = j + 1; i <= s.last(j); i++) {
                        temp += a[s.index(i, j)] * x[at(ox, n, incx, i)];
                    }
                }
                x[xj] = temp;
            }
        }
    }

    /** Solves op(A) * x = b for x (b given in x) with A triangular in the given storage. */
    static void trsv(Storage s, boolean trans, boolean unit, float[] a, float[] x, int ox, int incx) {
        int n = s.n;
        boolean forward = s.upper == trans;
        for (int step = 0; step < n; step++) {
            int j = forward ? step : n - 1 - step;
            int xj = at(ox, n, incx, j);
            if (!trans) {
                if (x[xj] != 0f) {
                    if (!unit) {
                        x[xj] /= a[s.index(j, j)];
                    }
                    float temp = x[xj];
                    if (s.upper) {
                        for (int i = j - 1; i >= s.first(j); i--) {
                            x[at(ox, n, incx, i)] -= temp * a[s.index(i, j)];
                        }
                    } else {
                        for (int i = j + 1; i <= s.last(j); i++) {
                            x[at(ox, n, incx, i)] -= temp * a[s.index(i, j)];
                        }
                    }
                }
            } else {
                float temp = x[xj];
                if (s.upper) {
                    for (int i = s.first(j); i <= j - 1; i++) {
                        temp -= a[s.index(i, j)] * x[at(ox, n, incx, i)];
                    }
                } else {
                    for (int i = s.last(j); i >= j + 1; i--) {
                        temp -= a[s.index(i, j)] * x[at(ox, n, incx, i)];
                    }
                }
                if (!unit) {
                    temp /= a[s.index(j, j)];
                }
                x[xj] = temp;
            }
        }
    }
}
