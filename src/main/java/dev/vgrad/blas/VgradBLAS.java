package dev.vgrad.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.vgrad.kernels.Blas;
import dev.vgrad.kernels.Blas.Layout;

/**
 * netlib's {@link BLAS} interface (the one Apache Spark MLlib calls) with its single-precision routines run by
 * vgrad's kernels — sgemm, sgemv, sger, saxpy, sdot, sscal, snrm2, sasum, isamax, scopy, sswap — and every
 * other routine, double precision included, delegated to netlib's own Java implementation
 * ({@link JavaBLAS#getInstance()}). Arguments are checked exactly as netlib-java checks them (same positions,
 * same messages, same exceptions) before anything is written.
 *
 * <p>A program written against {@code BLAS} switches to vgrad by configuration: {@link #configured()} returns
 * this implementation unless the system property {@code vgrad.netlib.blas} says {@code netlib}, which returns
 * {@code BLAS.getInstance()} instead.
 */
public final class VgradBLAS extends DelegatingBLAS {
    private static final VgradBLAS INSTANCE = new VgradBLAS();

    private VgradBLAS() {
        super(JavaBLAS.getInstance());
    }

    /** The shared instance. */
    public static VgradBLAS getInstance() {
        return INSTANCE;
    }

    /** vgrad's BLAS, or netlib's own when {@code -Dvgrad.netlib.blas=netlib}. */
    public static BLAS configured() {
        return "netlib".equals(System.getProperty("vgrad.netlib.blas")) ? BLAS.getInstance() : INSTANCE;
    }

    // ------------------------------------------------------------------ netlib's argument checks

    /** netlib's lsame: the first letter of {@code given}, ignoring case, is {@code expected}. */
    private static boolean matches(String expected, String given) {
        return given != null && !given.isEmpty() && Character.toUpperCase(given.charAt(0)) == expected.charAt(0);
    }

    private static void checkArgument(String method, int arg, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException(String.format("** On entry to '%s' parameter number %d had an illegal value",
                    method, arg));
        }
    }

    private static void checkIndex(int index, int length) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(String.format("Index %s out of bounds for length %s", index, length));
        }
    }

    private static void nonNull(Object... arrays) {
        for (Object a : arrays) {
            java.util.Objects.requireNonNull(a);
        }
    }

    // ------------------------------------------------------------------ level 3

    @Override
    public void sgemm(String transa, String transb, int m, int n, int k, float alpha, float[] a, int lda, float[] b,
                      int ldb, float beta, float[] c, int ldc) {
        sgemm(transa, transb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
    }

    @Override
    public void sgemm(String transa, String transb, int m, int n, int k, float alpha, float[] a, int offseta, int lda,
                      float[] b, int offsetb, int ldb, float beta, float[] c, int offsetc, int ldc) {
        checkArgument("SGEMM", 1, matches("T", transa) || matches("N", transa) || matches("C", transa));
        checkArgument("SGEMM", 2, matches("T", transb) || matches("N", transb) || matches("C", transb));
        checkArgument("SGEMM", 3, m >= 0);
        checkArgument("SGEMM", 4, n >= 0);
        checkArgument("SGEMM", 5, k >= 0);
        boolean ta = !matches("N", transa), tb = !matches("N", transb);
        checkArgument("SGEMM", 8, lda >= Math.max(1, ta ? k : m));
        checkArgument("SGEMM", 10, ldb >= Math.max(1, tb ? n : k));
        checkArgument("SGEMM", 13, ldc >= Math.max(1, m));
        if (m == 0 || n == 0 || ((alpha == 0f || k == 0) && beta == 1f)) {
            return;
        }
        nonNull(a, b, c);
        checkIndex(offseta + (ta ? (m - 1) * lda + (k - 1) : (k - 1) * lda + (m - 1)), a.length);
        checkIndex(offsetb + (tb ? (k - 1) * ldb + (n - 1) : (n - 1) * ldb + (k - 1)), b.length);
        checkIndex(offsetc + (n - 1) * ldc + (m - 1), c.length);
        Blas.sgemm(Layout.COLUMN_MAJOR, ta, tb, m, n, k, alpha, a, offseta, lda, b, offsetb, ldb, beta, c, offsetc, ldc);
    }

    // ------------------------------------------------------------------ level 2

    @Override
    public void sgemv(String trans, int m, int n, float alpha, float[] a, int lda, float[] x, int incx, float beta,
                      float[] y, int incy) {
        sgemv(trans, m, n, alpha, a, 0, lda, x, 0, incx, beta, y, 0, incy);
    }

    @Override
    public void sgemv(String trans, int m, int n, float alpha, float[] a, int offseta, int lda, float[] x, int offsetx,
                      int incx, float beta, float[] y, int offsety, int incy) {
        checkArgument("SGEMV", 1, matches("N", trans) || matches("T", trans) || matches("C", trans));
        checkArgument("SGEMV", 2, m >= 0);
        checkArgument("SGEMV", 3, n >= 0);
        checkArgument("SGEMV", 6, lda >= Math.max(1, m));
        checkArgument("SGEMV", 8, incx != 0);
        checkArgument("SGEMV", 11, incy != 0);
        if (m == 0 || n == 0) {
            return;
        }
        nonNull(a, x, y);
        boolean t = !matches("N", trans);
        checkIndex(offseta + n * lda - 1, a.length);
        checkIndex(offsetx + ((t ? m : n) - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + ((t ? n : m) - 1) * Math.abs(incy), y.length);
        Blas.sgemv(Layout.COLUMN_MAJOR, t, m, n, alpha, a, offseta, lda, x, offsetx, incx, beta, y, offsety, incy);
    }

    @Override
    public void sger(int m, int n, float alpha, float[] x, int incx, float[] y, int incy, float[] a, int lda) {
        sger(m, n, alpha, x, 0, incx, y, 0, incy, a, 0, lda);
    }

    @Override
    public void sger(int m, int n, float alpha, float[] x, int offsetx, int incx, float[] y, int offsety, int incy,
                     float[] a, int offseta, int lda) {
        checkArgument("SGER", 1, m >= 0);
        checkArgument("SGER", 2, n >= 0);
        checkArgument("SGER", 5, incx != 0);
        checkArgument("SGER", 7, incy != 0);
        checkArgument("SGER", 9, lda >= Math.max(1, m));
        if (m == 0 || n == 0) {
            return;
        }
        nonNull(x, y, a);
        checkIndex(offsetx + (m - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        checkIndex(offseta + n * lda - 1, a.length);
        Blas.sger(Layout.COLUMN_MAJOR, m, n, alpha, x, offsetx, incx, y, offsety, incy, a, offseta, lda);
    }

    // ------------------------------------------------------------------ level 1

    private static void checkVectors(int n, float[] x, int offsetx, int incx, float[] y, int offsety, int incy) {
        nonNull(x, y);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
    }

    private static void checkVector(int n, float[] x, int offsetx, int incx) {
        nonNull(x);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
    }

    @Override
    public void saxpy(int n, float alpha, float[] x, int incx, float[] y, int incy) {
        saxpy(n, alpha, x, 0, incx, y, 0, incy);
    }

    @Override
    public void saxpy(int n, float alpha, float[] x, int offsetx, int incx, float[] y, int offsety, int incy) {
        if (n <= 0 || alpha == 0f) {
            return;
        }
        checkVectors(n, x, offsetx, incx, y, offsety, incy);
        Blas.saxpy(n, alpha, x, offsetx, incx, y, offsety, incy);
    }

    @Override
    public float sdot(int n, float[] x, int incx, float[] y, int incy) {
        return sdot(n, x, 0, incx, y, 0, incy);
    }

    @Override
    public float sdot(int n, float[] x, int offsetx, int incx, float[] y, int offsety, int incy) {
        if (n <= 0) {
            return 0f;
        }
        checkVectors(n, x, offsetx, incx, y, offsety, incy);
        return Blas.sdot(n, x, offsetx, incx, y, offsety, incy);
    }

    @Override
    public void sscal(int n, float alpha, float[] x, int incx) {
        sscal(n, alpha, x, 0, incx);
    }

    @Override
    public void sscal(int n, float alpha, float[] x, int offsetx, int incx) {
        if (n <= 0 || incx <= 0 || alpha == 1f) {
            return;
        }
        checkVector(n, x, offsetx, incx);
        Blas.sscal(n, alpha, x, offsetx, incx);
    }

    @Override
    public float snrm2(int n, float[] x, int incx) {
        return snrm2(n, x, 0, incx);
    }

    @Override
    public float snrm2(int n, float[] x, int offsetx, int incx) {
        if (n <= 0 || incx <= 0) {
            return 0f;
        }
        if (n == 1) {
            return Math.abs(x[offsetx]);
        }
        checkVector(n, x, offsetx, incx);
        return Blas.snrm2(n, x, offsetx, incx);
    }

    @Override
    public float sasum(int n, float[] x, int incx) {
        return sasum(n, x, 0, incx);
    }

    @Override
    public float sasum(int n, float[] x, int offsetx, int incx) {
        if (n <= 0) {
            return 0f;
        }
        checkVector(n, x, offsetx, incx);
        return Blas.sasum(n, x, offsetx, Math.abs(incx));
    }

    @Override
    public int isamax(int n, float[] x, int incx) {
        return isamax(n, x, 0, incx);
    }

    @Override
    public int isamax(int n, float[] x, int offsetx, int incx) {
        if (n <= 0 || incx <= 0) {
            return -1;
        }
        if (n == 1) {
            return 0;
        }
        checkVector(n, x, offsetx, incx);
        return Blas.isamax(n, x, offsetx, incx);
    }

    @Override
    public void scopy(int n, float[] x, int incx, float[] y, int incy) {
        scopy(n, x, 0, incx, y, 0, incy);
    }

    @Override
    public void scopy(int n, float[] x, int offsetx, int incx, float[] y, int offsety, int incy) {
        if (n <= 0) {
            return;
        }
        checkVectors(n, x, offsetx, incx, y, offsety, incy);
        Blas.scopy(n, x, offsetx, incx, y, offsety, incy);
    }

    @Override
    public void sswap(int n, float[] x, int incx, float[] y, int incy) {
        sswap(n, x, 0, incx, y, 0, incy);
    }

    @Override
    public void sswap(int n, float[] x, int offsetx, int incx, float[] y, int offsety, int incy) {
        if (n <= 0) {
            return;
        }
        checkVectors(n, x, offsetx, incx, y, offsety, incy);
        Blas.sswap(n, x, offsetx, incx, y, offsety, incy);
    }
}
