package dev.vgrad.kernels;

/**
 * BLAS-style single-precision routines on {@code float[]} with offsets, increments and leading dimensions, running
 * on vgrad's Vector API kernels: a drop-in math backend with no native library and no autograd.
 *
 * <p>Level 2 and 3 routines take a {@link Layout} first, as CBLAS does: row-major matrices store row i at
 * {@code off + i * ld}, column-major ones (Fortran's, netlib's) store column j at {@code off + j * ld}. Vectors
 * follow BLAS's increment rule: element i of an n-vector with increment {@code inc} is at {@code off + i * inc},
 * or, for a negative increment, at {@code off + (n - 1 - i) * |inc|}.
 *
 * <p>Arguments are checked before anything is written, as netlib checks them: an illegal value throws
 * IllegalArgumentException naming the routine, the parameter's position in this method's signature and its
 * name ("sgemm: parameter 10 (lda) had an illegal value: ..."); an array too short for the described
 * operands throws IndexOutOfBoundsException naming the array.
 *
 * <pre>{@code
 * // C (2x2) = A (2x3) * B (3x2), row-major
 * Blas.sgemm(Blas.Layout.ROW_MAJOR, false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
 * }</pre>
 */
public final class Blas {
    /** How a matrix is laid out in its array. */
    public enum Layout {
        /** rows are contiguous: element (i, j) at off + i * ld + j */
        ROW_MAJOR,
        /** columns are contiguous: element (i, j) at off + j * ld + i (Fortran, netlib) */
        COLUMN_MAJOR
    }

    private Blas() {}

    // ------------------------------------------------------------------ level 3

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, with op(A) m x k, op(B) k x n and C m x n. With beta = 0, C is
     * not read.
     */
    public static void sgemm(Layout layout, boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        String f = "sgemm";
        check(f, 1, "layout", layout != null, "null");
        check(f, 4, "m", m >= 0, "m = " + m + ", must be >= 0");
        check(f, 5, "n", n >= 0, "n = " + n + ", must be >= 0");
        check(f, 6, "k", k >= 0, "k = " + k + ", must be >= 0");
        boolean row = layout == Layout.ROW_MAJOR;
        // Stored shapes: A is (transA ? k x m : m x k), B is (transB ? n x k : k x n), C is m x n.
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        checkLd(f, 10, "lda", lda, row ? aCols : aRows);
        checkLd(f, 13, "ldb", ldb, row ? bCols : bRows);
        checkLd(f, 17, "ldc", ldc, row ? n : m);
        if (m == 0 || n == 0) {
            return;
        }
        if (k > 0 && alpha != 0f) {
            checkMatrix(f, "a", a, aOff, aRows, aCols, lda, row);
            checkMatrix(f, "b", b, bOff, bRows, bCols, ldb, row);
        }
        checkMatrix(f, "c", c, cOff, m, n, ldc, row);
        if (row) {
            Sgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            // A column-major C is a row-major C^T = op(B)^T op(A)^T: the same call with the operands swapped.
            Sgemm.sgemm(transB, transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    // ------------------------------------------------------------------ level 2

    /** {@code y = alpha * op(A) * x + beta * y} with A m x n; with beta = 0, y is not read. */
    public static void sgemv(Layout layout, boolean trans, int m, int n, float alpha, float[] a, int aOff, int lda,
                             float[] x, int xOff, int incx, float beta, float[] y, int yOff, int incy) {
        String f = "sgemv";
        check(f, 1, "layout", layout != null, "null");
        check(f, 3, "m", m >= 0, "m = " + m + ", must be >= 0");
        check(f, 4, "n", n >= 0, "n = " + n + ", must be >= 0");
        boolean row = layout == Layout.ROW_MAJOR;
        checkLd(f, 8, "lda", lda, row ? n : m);
        check(f, 11, "incx", incx != 0, "incx must not be 0");
        check(f, 15, "incy", incy != 0, "incy must not be 0");
        if (m == 0 || n == 0) {
            return;
        }
        int xLen = trans ? m : n, yLen = trans ? n : m;
        checkMatrix(f, "a", a, aOff, m, n, lda, row);
        checkVector(f, "x", x, xOff, xLen, incx);
        checkVector(f, "y", y, yOff, yLen, incy);
        // In row-major terms: a column-major m x n A is a row-major n x m A^T.
        boolean rowTrans = row ? trans : !trans;
        int rows = row ? m : n, cols = row ? n : m;
        scaleVector(yLen, beta, y, yOff, incy);
        if (alpha == 0f) {
            return;
        }
        int xs = start(xOff, xLen, incx), ys = start(yOff, yLen, incy);
        if (!rowTrans) {
            // y[i] += alpha * (row i of A) . x
            for (int i = 0; i < rows; i++) {
                y[ys + i * incy] += alpha * Reductions.dot(cols, a, aOff + i * lda, 1, x, xs, incx);
            }
        } else {
            // y += (alpha * x[i]) * (row i of A)
            for (int i = 0; i < rows; i++) {
                axpyStrided(cols, alpha * x[xs + i * incx], a, aOff + i * lda, 1, y, ys, incy);
            }
        }
    }

    /** {@code A = alpha * x * y^T + A} with A m x n. */
    public static void sger(Layout layout, int m, int n, float alpha, float[] x, int xOff, int incx,
                            float[] y, int yOff, int incy, float[] a, int aOff, int lda) {
        String f = "sger";
        check(f, 1, "layout", layout != null, "null");
        check(f, 2, "m", m >= 0, "m = " + m + ", must be >= 0");
        check(f, 3, "n", n >= 0, "n = " + n + ", must be >= 0");
        check(f, 7, "incx", incx != 0, "incx must not be 0");
        check(f, 10, "incy", incy != 0, "incy must not be 0");
        boolean row = layout == Layout.ROW_MAJOR;
        checkLd(f, 13, "lda", lda, row ? n : m);
        if (m == 0 || n == 0 || alpha == 0f) {
            return;
        }
        checkVector(f, "x", x, xOff, m, incx);
        checkVector(f, "y", y, yOff, n, incy);
        checkMatrix(f, "a", a, aOff, m, n, lda, row);
        int xs = start(xOff, m, incx), ys = start(yOff, n, incy);
        if (row) {
            for (int i = 0; i < m; i++) {
                axpyStrided(n, alpha * x[xs + i * incx], y, ys, incy, a, aOff + i * lda, 1);
            }
        } else {
            for (int j = 0; j < n; j++) {
                axpyStrided(m, alpha * y[ys + j * incy], x, xs, incx, a, aOff + j * lda, 1);
            }
        }
    }

    // ------------------------------------------------------------------ level 1

    /** {@code y = alpha * x + y}. */
    public static void saxpy(int n, float alpha, float[] x, int xOff, int incx, float[] y, int yOff, int incy) {
        if (n <= 0 || alpha == 0f) {
            return;
        }
        checkVector("saxpy", "x", x, xOff, n, incx);
        checkVector("saxpy", "y", y, yOff, n, incy);
        axpyStrided(n, alpha, x, start(xOff, n, incx), incx, y, start(yOff, n, incy), incy);
    }

    /** The dot product {@code x . y}. */
    public static float sdot(int n, float[] x, int xOff, int incx, float[] y, int yOff, int incy) {
        if (n <= 0) {
            return 0f;
        }
        checkVector("sdot", "x", x, xOff, n, incx);
        checkVector("sdot", "y", y, yOff, n, incy);
        return Reductions.dot(n, x, start(xOff, n, incx), incx, y, start(yOff, n, incy), incy);
    }

    /** {@code x = alpha * x}. */
    public static void sscal(int n, float alpha, float[] x, int xOff, int incx) {
        if (n <= 0 || incx <= 0) {
            return; // the reference BLAS does nothing for a non-positive increment
        }
        checkVector("sscal", "x", x, xOff, n, incx);
        Elementwise.unary(UnaryOp.MUL_SCALAR, alpha, 0f, n, x, xOff, incx, x, xOff, incx);
    }

    /** The Euclidean norm of x, accumulated in double so that no square overflows or underflows. */
    public static float snrm2(int n, float[] x, int xOff, int incx) {
        if (n <= 0 || incx <= 0) {
            return 0f;
        }
        checkVector("snrm2", "x", x, xOff, n, incx);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i * incx];
            s += v * v;
        }
        return (float) Math.sqrt(s);
    }

    /** The sum of absolute values of x. */
    public static float sasum(int n, float[] x, int xOff, int incx) {
        if (n <= 0 || incx <= 0) {
            return 0f;
        }
        checkVector("sasum", "x", x, xOff, n, incx);
        return Reductions.sumAbs(n, x, xOff, incx);
    }

    /**
     * The 0-based index of the first element of largest absolute value (as the reference BLAS compares, NaN
     * never wins over an earlier element); -1 when n <= 0.
     */
    public static int isamax(int n, float[] x, int xOff, int incx) {
        if (n <= 0 || incx <= 0) {
            return -1;
        }
        checkVector("isamax", "x", x, xOff, n, incx);
        int best = 0;
        float max = Math.abs(x[xOff]);
        for (int i = 1; i < n; i++) {
            float v = Math.abs(x[xOff + i * incx]);
            if (v > max) {
                max = v;
                best = i;
            }
        }
        return best;
    }

    /** {@code y = x}. */
    public static void scopy(int n, float[] x, int xOff, int incx, float[] y, int yOff, int incy) {
        if (n <= 0) {
            return;
        }
        checkVector("scopy", "x", x, xOff, n, incx);
        checkVector("scopy", "y", y, yOff, n, incy);
        Elementwise.unary(UnaryOp.COPY, 0f, 0f, n, x, start(xOff, n, incx), incx, y, start(yOff, n, incy), incy);
    }

    /** Exchanges x and y. */
    public static void sswap(int n, float[] x, int xOff, int incx, float[] y, int yOff, int incy) {
        if (n <= 0) {
            return;
        }
        checkVector("sswap", "x", x, xOff, n, incx);
        checkVector("sswap", "y", y, yOff, n, incy);
        int xs = start(xOff, n, incx), ys = start(yOff, n, incy);
        for (int i = 0; i < n; i++) {
            float t = x[xs + i * incx];
            x[xs + i * incx] = y[ys + i * incy];
            y[ys + i * incy] = t;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Where element 0 of an n-vector lives: for a negative increment, BLAS starts from the far end. */
    static int start(int off, int n, int inc) {
        return inc >= 0 ? off : off + (n - 1) * -inc;
    }

    private static void axpyStrided(int n, float alpha, float[] x, int xs, int incx, float[] y, int ys, int incy) {
        if (incx == 1 && incy == 1) {
            Fused.axpy(n, alpha, x, xs, y, ys);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[ys + i * incy] = Math.fma(alpha, x[xs + i * incx], y[ys + i * incy]);
        }
    }

    private static void scaleVector(int n, float beta, float[] y, int yOff, int incy) {
        if (beta == 1f) {
            return;
        }
        int ys = start(yOff, n, incy);
        for (int i = 0; i < n; i++) {
            y[ys + i * incy] = beta == 0f ? 0f : beta * y[ys + i * incy];
        }
    }

    private static void check(String fn, int position, String name, boolean ok, String detail) {
        if (!ok) {
            throw new IllegalArgumentException(fn + ": parameter " + position + " (" + name + ") had an illegal value: "
                    + detail);
        }
    }

    private static void checkLd(String fn, int position, String name, int ld, int min) {
        check(fn, position, name, ld >= Math.max(1, min), name + " = " + ld + ", must be >= max(1, " + min + ")");
    }

    private static void checkVector(String fn, String name, float[] v, int off, int n, int inc) {
        if (v == null) {
            throw new NullPointerException(fn + ": " + name + " is null");
        }
        long last = off + (long) (n - 1) * Math.abs(inc);
        if (off < 0 || last >= v.length) {
            throw new IndexOutOfBoundsException(fn + ": " + name + " holds " + v.length + " floats, but " + n
                    + " elements from offset " + off + " with increment " + inc + " reach index " + last);
        }
    }

    private static void checkMatrix(String fn, String name, float[] a, int off, int rows, int cols, int ld, boolean row) {
        if (a == null) {
            throw new NullPointerException(fn + ": " + name + " is null");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) ((row ? rows : cols) - 1) * ld + (row ? cols : rows) - 1;
        if (off < 0 || last >= a.length) {
            throw new IndexOutOfBoundsException(fn + ": " + name + " holds " + a.length + " floats, but a " + rows + " x "
                    + cols + " matrix from offset " + off + " with leading dimension " + ld + " reaches index " + last);
        }
    }
}
