package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SGEMM bit for bit against the scalar path's canonical order and within float error of a product taken in
 * double, for every transpose combination, on sizes that cross every path switch (rows, direct, blocked, parallel)
 * and every blocking boundary (MR, NR, KC, and MC and NC past their largest, 512 and 4096, so on every machine) with
 * tails, with padded leading dimensions, offsets, and alpha/beta.
 */
class SgemmTest {
    @ParameterizedTest
    @CsvSource({"1,1,1", "1,7,5", "3,5,2", "4,16,8", "5,17,9", "7,33,19", "16,16,16", "31,47,29", "64,64,64",
            "4,32,1", "8,64,3", "32,32,32", "64,32,200", "96,96,96", "4,16,17",
            "12,64,5", "4,96,40", "97,100,63", "100,97,257", "130,20,300", "4,4200,3", "530,20,40", "200,3,40",
            "1,300,300", "300,1,300",
            "4,16,600", "8,32,513", "3,40,700", "2,17,257",
            // the direct path's edges: rows past the last tile, one or two columns past the last panel, few rows deep
            "10,64,512", "12,64,512", "10,33,300", "9,66,40", "17,66,513", "20,32,1000", "603,1,300", "513,1,64",
            "37,97,30",
            // past the rows from which a transposed B is copied to aligned panels: a partial panel, two k-blocks
            "600,77,300", "515,40,260"})
    void matchesReferenceForAllTransposes(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            GemmOperands o = GemmOperands.draw(r, ta, tb, m, n, k);
            float[] a = o.a(), b = o.b(), c0 = o.c();
            int lda = o.lda(), ldb = o.ldb(), ldc = o.ldc(), aOff = o.aOff(), bOff = o.bOff(), cOff = o.cOff();
            for (float[] ab : new float[][] {{variant == 3 ? 1f : 0.75f, variant == 0 ? 0f : 0.5f}, {1f, 1f}, {1f, 0f}}) {
                float alpha = ab[0], beta = ab[1];
                float[] want = c0.clone(), got = c0.clone();
                ScalarGemm.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
                Sgemm.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
                String where = "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " alpha=" + alpha
                        + " beta=" + beta;
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 0f, where + " at " + i);
                }
                assertNearDoubleProduct(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c0, got, cOff, ldc, where);
            }
        }
    }

    /**
     * The bias added inside the product (tile by tile on the packed paths) against the bias filled into C first and a
     * beta-1 product on the scalar path: the same bits, on every path's shapes, on one thread and split over three.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1", "1,7,5", "5,17,9", "16,16,16", "31,47,29", "64,64,64", "8,64,3", "96,96,96", "97,100,63",
            "100,97,257", "130,20,300", "530,20,40", "1,300,300", "300,1,300", "8,32,513", "2,17,257", "64,784,128",
            "200,130,90", "523,70,40", "7,33,0", "10,64,512", "603,1,300", "9,66,40", "1100,1,900"})
    void biasInsideTheProductGivesTheBitsOfAFillFirst(int m, int n, int k) throws Exception {
        SplittableRandom r = new SplittableRandom(m * 13L + n * 5L + k);
        for (int threads : new int[] {1, 3}) {
            KernelAssert.onThreads(threads, () -> {
                for (int variant = 0; variant < 4; variant++) {
                    boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
                    int lda = (ta ? m : k) + r.nextInt(3), ldb = (tb ? k : n) + r.nextInt(3), ldc = n + r.nextInt(3);
                    int aOff = r.nextInt(4), bOff = r.nextInt(4), cOff = r.nextInt(4), biasOff = r.nextInt(4);
                    float[] a = KernelAssert.random(r, aOff + lda * Math.max(1, ta ? k : m) + 1, -1f, 1f);
                    float[] b = KernelAssert.random(r, bOff + ldb * Math.max(1, tb ? n : k) + 1, -1f, 1f);
                    float[] bias = KernelAssert.random(r, biasOff + n + 2, -2f, 2f);
                    float[] c0 = KernelAssert.random(r, cOff + ldc * m + 1, -1f, 1f);
                    c0[cOff] = Float.NaN;  // C's prior contents are not read
                    float[] want = c0.clone(), got = c0.clone();
                    Sgemm.fillRows(m, n, bias, biasOff, want, cOff, ldc);
                    ScalarGemm.sgemm(ta, tb, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, want, cOff, ldc);
                    Sgemm.sgemmWithBias(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, bias, biasOff, got, cOff, ldc);
                    String where = "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " threads="
                            + threads;
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 0f, where + " at " + i);
                    }
                }
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"200,130,90", "64,784,128", "784,128,64", "130,300,50", "97,97,200"})
    void parallelSplitMatchesReference(int m, int n, int k) throws Exception {
        SplittableRandom r = new SplittableRandom(m + n + k);
        KernelAssert.onThreads(3, () -> {
            for (int variant = 0; variant < 8; variant++) {
                // alpha 1 reads A in place where the tall tile does, alpha 0.5 packs it
                boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
                float alpha = (variant & 4) != 0 ? 1f : 0.5f;
                float[] a = KernelAssert.random(r, m * k, -1f, 1f), b = KernelAssert.random(r, k * n, -1f, 1f);
                float[] want = KernelAssert.random(r, m * n, -1f, 1f), got = want.clone();
                ScalarGemm.sgemm(ta, tb, m, n, k, alpha, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, want, 0, n);
                Sgemm.sgemm(ta, tb, m, n, k, alpha, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, got, 0, n);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 0f, "parallel m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha
                            + " at " + i);
                }
            }
        });
    }

    /**
     * The blocked path reads whole tiles of A in place where B's block is narrow and packs the rest (the rows below the
     * last whole tile, a wide B, a transposed A whose rows lie a multiple of 2 KiB apart): the canonical bits on each
     * side of every one of those switches, beta 0 and 1. Where the CPU does not read A in place (an Intel Xeon, Zen 5)
     * the 512-bit execution of this suite runs with {@code vgrad.gemm.aInPlace=true} (see pom.xml).
     */
    @ParameterizedTest
    @CsvSource({"8,32,16", "77,64,300", "263,40,257", "520,512,33", "33,513,70", "300,600,20"})
    void aReadInPlaceOrPackedGivesTheCanonicalBits(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 17L + n + k);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            int natural = ta ? m : k;
            for (int lda : new int[] {natural, natural + 1, (natural + 511) / 512 * 512}) {
                int ldb = tb ? k : n;
                float[] a = KernelAssert.random(r, lda * (ta ? k : m), -1f, 1f);
                float[] b = KernelAssert.random(r, ldb * (tb ? n : k), -1f, 1f);
                for (float beta : new float[] {0f, 1f}) {
                    float[] want = KernelAssert.random(r, m * n, -1f, 1f), got = want.clone();
                    ScalarGemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, want, 0, n);
                    Sgemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, got, 0, n);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 0f, "m=" + m + " n=" + n + " k=" + k + " transA=" + ta
                                + " transB=" + tb + " lda=" + lda + " beta=" + beta + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        float[] a = {1, 2, 3, 4}, b = {1, 0, 0, 1}, c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Sgemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertEquals(1f, c[0]);
        assertEquals(4f, c[3]);
    }

    @Test
    void betaZeroIgnoresNaNInCOnTheBlockedPath() {
        for (int[] s : new int[][] {{100, 70, 300}, {7, 45, 33}}) {
            int m = s[0], n = s[1], k = s[2];
            SplittableRandom r = new SplittableRandom(m);
            float[] a = KernelAssert.random(r, m * k, -1, 1), b = KernelAssert.random(r, k * n, -1, 1);
            float[] c = new float[m * n], want = new float[m * n];
            java.util.Arrays.fill(c, Float.NaN);
            ScalarGemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, want, 0, n);
            Sgemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            for (int i = 0; i < c.length; i++) {
                assertEquals(want[i], c[i], 0f, m + "x" + n + "x" + k + " at " + i);
            }
        }
    }

    @Test
    void nanInAPropagatesToItsRow() {
        int m = 40, n = 40, k = 40;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        java.util.Arrays.fill(b, 1f);
        a[5 * k + 3] = Float.NaN;
        Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        for (int j = 0; j < n; j++) {
            assertTrue(Float.isNaN(c[5 * n + j]));
            assertEquals(0f, c[4 * n + j]);
        }
    }

    /** got against alpha * op(A) op(B) + beta * C0 summed in double: within k float roundings of sum |terms|. */
    private static void assertNearDoubleProduct(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a,
                                                int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c0,
                                                float[] got, int cOff, int ldc, String where) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double t = (double) alpha * (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p])
                            * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                    s += t;
                    magnitude += Math.abs(t);
                }
                int ci = cOff + i * ldc + j;
                double prior = beta == 0f ? 0 : (double) beta * c0[ci];
                double bound = (k + 2) * 0x1p-24 * (magnitude + Math.abs(prior)) + 1e-30;
                assertEquals(s + prior, got[ci], bound, where + " against double at (" + i + ", " + j + ")");
            }
        }
    }
}
