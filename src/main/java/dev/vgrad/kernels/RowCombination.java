package dev.vgrad.kernels;

/**
 * A linear combination of matrix rows subtracted from a row, x -= f_0 r_0 + f_1 r_1 + ..., or from two rows at once
 * with factors of their own (y -= g_0 r_0 + ...): the update every elimination step of the factorizations makes.
 * Terms are subtracted in the order they were added, one at a time for each element, so the result is the same bits
 * as subtracting them one pass after another; but four terms share one pass over x (x is then loaded and stored once
 * for four rows instead of once for each), and a pair of destinations shares the loads of the four rows.
 *
 * <p>Rows are arrays of their own, indexed alike: C2 vectorizes a loop over several arrays at one index, but not one
 * over two ranges of the same array, which might overlap as far as it can tell. A term whose factor is zero is left
 * out, as LAPACK's unblocked eliminations skip it: zero times an infinity in its row would otherwise put a NaN where
 * there is none.
 */
final class RowCombination {
    private final double[] factors, second;
    private final double[][] rows;
    private int count;
    /** The terms of one destination with its zero factors left out, for passes over one row. */
    private final double[] kept;
    private final double[][] keptRows;

    /** Room for up to {@code capacity} terms. */
    RowCombination(int capacity) {
        factors = new double[capacity];
        second = new double[capacity];
        rows = new double[capacity][];
        kept = new double[capacity];
        keptRows = new double[capacity][];
    }

    /** Forgets the terms collected so far. */
    void clear() {
        count = 0;
    }

    /** Appends the term f r for one destination row. */
    void add(double f, double[] r) {
        add(f, 0, r);
    }

    /** Appends the terms f r for the first of two destination rows and g r for the second. */
    void add(double f, double g, double[] r) {
        factors[count] = f;
        second[count] = g;
        rows[count++] = r;
    }

    /** x[from..to) -= the terms' rows over the same range (the first factors), term by term in order. */
    void subtractFrom(double[] x, int from, int to) {
        subtract(x, from, to, keep(factors), kept, keptRows);
    }

    /** x -= the terms with the first factors and y -= with the second, each as {@link #subtractFrom} would. */
    void subtractFrom(double[] x, double[] y, int from, int to) {
        if (hasZero(factors) || hasZero(second)) {
            subtract(x, from, to, keep(factors), kept, keptRows);
            subtract(y, from, to, keep(second), kept, keptRows);
            return;
        }
        int t = 0;
        for (; t + 3 < count; t += 4) {
            double f0 = factors[t], f1 = factors[t + 1], f2 = factors[t + 2], f3 = factors[t + 3];
            double g0 = second[t], g1 = second[t + 1], g2 = second[t + 2], g3 = second[t + 3];
            double[] r0 = rows[t], r1 = rows[t + 1], r2 = rows[t + 2], r3 = rows[t + 3];
            int j = Vectorization.ENABLED
                    ? VectorRowCombination.subtract4Pair(x, y, from, to, f0, g0, r0, f1, g1, r1, f2, g2, r2, f3, g3, r3)
                    : from;
            for (; j < to; j++) {
                double a0 = r0[j], a1 = r1[j], a2 = r2[j], a3 = r3[j];
                x[j] = x[j] - f0 * a0 - f1 * a1 - f2 * a2 - f3 * a3;
                y[j] = y[j] - g0 * a0 - g1 * a1 - g2 * a2 - g3 * a3;
            }
        }
        int done = t;
        subtract(x, from, to, copyFrom(done, factors), kept, keptRows);
        subtract(y, from, to, copyFrom(done, second), kept, keptRows);
    }

    private boolean hasZero(double[] f) {
        for (int t = 0; t < count; t++) {
            if (f[t] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Copies the terms with nonzero factors f into kept and keptRows; returns how many. */
    private int keep(double[] f) {
        int c = 0;
        for (int t = 0; t < count; t++) {
            if (f[t] != 0) {
                kept[c] = f[t];
                keptRows[c++] = rows[t];
            }
        }
        return c;
    }

    /** Copies the terms from index {@code from} on (none of them zero) into kept and keptRows; returns how many. */
    private int copyFrom(int from, double[] f) {
        int c = 0;
        for (int t = from; t < count; t++) {
            kept[c] = f[t];
            keptRows[c++] = rows[t];
        }
        return c;
    }

    private static void subtract(double[] x, int from, int to, int count, double[] f, double[][] r) {
        int t = 0;
        for (; t + 3 < count; t += 4) {
            double f0 = f[t], f1 = f[t + 1], f2 = f[t + 2], f3 = f[t + 3];
            double[] r0 = r[t], r1 = r[t + 1], r2 = r[t + 2], r3 = r[t + 3];
            int j = Vectorization.ENABLED
                    ? VectorRowCombination.subtract4(x, from, to, f0, r0, f1, r1, f2, r2, f3, r3) : from;
            for (; j < to; j++) {
                x[j] = x[j] - f0 * r0[j] - f1 * r1[j] - f2 * r2[j] - f3 * r3[j];
            }
        }
        for (; t + 1 < count; t += 2) {
            double f0 = f[t], f1 = f[t + 1];
            double[] r0 = r[t], r1 = r[t + 1];
            for (int j = from; j < to; j++) {
                x[j] = x[j] - f0 * r0[j] - f1 * r1[j];
            }
        }
        if (t < count) {
            double f0 = f[t];
            double[] r0 = r[t];
            for (int j = from; j < to; j++) {
                x[j] -= f0 * r0[j];
            }
        }
    }
}
