package dev.vgrad.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * vgrad's netlib BLAS against netlib's own Java BLAS and against the f2j translation of the reference BLAS, on
 * random problems: every transpose, odd sizes, offsets, non-unit and negative increments; and errors that are
 * the library's, thrown before anything is written.
 */
class VgradBLASTest {
    static final BLAS VGRAD = VgradBLAS.getInstance();
    static final BLAS NETLIB = JavaBLAS.getInstance();
    final SplittableRandom r = new SplittableRandom(5);

    float[] rand(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }

    static void close(float[] want, float[] got, float tol, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), what + " at " + i);
        }
    }

    @Test
    void sgemmMatchesNetlibAndReferenceForEveryTranspose() {
        String[] trans = {"N", "T", "C", "n", "t"};
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 9, 33}, {64, 48, 40}, {100, 37, 129}};
        for (int[] s : sizes) {
            int m = s[0], n = s[1], k = s[2];
            for (String ta : trans) {
                for (String tb : trans) {
                    boolean at = !ta.equalsIgnoreCase("N"), bt = !tb.equalsIgnoreCase("N");
                    int lda = (at ? k : m) + r.nextInt(3), ldb = (bt ? n : k) + r.nextInt(3), ldc = m + r.nextInt(3);
                    int oa = r.nextInt(4), ob = r.nextInt(4), oc = r.nextInt(4);
                    float[] a = rand(oa + lda * (at ? m : k)), b = rand(ob + ldb * (bt ? k : n)), c = rand(oc + ldc * n);
                    float[] want = c.clone(), ref = c.clone(), got = c.clone();
                    NETLIB.sgemm(ta, tb, m, n, k, 0.7f, a, oa, lda, b, ob, ldb, -0.3f, want, oc, ldc);
                    org.netlib.blas.Sgemm.sgemm(ta, tb, m, n, k, 0.7f, a, oa, lda, b, ob, ldb, -0.3f, ref, oc, ldc);
                    VGRAD.sgemm(ta, tb, m, n, k, 0.7f, a, oa, lda, b, ob, ldb, -0.3f, got, oc, ldc);
                    String what = "sgemm " + ta + tb + " " + m + "x" + n + "x" + k;
                    close(want, got, 1e-5f * k, what);
                    close(ref, got, 1e-5f * k, what + " vs f2j");
                }
            }
        }
        float[] a = rand(12), b = rand(12), c = rand(9), c2 = c.clone();
        VGRAD.sgemm("N", "N", 3, 3, 4, 1f, a, 3, b, 4, 0f, c, 3);
        NETLIB.sgemm("N", "N", 3, 3, 4, 1f, a, 3, b, 4, 0f, c2, 3);
        close(c2, c, 1e-5f, "sgemm without offsets");
    }

    @Test
    void sgemvAndSgerMatchWithIncrementsAndOffsets() {
        int[] incs = {1, 2, -1, -3};
        for (int m : new int[] {1, 7, 33}) {
            for (int n : new int[] {1, 5, 40}) {
                for (String t : new String[] {"N", "T"}) {
                    for (int incx : incs) {
                        for (int incy : incs) {
                            int lda = m + 1, xl = t.equals("N") ? n : m, yl = t.equals("N") ? m : n;
                            float[] a = rand(2 + lda * n), x = rand(1 + xl * Math.abs(incx)), y = rand(3 + yl * Math.abs(incy));
                            float[] want = y.clone(), ref = y.clone(), got = y.clone();
                            NETLIB.sgemv(t, m, n, 1.3f, a, 2, lda, x, 1, incx, 0.5f, want, 3, incy);
                            org.netlib.blas.Sgemv.sgemv(t, m, n, 1.3f, a, 2, lda, x, 1, incx, 0.5f, ref, 3, incy);
                            VGRAD.sgemv(t, m, n, 1.3f, a, 2, lda, x, 1, incx, 0.5f, got, 3, incy);
                            close(want, got, 1e-5f * (m + n), "sgemv " + t + " " + m + "x" + n + " incx " + incx + " incy " + incy);
                            close(ref, got, 1e-5f * (m + n), "sgemv vs f2j");
                            // sger against f2j's reference: netlib's Java11BLAS.sger fails on negative increments.
                            float[] ga = a.clone(), wa = a.clone();
                            float[] xs = rand(1 + m * Math.abs(incx)), ys = rand(1 + n * Math.abs(incy));
                            org.netlib.blas.Sger.sger(m, n, -0.8f, xs, 1, incx, ys, 1, incy, wa, 2, lda);
                            VGRAD.sger(m, n, -0.8f, xs, 1, incx, ys, 1, incy, ga, 2, lda);
                            close(wa, ga, 1e-6f, "sger " + m + "x" + n + " incx " + incx + " incy " + incy);
                            if (incx > 0 && incy > 0) {
                                float[] na = a.clone();
                                NETLIB.sger(m, n, -0.8f, xs, 1, incx, ys, 1, incy, na, 2, lda);
                                close(na, ga, 1e-6f, "sger vs netlib");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void levelOneRoutinesMatch() {
        for (int n : new int[] {0, 1, 2, 7, 8, 9, 31, 100, 1001}) {
            for (int incx : new int[] {1, 3, -2}) {
                for (int incy : new int[] {1, 2, -1}) {
                    float[] x = rand(2 + Math.max(n, 1) * Math.abs(incx)), y = rand(1 + Math.max(n, 1) * Math.abs(incy));
                    String w = " n=" + n + " incx=" + incx + " incy=" + incy;
                    float[] wy = y.clone(), gy = y.clone();
                    NETLIB.saxpy(n, 0.37f, x, 2, incx, wy, 1, incy);
                    VGRAD.saxpy(n, 0.37f, x, 2, incx, gy, 1, incy);
                    close(wy, gy, 1e-6f, "saxpy" + w);
                    assertEquals(NETLIB.sdot(n, x, 2, incx, y, 1, incy), VGRAD.sdot(n, x, 2, incx, y, 1, incy),
                            1e-5f * (n + 1), "sdot" + w);
                    float[] cx = y.clone(), gx = y.clone();
                    NETLIB.scopy(n, x, 2, incx, cx, 1, incy);
                    VGRAD.scopy(n, x, 2, incx, gx, 1, incy);
                    assertArrayEquals(cx, gx, "scopy" + w);
                    float[] sx1 = x.clone(), sy1 = y.clone(), sx2 = x.clone(), sy2 = y.clone();
                    NETLIB.sswap(n, sx1, 2, incx, sy1, 1, incy);
                    VGRAD.sswap(n, sx2, 2, incx, sy2, 1, incy);
                    assertArrayEquals(sx1, sx2, "sswap x" + w);
                    assertArrayEquals(sy1, sy2, "sswap y" + w);
                }
                float[] x = rand(2 + Math.max(n, 1) * Math.abs(incx));
                String w = " n=" + n + " incx=" + incx;
                float[] s1 = x.clone(), s2 = x.clone();
                NETLIB.sscal(n, -1.7f, s1, 2, incx);
                VGRAD.sscal(n, -1.7f, s2, 2, incx);
                close(s1, s2, 1e-7f, "sscal" + w);
                assertEquals(NETLIB.snrm2(n, x, 2, incx), VGRAD.snrm2(n, x, 2, incx), 1e-5f * (n + 1), "snrm2" + w);
                assertEquals(NETLIB.sasum(n, x, 2, incx), VGRAD.sasum(n, x, 2, incx), 1e-5f * (n + 1), "sasum" + w);
                assertEquals(NETLIB.isamax(n, x, 2, incx), VGRAD.isamax(n, x, 2, incx), "isamax" + w);
            }
        }
    }

    /** The same exception class and message as netlib's, and the output untouched. */
    static void sameError(Executable netlib, Executable vgrad, float[] output) {
        float[] before = output.clone();
        Throwable want = assertThrows(RuntimeException.class, netlib);
        float[] afterNetlib = output.clone();
        System.arraycopy(before, 0, output, 0, before.length);
        Throwable got = assertThrows(RuntimeException.class, vgrad);
        assertEquals(want.getClass(), got.getClass());
        assertEquals(want.getMessage(), got.getMessage());
        assertArrayEquals(before, output, "nothing written on error");
        assertArrayEquals(before, afterNetlib);
    }

    @Test
    void argumentErrorsAreNetlibsAndWriteNothing() {
        float[] a = rand(20), b = rand(20), c = rand(20), x = rand(10), y = rand(10);
        sameError(() -> NETLIB.sgemm("X", "N", 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2),
                () -> VGRAD.sgemm("X", "N", 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2), c);
        sameError(() -> NETLIB.sgemm("N", "N", 3, 2, 2, 1f, a, 2, b, 2, 0f, c, 3),
                () -> VGRAD.sgemm("N", "N", 3, 2, 2, 1f, a, 2, b, 2, 0f, c, 3), c);
        sameError(() -> NETLIB.sgemm("N", "T", 5, 5, 4, 1f, a, 5, b, 5, 0f, c, 5),
                () -> VGRAD.sgemm("N", "T", 5, 5, 4, 1f, a, 5, b, 5, 0f, c, 5), c);
        sameError(() -> NETLIB.sgemv("N", 3, 3, 1f, a, 3, x, 0, 0f, y, 1),
                () -> VGRAD.sgemv("N", 3, 3, 1f, a, 3, x, 0, 0f, y, 1), y);
        sameError(() -> NETLIB.sger(3, 3, 1f, x, 1, y, 1, a, 2), () -> VGRAD.sger(3, 3, 1f, x, 1, y, 1, a, 2), a);
        sameError(() -> NETLIB.saxpy(11, 1f, x, 1, y, 1), () -> VGRAD.saxpy(11, 1f, x, 1, y, 1), y);
        sameError(() -> NETLIB.ssymv("X", 3, 1f, a, 3, x, 1, 0f, y, 1), () -> VGRAD.ssymv("X", 3, 1f, a, 3, x, 1, 0f, y, 1), y);
        sameError(() -> NETLIB.strsm("L", "U", "N", "Q", 2, 2, 1f, a, 2, b, 2), () -> VGRAD.strsm("L", "U", "N", "Q", 2, 2, 1f,
                a, 2, b, 2), b);
        sameError(() -> NETLIB.ssyrk("U", "T", 4, 6, 1f, a, 6, 0f, c, 4), () -> VGRAD.ssyrk("U", "T", 4, 6, 1f, a, 6, 0f, c,
                4), c);
        sameError(() -> NETLIB.stpmv("U", "N", "N", 6, a, x, 1), () -> VGRAD.stpmv("U", "N", "N", 6, a, x, 1), x);
    }

    @Test
    void configurationChoosesTheImplementation() {
        assertEquals(VgradBLAS.class, VgradBLAS.configured().getClass());
        System.setProperty("vgrad.netlib.blas", "netlib");
        try {
            assertEquals(BLAS.getInstance().getClass(), VgradBLAS.configured().getClass());
        } finally {
            System.clearProperty("vgrad.netlib.blas");
        }
        double[] dx = {1, 2, 3}, dy = {4, 5, 6};
        assertEquals(32.0, VGRAD.ddot(3, dx, 1, dy, 1), "double routines delegate to netlib's Java BLAS");
    }
}
