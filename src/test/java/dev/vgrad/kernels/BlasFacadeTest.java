package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.kernels.Blas.Layout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The BLAS facade in both layouts against an index-by-index reference, and its argument errors. */
class BlasFacadeTest {
    final SplittableRandom r = new SplittableRandom(9);

    static float at(float[] a, int off, int ld, boolean rowMajor, int i, int j) {
        return rowMajor ? a[off + i * ld + j] : a[off + j * ld + i];
    }

    @Test
    void sgemmAndSgemvInBothLayouts() {
        for (Layout layout : Layout.values()) {
            boolean row = layout == Layout.ROW_MAJOR;
            for (int[] s : new int[][] {{1, 1, 1}, {5, 3, 7}, {20, 33, 9}, {65, 40, 70}}) {
                int m = s[0], n = s[1], k = s[2];
                for (int v = 0; v < 4; v++) {
                    boolean ta = (v & 1) != 0, tb = (v & 2) != 0;
                    int ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
                    int lda = (row ? ac : ar) + 1, ldb = (row ? bc : br) + 2, ldc = (row ? n : m) + 1;
                    float[] a = KernelAssert.random(r, 1 + lda * (row ? ar : ac), -1, 1);
                    float[] b = KernelAssert.random(r, 2 + ldb * (row ? br : bc), -1, 1);
                    float[] c = KernelAssert.random(r, ldc * (row ? m : n), -1, 1), want = c.clone();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                float av = ta ? at(a, 1, lda, row, p, i) : at(a, 1, lda, row, i, p);
                                float bv = tb ? at(b, 2, ldb, row, j, p) : at(b, 2, ldb, row, p, j);
                                sum += av * bv;
                            }
                            int ci = row ? i * ldc + j : j * ldc + i;
                            want[ci] = (float) (0.5 * sum + 2.0 * c[ci]);
                        }
                    }
                    Blas.sgemm(layout, ta, tb, m, n, k, 0.5f, a, 1, lda, b, 2, ldb, 2f, c, 0, ldc);
                    assertArrayEquals(want, c, 1e-4f, layout + " sgemm " + ta + tb + " " + m + "x" + n + "x" + k);
                }
                for (boolean t : new boolean[] {false, true}) {
                    int lda = (row ? n : m) + 1;
                    float[] a = KernelAssert.random(r, lda * (row ? m : n), -1, 1);
                    int xl = t ? m : n, yl = t ? n : m;
                    float[] x = KernelAssert.random(r, 2 * xl, -1, 1), y = KernelAssert.random(r, yl, -1, 1), want = y.clone();
                    for (int i = 0; i < yl; i++) {
                        double sum = 0;
                        for (int p = 0; p < xl; p++) {
                            sum += (t ? at(a, 0, lda, row, p, i) : at(a, 0, lda, row, i, p)) * x[(xl - 1 - p) * 2];
                        }
                        want[i] = (float) (1.5 * sum);
                    }
                    Blas.sgemv(layout, t, m, n, 1.5f, a, 0, lda, x, 0, -2, 0f, y, 0, 1);
                    assertArrayEquals(want, y, 1e-4f, layout + " sgemv trans=" + t + " " + m + "x" + n);
                }
            }
        }
    }

    @Test
    void errorsNamePositionAndParameterAndWriteNothing() {
        float[] a = new float[12], b = new float[12], c = {1, 2, 3, 4};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(Layout.ROW_MAJOR, false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertTrue(e.getMessage().startsWith("sgemm: parameter 10 (lda) had an illegal value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemm(Layout.COLUMN_MAJOR, false, false, -1, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertTrue(e.getMessage().startsWith("sgemm: parameter 4 (m)"), e.getMessage());
        IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class,
                () -> Blas.sgemm(Layout.ROW_MAJOR, false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, new float[3], 0, 2));
        assertTrue(oob.getMessage().contains("sgemm: c holds 3 floats"), oob.getMessage());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        e = assertThrows(IllegalArgumentException.class,
                () -> Blas.sgemv(Layout.ROW_MAJOR, false, 2, 2, 1f, a, 0, 2, b, 0, 0, 0f, c, 0, 1));
        assertTrue(e.getMessage().startsWith("sgemv: parameter 11 (incx)"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Blas.saxpy(5, 1f, a, 10, 1, c, 0, 1));
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    }

    @Test
    void levelOneOnNegativeIncrementsAndSpecialValues() {
        float[] x = {1, -7, 3, Float.NaN, 2};
        assertEquals(1, Blas.isamax(5, x, 0, 1), "NaN never beats an earlier element, as in the reference BLAS");
        assertEquals(-1, Blas.isamax(0, x, 0, 1));
        assertEquals((float) Math.sqrt(1 + 49 + 9), Blas.snrm2(3, x, 0, 1), 1e-6f);
        float big = 3e30f;
        assertEquals(big * (float) Math.sqrt(2), Blas.snrm2(2, new float[] {big, big}, 0, 1), 1e25f, "no overflow");
        float[] y = {0, 0, 0};
        Blas.saxpy(3, 2f, new float[] {1, 2, 3}, 0, 1, y, 0, -1);
        assertArrayEquals(new float[] {6, 4, 2}, y, "a negative increment walks y from its end");
        assertEquals(11f, Blas.sasum(3, new float[] {1, -7, 3}, 0, 1));
    }
}
