package dev.vgrad.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.vgrad.kernels.Blas;
import dev.vgrad.kernels.Blas.Layout;

/**
 * netlib's {@link BLAS} interface (the one Apache Spark MLlib calls) with its single-precision routines run by
 * vgrad: Level 1 (saxpy, sdot, sdsdot, sscal, snrm2, sasum, isamax, scopy, sswap, srot, srotm), Level 2 (sgemv,
 * sger, sgbmv, ssymv, ssbmv, sspmv, ssyr, ssyr2, sspr, sspr2, strmv, stbmv, stpmv, strsv, stbsv, stpsv) and
 * Level 3 (sgemm, ssymm, ssyrk, ssyr2k, strmm, strsm), and the rotation constructors srotg and srotmg. The
 * double-precision routines are delegated to netlib's own Java implementation ({@link JavaBLAS#getInstance()}). Arguments are checked exactly as netlib-java checks
 * them (same positions, same messages, same exceptions) before anything is written.
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

    // ------------------------------------------------------------------ the rest of the float routines

    private static void uplo(String name, String uplo) {
        checkArgument(name, 1, matches("U", uplo) || matches("L", uplo));
    }

    private static boolean trans(String t) {
        return !matches("N", t);
    }

    private static void transArg(String name, int pos, String t) {
        checkArgument(name, pos, matches("N", t) || matches("T", t) || matches("C", t));
    }

    private static void triArgs(String name, String uplo, String trans, String diag) {
        uplo(name, uplo);
        transArg(name, 2, trans);
        checkArgument(name, 3, matches("U", diag) || matches("N", diag));
    }

    @Override
    public float sdsdot(int n, float sb, float[] x, int incx, float[] y, int incy) {
        return sdsdot(n, sb, x, 0, incx, y, 0, incy);
    }

    @Override
    public float sdsdot(int n, float sb, float[] x, int offsetx, int incx, float[] y, int offsety, int incy) {
        if (n <= 0) {
            return 0f;
        }
        checkVectors(n, x, offsetx, incx, y, offsety, incy);
        return Level1.sdsdot(n, sb, x, offsetx, incx, y, offsety, incy);
    }

    @Override
    public void srot(int n, float[] x, int incx, float[] y, int incy, float c, float s) {
        srot(n, x, 0, incx, y, 0, incy, c, s);
    }

    @Override
    public void srot(int n, float[] x, int offsetx, int incx, float[] y, int offsety, int incy, float c, float s) {
        if (n <= 0) {
            return;
        }
        checkVectors(n, x, offsetx, incx, y, offsety, incy);
        Level1.srot(n, x, offsetx, incx, y, offsety, incy, c, s);
    }

    @Override
    public void srotm(int n, float[] x, int incx, float[] y, int incy, float[] param) {
        srotm(n, x, 0, incx, y, 0, incy, param, 0);
    }

    @Override
    public void srotm(int n, float[] x, int offsetx, int incx, float[] y, int offsety, int incy, float[] param,
                      int offsetparam) {
        nonNull(x, y, param);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        checkIndex(offsetparam + 4, param.length);
        Level1.srotm(n, x, offsetx, incx, y, offsety, incy, param, offsetparam);
    }

    @Override
    public void sgbmv(String trans, int m, int n, int kl, int ku, float alpha, float[] a, int lda, float[] x, int incx,
                      float beta, float[] y, int incy) {
        sgbmv(trans, m, n, kl, ku, alpha, a, 0, lda, x, 0, incx, beta, y, 0, incy);
    }

    @Override
    public void sgbmv(String trans, int m, int n, int kl, int ku, float alpha, float[] a, int offseta, int lda,
                      float[] x, int offsetx, int incx, float beta, float[] y, int offsety, int incy) {
        nonNull(a, x, y);
        boolean t = trans(trans);
        checkIndex(offseta + n * lda - 1, a.length);
        checkIndex(offsetx + ((t ? m : n) - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + ((t ? n : m) - 1) * Math.abs(incy), y.length);
        Level2.sgbmv(t, m, n, kl, ku, alpha, a, offseta, lda, x, offsetx, incx, beta, y, offsety, incy);
    }

    @Override
    public void ssymv(String uplo, int n, float alpha, float[] a, int lda, float[] x, int incx, float beta, float[] y,
                      int incy) {
        ssymv(uplo, n, alpha, a, 0, lda, x, 0, incx, beta, y, 0, incy);
    }

    @Override
    public void ssymv(String uplo, int n, float alpha, float[] a, int offseta, int lda, float[] x, int offsetx,
                      int incx, float beta, float[] y, int offsety, int incy) {
        uplo("SSYMV", uplo);
        checkArgument("SSYMV", 2, n >= 0);
        checkArgument("SSYMV", 5, lda >= Math.max(1, n));
        checkArgument("SSYMV", 7, incx != 0);
        checkArgument("SSYMV", 10, incy != 0);
        if (n == 0) {
            return;
        }
        nonNull(a, x, y);
        checkIndex(offseta + n * lda - 1, a.length);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        Level2.symv(Storage.full(matches("U", uplo), n, offseta, lda), alpha, a, x, offsetx, incx, beta, y, offsety,
                incy);
    }

    @Override
    public void ssbmv(String uplo, int n, int k, float alpha, float[] a, int lda, float[] x, int incx, float beta,
                      float[] y, int incy) {
        ssbmv(uplo, n, k, alpha, a, 0, lda, x, 0, incx, beta, y, 0, incy);
    }

    @Override
    public void ssbmv(String uplo, int n, int k, float alpha, float[] a, int offseta, int lda, float[] x, int offsetx,
                      int incx, float beta, float[] y, int offsety, int incy) {
        nonNull(a, x, y);
        checkIndex(offseta + n * lda - 1, a.length);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        Level2.symv(Storage.band(matches("U", uplo), n, k, offseta, lda), alpha, a, x, offsetx, incx, beta, y, offsety,
                incy);
    }

    @Override
    public void sspmv(String uplo, int n, float alpha, float[] a, float[] x, int incx, float beta, float[] y, int incy) {
        sspmv(uplo, n, alpha, a, 0, x, 0, incx, beta, y, 0, incy);
    }

    @Override
    public void sspmv(String uplo, int n, float alpha, float[] a, int offseta, float[] x, int offsetx, int incx,
                      float beta, float[] y, int offsety, int incy) {
        uplo("SSPMV", uplo);
        checkArgument("SSPMV", 2, n >= 0);
        checkArgument("SSPMV", 6, incx != 0);
        checkArgument("SSPMV", 9, incy != 0);
        if (n == 0) {
            return;
        }
        nonNull(a, x, y);
        checkIndex(offseta + (n * (n + 1) / 2) - 1, a.length);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        Level2.symv(Storage.packed(matches("U", uplo), n, offseta), alpha, a, x, offsetx, incx, beta, y, offsety, incy);
    }

    @Override
    public void ssyr(String uplo, int n, float alpha, float[] x, int incx, float[] a, int lda) {
        ssyr(uplo, n, alpha, x, 0, incx, a, 0, lda);
    }

    @Override
    public void ssyr(String uplo, int n, float alpha, float[] x, int offsetx, int incx, float[] a, int offseta, int lda) {
        uplo("SSYR", uplo);
        checkArgument("SSYR", 2, n >= 0);
        checkArgument("SSYR", 5, incx != 0);
        checkArgument("SSYR", 7, lda >= Math.max(1, n));
        if (n == 0) {
            return;
        }
        nonNull(x, a);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offseta + n * lda - 1, a.length);
        Level2.syr(Storage.full(matches("U", uplo), n, offseta, lda), alpha, x, offsetx, incx, null, 0, 1, a);
    }

    @Override
    public void ssyr2(String uplo, int n, float alpha, float[] x, int incx, float[] y, int incy, float[] a, int lda) {
        ssyr2(uplo, n, alpha, x, 0, incx, y, 0, incy, a, 0, lda);
    }

    @Override
    public void ssyr2(String uplo, int n, float alpha, float[] x, int offsetx, int incx, float[] y, int offsety,
                      int incy, float[] a, int offseta, int lda) {
        uplo("SSYR2", uplo);
        checkArgument("SSYR2", 2, n >= 0);
        checkArgument("SSYR2", 5, incx != 0);
        checkArgument("SSYR2", 7, incy != 0);
        checkArgument("SSYR2", 9, lda >= Math.max(1, n));
        if (n == 0) {
            return;
        }
        nonNull(x, y, a);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        checkIndex(offseta + n * lda - 1, a.length);
        Level2.syr(Storage.full(matches("U", uplo), n, offseta, lda), alpha, x, offsetx, incx, y, offsety, incy, a);
    }

    @Override
    public void sspr(String uplo, int n, float alpha, float[] x, int incx, float[] a) {
        sspr(uplo, n, alpha, x, 0, incx, a, 0);
    }

    @Override
    public void sspr(String uplo, int n, float alpha, float[] x, int offsetx, int incx, float[] a, int offseta) {
        uplo("SSPR", uplo);
        checkArgument("SSPR", 2, n >= 0);
        checkArgument("SSPR", 5, incx != 0);
        if (n == 0) {
            return;
        }
        nonNull(x, a);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offseta + (n * (n + 1) / 2) - 1, a.length);
        Level2.syr(Storage.packed(matches("U", uplo), n, offseta), alpha, x, offsetx, incx, null, 0, 1, a);
    }

    @Override
    public void sspr2(String uplo, int n, float alpha, float[] x, int incx, float[] y, int incy, float[] a) {
        sspr2(uplo, n, alpha, x, 0, incx, y, 0, incy, a, 0);
    }

    @Override
    public void sspr2(String uplo, int n, float alpha, float[] x, int offsetx, int incx, float[] y, int offsety,
                      int incy, float[] a, int offseta) {
        uplo("SSPR2", uplo);
        checkArgument("SSPR2", 2, n >= 0);
        checkArgument("SSPR2", 5, incx != 0);
        checkArgument("SSPR2", 7, incy != 0);
        if (n == 0) {
            return;
        }
        nonNull(x, y, a);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        checkIndex(offsety + (n - 1) * Math.abs(incy), y.length);
        checkIndex(offseta + (n * (n + 1) / 2) - 1, a.length);
        Level2.syr(Storage.packed(matches("U", uplo), n, offseta), alpha, x, offsetx, incx, y, offsety, incy, a);
    }

    @Override
    public void strmv(String uplo, String trans, String diag, int n, float[] a, int lda, float[] x, int incx) {
        strmv(uplo, trans, diag, n, a, 0, lda, x, 0, incx);
    }

    @Override
    public void strmv(String uplo, String trans, String diag, int n, float[] a, int offseta, int lda, float[] x,
                      int offsetx, int incx) {
        triangularFull("STRMV", false, uplo, trans, diag, n, a, offseta, lda, x, offsetx, incx);
    }

    @Override
    public void stbmv(String uplo, String trans, String diag, int n, int k, float[] a, int lda, float[] x, int incx) {
        stbmv(uplo, trans, diag, n, k, a, 0, lda, x, 0, incx);
    }

    @Override
    public void stbmv(String uplo, String trans, String diag, int n, int k, float[] a, int offseta, int lda, float[] x,
                      int offsetx, int incx) {
        triangularBand("STBMV", false, uplo, trans, diag, n, k, a, offseta, lda, x, offsetx, incx);
    }

    @Override
    public void stpmv(String uplo, String trans, String diag, int n, float[] a, float[] x, int incx) {
        stpmv(uplo, trans, diag, n, a, 0, x, 0, incx);
    }

    @Override
    public void stpmv(String uplo, String trans, String diag, int n, float[] a, int offseta, float[] x, int offsetx,
                      int incx) {
        triangularPacked("STPMV", false, uplo, trans, diag, n, a, offseta, x, offsetx, incx);
    }

    @Override
    public void strsv(String uplo, String trans, String diag, int n, float[] a, int lda, float[] x, int incx) {
        strsv(uplo, trans, diag, n, a, 0, lda, x, 0, incx);
    }

    @Override
    public void strsv(String uplo, String trans, String diag, int n, float[] a, int offseta, int lda, float[] x,
                      int offsetx, int incx) {
        triangularFull("STRSV", true, uplo, trans, diag, n, a, offseta, lda, x, offsetx, incx);
    }

    @Override
    public void stbsv(String uplo, String trans, String diag, int n, int k, float[] a, int lda, float[] x, int incx) {
        stbsv(uplo, trans, diag, n, k, a, 0, lda, x, 0, incx);
    }

    @Override
    public void stbsv(String uplo, String trans, String diag, int n, int k, float[] a, int offseta, int lda, float[] x,
                      int offsetx, int incx) {
        triangularBand("STBSV", true, uplo, trans, diag, n, k, a, offseta, lda, x, offsetx, incx);
    }

    @Override
    public void stpsv(String uplo, String trans, String diag, int n, float[] a, float[] x, int incx) {
        stpsv(uplo, trans, diag, n, a, 0, x, 0, incx);
    }

    @Override
    public void stpsv(String uplo, String trans, String diag, int n, float[] a, int offseta, float[] x, int offsetx,
                      int incx) {
        triangularPacked("STPSV", true, uplo, trans, diag, n, a, offseta, x, offsetx, incx);
    }

    /*
     * The multiply (strmv, stbmv, stpmv) and the solve (strsv, stbsv, stpsv) of each storage take the same arguments
     * and netlib checks them alike, so each storage has one body and `solve` picks the Level 2 routine.
     */

    private static void triangularFull(String name, boolean solve, String uplo, String trans, String diag, int n,
                                       float[] a, int offseta, int lda, float[] x, int offsetx, int incx) {
        triArgs(name, uplo, trans, diag);
        checkArgument(name, 4, n >= 0);
        checkArgument(name, 6, lda >= Math.max(1, n));
        checkArgument(name, 8, incx != 0);
        if (n == 0) {
            return;
        }
        nonNull(a, x);
        checkIndex(offseta + n * lda - 1, a.length);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        triangular(solve, Storage.full(matches("U", uplo), n, offseta, lda), trans, diag, a, x, offsetx, incx);
    }

    private static void triangularBand(String name, boolean solve, String uplo, String trans, String diag, int n,
                                       int k, float[] a, int offseta, int lda, float[] x, int offsetx, int incx) {
        triArgs(name, uplo, trans, diag);
        checkArgument(name, 4, n >= 0);
        checkArgument(name, 5, k >= 0);
        checkArgument(name, 7, lda >= Math.max(1, k));
        checkArgument(name, 9, incx != 0);
        if (n == 0) {
            return;
        }
        nonNull(a, x);
        checkIndex(offseta + n * lda - 1, a.length);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        triangular(solve, Storage.band(matches("U", uplo), n, k, offseta, lda), trans, diag, a, x, offsetx, incx);
    }

    private static void triangularPacked(String name, boolean solve, String uplo, String trans, String diag, int n,
                                         float[] a, int offseta, float[] x, int offsetx, int incx) {
        triArgs(name, uplo, trans, diag);
        checkArgument(name, 4, n >= 0);
        checkArgument(name, 7, incx != 0);
        if (n == 0) {
            return;
        }
        nonNull(a, x);
        checkIndex(offseta + n * (n + 1) / 2 - 1, a.length);
        checkIndex(offsetx + (n - 1) * Math.abs(incx), x.length);
        triangular(solve, Storage.packed(matches("U", uplo), n, offseta), trans, diag, a, x, offsetx, incx);
    }

    /** x := op(A) x, or x := op(A)^-1 x when {@code solve}, for the triangular A that {@code s} lays out. */
    private static void triangular(boolean solve, Storage s, String trans, String diag, float[] a, float[] x,
                                   int offsetx, int incx) {
        if (solve) {
            Level2.trsv(s, trans(trans), matches("U", diag), a, x, offsetx, incx);
        } else {
            Level2.trmv(s, trans(trans), matches("U", diag), a, x, offsetx, incx);
        }
    }

    @Override
    public void ssymm(String side, String uplo, int m, int n, float alpha, float[] a, int lda, float[] b, int ldb,
                      float beta, float[] c, int ldc) {
        ssymm(side, uplo, m, n, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
    }

    @Override
    public void ssymm(String side, String uplo, int m, int n, float alpha, float[] a, int offseta, int lda, float[] b,
                      int offsetb, int ldb, float beta, float[] c, int offsetc, int ldc) {
        checkArgument("SSYMM", 1, matches("L", side) || matches("R", side));
        checkArgument("SSYMM", 2, matches("U", uplo) || matches("L", uplo));
        checkArgument("SSYMM", 3, m >= 0);
        checkArgument("SSYMM", 4, n >= 0);
        boolean left = matches("L", side);
        checkArgument("SSYMM", 7, lda >= Math.max(1, left ? m : n));
        checkArgument("SSYMM", 9, ldb >= Math.max(1, m));
        checkArgument("SSYMM", 12, ldc >= Math.max(1, m));
        if (m == 0 || n == 0 || (alpha == 0f && beta == 1f)) {
            return;
        }
        nonNull(a, b, c);
        checkIndex(offseta + (left ? m : n) * lda - 1, a.length);
        checkIndex(offsetb + n * ldb - 1, b.length);
        checkIndex(offsetc + n * ldc - 1, c.length);
        Level3.ssymm(left, matches("U", uplo), m, n, alpha, a, offseta, lda, b, offsetb, ldb, beta, c, offsetc, ldc);
    }

    @Override
    public void ssyrk(String uplo, String trans, int n, int k, float alpha, float[] a, int lda, float beta, float[] c,
                      int ldc) {
        ssyrk(uplo, trans, n, k, alpha, a, 0, lda, beta, c, 0, ldc);
    }

    @Override
    public void ssyrk(String uplo, String trans, int n, int k, float alpha, float[] a, int offseta, int lda, float beta,
                      float[] c, int offsetc, int ldc) {
        uplo("SSYRK", uplo);
        transArg("SSYRK", 2, trans);
        checkArgument("SSYRK", 3, n >= 0);
        checkArgument("SSYRK", 4, k >= 0);
        boolean t = trans(trans);
        checkArgument("SSYRK", 7, lda >= Math.max(1, t ? k : n));
        checkArgument("SSYRK", 10, ldc >= Math.max(1, n));
        if (n == 0 || ((alpha == 0 || k == 0) && beta == 1f)) {
            return;
        }
        nonNull(a, c);
        checkIndex(offseta + (t ? n : k) * lda - 1, a.length);
        checkIndex(offsetc + n * ldc - 1, c.length);
        Level3.syrk(matches("U", uplo), t, n, k, alpha, a, offseta, lda, null, 0, 0, beta, c, offsetc, ldc);
    }

    @Override
    public void ssyr2k(String uplo, String trans, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb,
                       float beta, float[] c, int ldc) {
        ssyr2k(uplo, trans, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
    }

    @Override
    public void ssyr2k(String uplo, String trans, int n, int k, float alpha, float[] a, int offseta, int lda, float[] b,
                       int offsetb, int ldb, float beta, float[] c, int offsetc, int ldc) {
        uplo("SSYR2K", uplo);
        transArg("SSYR2K", 2, trans);
        checkArgument("SSYR2K", 3, n >= 0);
        checkArgument("SSYR2K", 4, k >= 0);
        boolean t = trans(trans);
        checkArgument("SSYR2K", 7, lda >= Math.max(1, t ? k : n));
        checkArgument("SSYR2K", 9, ldb >= Math.max(1, t ? k : n));
        checkArgument("SSYR2K", 12, ldc >= Math.max(1, n));
        if (n == 0 || ((alpha == 0 || k == 0) && beta == 1f)) {
            return;
        }
        nonNull(a, b, c);
        checkIndex(offseta + (t ? n : k) * lda - 1, a.length);
        checkIndex(offsetb + (t ? n : k) * ldb - 1, b.length);
        checkIndex(offsetc + n * ldc - 1, c.length);
        Level3.syrk(matches("U", uplo), t, n, k, alpha, a, offseta, lda, b, offsetb, ldb, beta, c, offsetc, ldc);
    }

    @Override
    public void strmm(String side, String uplo, String transa, String diag, int m, int n, float alpha, float[] a,
                      int lda, float[] b, int ldb) {
        strmm(side, uplo, transa, diag, m, n, alpha, a, 0, lda, b, 0, ldb);
    }

    @Override
    public void strmm(String side, String uplo, String transa, String diag, int m, int n, float alpha, float[] a,
                      int offseta, int lda, float[] b, int offsetb, int ldb) {
        boolean left = triangularLevel3Args("STRMM", side, uplo, transa, diag, m, n, lda, ldb);
        if (n == 0) {
            return;
        }
        nonNull(a, b);
        checkIndex(offseta + (left ? m : n) * lda - 1, a.length);
        checkIndex(offsetb + n * ldb - 1, b.length);
        if (m == 0) {
            return;
        }
        Level3.strmm(left, matches("U", uplo), trans(transa), matches("U", diag), m, n, alpha, a, offseta, lda, b,
                offsetb, ldb);
    }

    @Override
    public void strsm(String side, String uplo, String transa, String diag, int m, int n, float alpha, float[] a,
                      int lda, float[] b, int ldb) {
        strsm(side, uplo, transa, diag, m, n, alpha, a, 0, lda, b, 0, ldb);
    }

    @Override
    public void strsm(String side, String uplo, String transa, String diag, int m, int n, float alpha, float[] a,
                      int offseta, int lda, float[] b, int offsetb, int ldb) {
        boolean left = triangularLevel3Args("STRSM", side, uplo, transa, diag, m, n, lda, ldb);
        if (n == 0) {
            return;
        }
        nonNull(a, b);
        checkIndex(offseta + (left ? m : n) * lda - 1, a.length);
        checkIndex(offsetb + n * ldb - 1, b.length);
        Level3.strsm(left, matches("U", uplo), trans(transa), matches("U", diag), m, n, alpha, a, offseta, lda, b,
                offsetb, ldb);
    }

    /** netlib's argument checks shared by strmm and strsm; returns whether A multiplies from the left. */
    private static boolean triangularLevel3Args(String name, String side, String uplo, String transa, String diag,
                                                int m, int n, int lda, int ldb) {
        checkArgument(name, 1, matches("L", side) || matches("R", side));
        checkArgument(name, 2, matches("U", uplo) || matches("L", uplo));
        transArg(name, 3, transa);
        checkArgument(name, 4, matches("U", diag) || matches("N", diag));
        checkArgument(name, 5, m >= 0);
        checkArgument(name, 6, n >= 0);
        boolean left = matches("L", side);
        checkArgument(name, 9, lda >= Math.max(1, left ? m : n));
        checkArgument(name, 11, ldb >= Math.max(1, m));
        return left;
    }

    @Override
    public void srotg(org.netlib.util.floatW sa, org.netlib.util.floatW sb, org.netlib.util.floatW c,
                      org.netlib.util.floatW s) {
        float[] ab = {sa.val, sb.val}, cs = new float[2];
        Level1.srotg(ab, cs);
        sa.val = ab[0];
        sb.val = ab[1];
        c.val = cs[0];
        s.val = cs[1];
    }

    @Override
    public void srotmg(org.netlib.util.floatW sd1, org.netlib.util.floatW sd2, org.netlib.util.floatW sx1, float sy1,
                       float[] param) {
        srotmg(sd1, sd2, sx1, sy1, param, 0);
    }

    @Override
    public void srotmg(org.netlib.util.floatW sd1, org.netlib.util.floatW sd2, org.netlib.util.floatW sx1, float sy1,
                       float[] param, int offsetparam) {
        nonNull(sd1, sd2, sx1, param);
        checkIndex(offsetparam + 4, param.length);
        float[] d = {sd1.val, sd2.val, sx1.val};
        Level1.srotmg(d, sy1, param, offsetparam);
        sd1.val = d[0];
        sd2.val = d[1];
        sx1.val = d[2];
    }
}
