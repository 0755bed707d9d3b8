package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked LU, solves, inverse and Cholesky against the textbook loops they reorganise (written here plainly, one
 * step and one element at a time): the same bits, on sizes around the panel width and its multiples, with zero
 * pivots, zeros in the multipliers, infinities and NaNs. The blocked QR against the reflector-by-reflector one to
 * rounding; eigenvectors and singular value decompositions by what they must satisfy, over ranks, zeros and scales
 * near 1e-200 and 1e200; the dot product's one fixed order; hypot.
 */
class FactorizationsTest {
    private static final int[] SIZES = {1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 31, 33, 40, 57, 64, 65};

    @Test
    void luIsTheTextbookLoopsBits() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : SIZES) {
            for (int kind = 0; kind < 4; kind++) {
                double[] a = matrix(r, n * n, kind);
                double[] want = a.clone(), got = a.clone();
                int[] wantPivots = new int[n], gotPivots = new int[n];
                int wantInfo = referenceLu(want, n, wantPivots);
                int gotInfo = Factorizations.lu(got, n, gotPivots);
                String what = "n " + n + ", kind " + kind;
                assertEquals(wantInfo, gotInfo, what);
                assertArrayEquals(wantPivots, gotPivots, what);
                assertBits(want, got, what);
            }
        }
    }

    @Test
    void rectangularLuIsTheTextbookLoopsBits() {
        SplittableRandom r = new SplittableRandom(14);
        int[][] shapes = {{1, 3}, {3, 1}, {5, 9}, {9, 5}, {4, 13}, {13, 4}, {17, 30}, {30, 17}, {33, 8}, {8, 33}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1];
            for (int kind = 0; kind < 4; kind++) {
                double[] a = matrix(r, m * n, kind == 1 ? 2 : kind);
                double[] want = a.clone(), got = a.clone();
                int[] wantPivots = new int[Math.min(m, n)], gotPivots = new int[Math.min(m, n)];
                String what = m + " x " + n + ", kind " + kind;
                assertEquals(referenceLu(want, m, n, wantPivots), Factorizations.lu(got, m, n, gotPivots), what);
                assertArrayEquals(wantPivots, gotPivots, what);
                assertBits(want, got, what);
            }
        }
    }

    @Test
    void solvesAreTheTextbookLoopsBits() {
        SplittableRandom r = new SplittableRandom(6);
        for (int n : SIZES) {
            for (int k : new int[] {1, 3, n, 2 * n + 1}) {
                double[] t = matrix(r, n * n, 0), b = matrix(r, n * k, 0);
                for (boolean upper : new boolean[] {false, true}) {
                    for (boolean unit : new boolean[] {false, true}) {
                        double[] want = b.clone(), got = b.clone();
                        referenceTriangularSolve(t, n, upper, unit, want, k);
                        Factorizations.triangularSolve(t, n, upper, unit, got, k);
                        assertBits(want, got, "n " + n + ", k " + k + ", upper " + upper + ", unit " + unit);
                    }
                }
                double[] lu = t.clone();
                int[] pivots = new int[n];
                referenceLu(lu, n, pivots);
                double[] want = b.clone(), got = b.clone();
                for (int i = 0; i < n; i++) {
                    swapRows(want, k, i, pivots[i]);
                }
                referenceTriangularSolve(lu, n, false, true, want, k);
                referenceTriangularSolve(lu, n, true, false, want, k);
                Factorizations.luSolve(lu, n, pivots, got, k);
                assertBits(want, got, "luSolve, n " + n + ", k " + k);
            }
        }
    }

    @Test
    void inverseIsTheSolveAgainstTheIdentity() {
        SplittableRandom r = new SplittableRandom(8);
        for (int n : SIZES) {
            for (int kind = 0; kind < 3; kind++) {
                double[] lu = matrix(r, n * n, kind == 1 ? 2 : 0);
                int[] pivots = new int[n];
                referenceLu(lu, n, pivots);
                if (kind == 2) {
                    lu[n * n - 1] = 0;   // a singular U: infinities and NaNs where the solve has them
                }
                double[] want = new double[n * n];
                for (int i = 0; i < n; i++) {
                    want[i * n + i] = 1;
                }
                for (int i = 0; i < n; i++) {
                    swapRows(want, n, i, pivots[i]);
                }
                referenceTriangularSolve(lu, n, false, true, want, n);
                referenceTriangularSolve(lu, n, true, false, want, n);
                double[] got = luInverse(lu, n, pivots);
                for (int i = 0; i < n * n; i++) {
                    // the zeros the forward solve skips may leave a zero's sign apart; every value is the same
                    assertEquals(want[i], got[i], 0, "n " + n + ", kind " + kind + ", element " + i);
                }
            }
        }
    }

    @Test
    void invertIsLuThenItsInverse() {
        SplittableRandom r = new SplittableRandom(15);
        for (int n : SIZES) {
            for (int kind = 0; kind < 4; kind++) {
                double[] a = matrix(r, n * n, kind);
                double[] lu = a.clone(), got = a.clone();
                int[] pivots = new int[n];
                int info = Factorizations.lu(lu, n, pivots);
                double[] want = luInverse(lu, n, pivots);
                assertEquals(info, Factorizations.invert(got, n), "n " + n + ", kind " + kind);
                assertBits(want, got, "n " + n + ", kind " + kind);
            }
        }
    }

    @Test
    void choleskyIsTheTextbookRightLookingLoopsBits() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : SIZES) {
            double[] g = matrix(r, n * n, 0), a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0;
                    for (int p = 0; p < n; p++) {
                        s += g[i * n + p] * g[j * n + p];
                    }
                    a[i * n + j] = s;
                }
            }
            double[] want = a.clone(), got = a.clone();
            assertEquals(0, referenceCholesky(want, n));
            assertEquals(0, Factorizations.cholesky(got, n));
            assertBits(want, got, "n " + n);
            if (n > 2) {
                double[] indefinite = a.clone();
                indefinite[(n / 2) * n + n / 2] = -1;   // the leading minor of order n/2 + 1 fails first
                double[] copy = indefinite.clone();
                assertEquals(referenceCholesky(copy, n), Factorizations.cholesky(indefinite.clone(), n));
                double[] nan = a.clone();
                nan[(n - 1) * n] = Double.NaN;
                double[] wantNan = nan.clone();
                assertEquals(referenceCholesky(wantNan, n), Factorizations.cholesky(nan, n));
                assertBits(wantNan, nan, "NaN, n " + n);
            }
        }
    }

    @Test
    void blockedQrIsTheReflectorByReflectorQrToRounding() {
        SplittableRandom r = new SplittableRandom(9);
        int[][] shapes = {{1, 1}, {5, 3}, {3, 5}, {8, 8}, {9, 9}, {17, 17}, {16, 16}, {33, 20}, {20, 33}, {40, 40},
            {65, 31}, {31, 65}, {70, 70}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1], k = Math.min(m, n);
            for (int kind = 0; kind < 3; kind++) {
                double[] a = matrix(r, m * n, kind == 1 ? 2 : 0);
                if (kind == 1) {
                    // full rank (a rank-deficient matrix's later columns of Q are any basis, rounding picks one)
                    for (int i = 0; i < k; i++) {
                        a[i * n + i] += 4;
                    }
                    for (int i = 1; i < m; i++) {
                        a[i * n] = 0;   // the first column already reduced: tau = 0, no reflection
                    }
                }
                for (int qCols : new int[] {k, m}) {
                    double[] wantQ = new double[m * qCols], wantR = new double[qCols * n];
                    double[] gotQ = new double[m * qCols], gotR = new double[qCols * n];
                    referenceQr(a.clone(), m, n, wantQ, qCols, wantR);
                    double[] copy = a.clone();
                    Factorizations.qr(copy, m, n, gotQ, qCols, gotR);
                    assertArrayEquals(a, copy, "the input is left as it was");
                    String what = m + " x " + n + ", kind " + kind + ", qCols " + qCols;
                    assertClose(wantQ, gotQ, 1e-12, "Q, " + what);
                    assertClose(wantR, gotR, 1e-12, "R, " + what);
                }
            }
        }
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        double scale = 1;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * scale, what + ", element " + i);
        }
    }

    /** geqrf and orgqr one reflector at a time, each applied to the whole trailing matrix. */
    private static void referenceQr(double[] a, int m, int n, double[] q, int qCols, double[] r) {
        int steps = Math.min(m, n);
        double[] tau = new double[steps];
        for (int k = 0; k < steps; k++) {
            double below = 0;
            for (int i = k + 1; i < m; i++) {
                below += a[i * n + k] * a[i * n + k];
            }
            if (below == 0) {
                continue;
            }
            double alpha = a[k * n + k], beta = -Math.copySign(Math.sqrt(alpha * alpha + below), alpha);
            tau[k] = (beta - alpha) / beta;
            for (int i = k + 1; i < m; i++) {
                a[i * n + k] /= alpha - beta;
            }
            a[k * n + k] = beta;
            reflect(a, n, k, m, a, n, k, k + 1, n, tau[k]);
        }
        for (int i = 0; i < qCols; i++) {
            for (int j = 0; j < n; j++) {
                r[i * n + j] = i < m && j >= i ? a[i * n + j] : 0;
            }
        }
        for (int j = 0; j < qCols; j++) {
            q[j * qCols + j] = j < m ? 1 : 0;
        }
        for (int k = steps - 1; k >= 0; k--) {
            reflect(q, qCols, k, m, a, n, k, 0, qCols, tau[k]);
        }
    }

    /** x's rows k.. and columns from..to-1 times I - tau v v^T, v column col of h below row k with a 1 at row k. */
    private static void reflect(double[] x, int xCols, int k, int m, double[] h, int hCols, int col, int from, int to,
            double tau) {
        for (int j = from; j < to; j++) {
            double w = x[k * xCols + j];
            for (int i = k + 1; i < m; i++) {
                w += h[i * hCols + col] * x[i * xCols + j];
            }
            x[k * xCols + j] -= tau * w;
            for (int i = k + 1; i < m; i++) {
                x[i * xCols + j] -= tau * h[i * hCols + col] * w;
            }
        }
    }

    @Test
    void symmetricEigenvectorsDiagonalizeTheirMatrix() {
        SplittableRandom r = new SplittableRandom(10);
        for (int n : SIZES) {
            for (int kind = 0; kind < 3; kind++) {
                double[] g = matrix(r, n * n, kind == 1 ? 2 : 0), a = new double[n * n];
                double scale = kind < 2 ? 1 : n % 2 == 0 ? 1e-200 : 1e200;   // squares that under- or overflow
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        a[i * n + j] = (g[i * n + j] + g[j * n + i]) * scale;
                    }
                }
                double[] values = new double[n], vectors = new double[n * n];
                Factorizations.symmetricEigen(a.clone(), n, values, vectors);
                double norm = 0;
                for (double x : a) {
                    norm = Math.max(norm, Math.abs(x));
                }
                String what = "n " + n + ", kind " + kind;
                for (int c = 0; c < n; c++) {
                    if (c > 0) {
                        assertEquals(true, values[c - 1] <= values[c], "ascending, " + what);
                    }
                    for (int i = 0; i < n; i++) {
                        double av = 0;
                        for (int p = 0; p < n; p++) {
                            av += a[i * n + p] * vectors[p * n + c];
                        }
                        assertEquals(values[c] * vectors[i * n + c], av, 1e-12 * n * norm, "A v = lambda v, " + what);
                    }
                    for (int d = 0; d < n; d++) {
                        double dot = 0;
                        for (int p = 0; p < n; p++) {
                            dot += vectors[p * n + c] * vectors[p * n + d];
                        }
                        assertEquals(c == d ? 1 : 0, dot, 1e-12 * n, "orthonormal, " + what);
                    }
                }
            }
        }
    }

    @Test
    void singularValueDecompositionsReassembleTheirMatrix() {
        SplittableRandom r = new SplittableRandom(12);
        int[][] shapes = {{1, 1}, {2, 1}, {1, 3}, {2, 2}, {3, 3}, {5, 3}, {3, 5}, {9, 9}, {17, 8}, {8, 17}, {33, 33},
            {40, 23}, {23, 40}, {64, 64}, {70, 65}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1], k = Math.min(m, n);
            for (int kind = 0; kind < 5; kind++) {
                double[] a = matrix(r, m * n, kind == 1 ? 2 : 0);
                if (kind == 2) {   // rank 2 or less: the rest of U and V must still be orthonormal
                    double[] x = matrix(r, 2 * m, 0), y = matrix(r, 2 * n, 0);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            a[i * n + j] = x[2 * i] * y[2 * j] + x[2 * i + 1] * y[2 * j + 1];
                        }
                    }
                } else if (kind == 3) {
                    java.util.Arrays.fill(a, 0);
                } else if (kind == 4) {   // far from 1 either way: the shifts' squares must not overflow
                    double scale = r.nextBoolean() ? 1e-200 : 1e200;
                    for (int i = 0; i < a.length; i++) {
                        a[i] *= scale;
                    }
                }
                for (boolean full : new boolean[] {false, true}) {
                    int uCols = full ? m : k, vRows = full ? n : k;
                    double[] u = new double[m * uCols], s = new double[k], vt = new double[vRows * n];
                    double[] copy = a.clone();
                    Factorizations.svd(copy, m, n, u, uCols, s, vt, vRows);
                    String what = m + " x " + n + ", kind " + kind + ", full " + full;
                    assertArrayEquals(a, copy, "the input is left as it was, " + what);
                    double norm = 0;
                    for (double x : a) {
                        norm = Math.max(norm, Math.abs(x));
                    }
                    for (int c = 0; c < k; c++) {
                        assertEquals(true, s[c] >= 0 && (c == 0 || s[c] <= s[c - 1]), "descending, " + what);
                    }
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int c = 0; c < k; c++) {
                                sum += u[i * uCols + c] * s[c] * vt[c * n + j];
                            }
                            assertEquals(a[i * n + j], sum, 1e-13 * (m + n) * norm, "U S Vt = A, " + what);
                        }
                    }
                    assertOrthonormalColumns(u, m, uCols, "U, " + what);
                    assertOrthonormalColumns(Factorizations.transpose(vt, vRows, n), n, vRows, "V, " + what);
                }
            }
        }
    }

    private static void assertOrthonormalColumns(double[] q, int rows, int cols, String what) {
        for (int c = 0; c < cols; c++) {
            for (int d = c; d < cols; d++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += q[i * cols + c] * q[i * cols + d];
                }
                assertEquals(c == d ? 1 : 0, dot, 1e-13 * (rows + cols), what + ", columns " + c + " and " + d);
            }
        }
    }

    @Test
    void dotProductsAddInTheirOneFixedOrder() {
        SplittableRandom r = new SplittableRandom(13);
        for (int len = 0; len < 70; len++) {
            double[] x = matrix(r, len + 5, 0), y = matrix(r, len + 9, 0);
            int xOff = r.nextInt(6), yOff = r.nextInt(10);
            double[] sums = new double[8];
            for (int i = 0; i < len; i++) {
                sums[i % 8] += x[xOff + i] * y[yOff + i];
            }
            double want = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
            assertBits(new double[] {want}, new double[] {DoubleDot.dot(x, xOff, y, yOff, len)}, "length " + len);
        }
    }

    @Test
    void hypotNeitherOverflowsNorUnderflows() {
        assertEquals(5, SymmetricEigen.hypot(3, -4), 0);
        assertEquals(5e300, SymmetricEigen.hypot(3e300, 4e300), 1e286);
        assertEquals(5e-300, SymmetricEigen.hypot(-3e-300, 4e-300), 1e-314);
        assertEquals(1e200, SymmetricEigen.hypot(1e200, 1e-200), 0);
        assertEquals(0, SymmetricEigen.hypot(0, -0.0), 0);
        assertEquals(Double.POSITIVE_INFINITY, SymmetricEigen.hypot(Double.NEGATIVE_INFINITY, 1), 0);
        assertEquals(true, Double.isNaN(SymmetricEigen.hypot(Double.NaN, 1)));
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            double a = r.nextGaussian() * Math.scalb(1.0, r.nextInt(-600, 600)), b = r.nextGaussian();
            assertEquals(Math.hypot(a, b), SymmetricEigen.hypot(a, b), 2 * Math.ulp(Math.hypot(a, b)));
        }
    }

    /** Factorizations' inverse from flat LU factors, through its rows (as invert runs it above the small sizes). */
    private static double[] luInverse(double[] lu, int n, int[] pivots) {
        double[] inverse = new double[n * n];
        Factorizations.store(Factorizations.luInverse(Factorizations.rows(0, lu, n, n), n, pivots), n, inverse);
        return inverse;
    }

    /** kind 0: Gaussian; 1: a zero column (zero pivots); 2: many exact zeros; 3: an infinity and a NaN. */
    private static double[] matrix(SplittableRandom r, int len, int kind) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = kind == 2 && r.nextInt(3) > 0 ? 0 : r.nextGaussian();
        }
        int n = (int) Math.round(Math.sqrt(len));
        if (kind == 1 && n * n == len) {
            for (int i = 0; i < n; i++) {
                a[i * n + n / 2] = 0;
            }
        }
        if (kind == 3 && len > 3) {
            a[len / 2] = Double.POSITIVE_INFINITY;
            a[len / 3] = Double.NaN;
        }
        return a;
    }

    /**
     * The same bits, a zero's sign included; any NaN equals any other (which of two NaN operands x86 passes on
     * depends on the order C2 gives a commutative multiply's operands, so a NaN's payload is not a result).
     */
    private static void assertBits(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToLongBits(want[i]) != Double.doubleToLongBits(got[i])) {
                assertEquals(want[i], got[i], 0, what + ", element " + i);
                throw new AssertionError(what + ", element " + i + ": " + got[i] + " against " + want[i]);
            }
        }
    }

    private static int referenceLu(double[] a, int n, int[] pivots) {
        return referenceLu(a, n, n, pivots);
    }

    private static int referenceLu(double[] a, int m, int n, int[] pivots) {
        int info = 0;
        for (int k = 0; k < Math.min(m, n); k++) {
            int p = k;
            for (int i = k + 1; i < m; i++) {
                if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) {
                    p = i;
                }
            }
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
                for (int j = k + 1; j < n && f != 0; j++) {
                    a[i * n + j] -= f * a[k * n + j];
                }
            }
        }
        return info;
    }

    private static void referenceTriangularSolve(double[] t, int n, boolean upper, boolean unit, double[] b, int k) {
        for (int step = 0; step < n; step++) {
            int i = upper ? n - 1 - step : step;
            for (int s = 0; s < step; s++) {   // the rows solved before, the nearest last (LAPACK's trsm)
                int p = upper ? n - 1 - s : s;
                double f = t[i * n + p];
                for (int j = 0; j < k && f != 0; j++) {
                    b[i * k + j] -= f * b[p * k + j];
                }
            }
            for (int j = 0; j < k && !unit; j++) {
                b[i * k + j] /= t[i * n + i];
            }
        }
    }

    /** Right-looking Cholesky on the transposed factor U = L^T, returned as L (zeros above the diagonal). */
    private static int referenceCholesky(double[] a, int n) {
        double[] u = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                u[i * n + j] = a[j * n + i];
            }
        }
        for (int k = 0; k < n; k++) {
            double d = u[k * n + k];
            if (d <= 0) {
                return k + 1;
            }
            double l = Math.sqrt(d);
            u[k * n + k] = l;
            for (int j = k + 1; j < n; j++) {
                u[k * n + j] /= l;
            }
            for (int i = k + 1; i < n; i++) {
                double f = u[k * n + i];
                for (int j = i; j < n && f != 0; j++) {
                    u[i * n + j] -= f * u[k * n + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = j <= i ? u[j * n + i] : 0;
            }
        }
        return 0;
    }

    private static void swapRows(double[] a, int cols, int r, int s) {
        for (int j = 0; j < cols; j++) {
            double x = a[r * cols + j];
            a[r * cols + j] = a[s * cols + j];
            a[s * cols + j] = x;
        }
    }
}
