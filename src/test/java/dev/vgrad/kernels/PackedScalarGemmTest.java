package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scalar path's packed GEMM bit for bit against the reference ({@link ScalarGemm}) in every run, whatever the
 * vector path does: every transpose combination, tails past the 2 x 4 tile, depths across KC blocks, blocks past MC
 * and NC, padded leading dimensions and offsets, the alpha/beta cases the reference treats apart (beta 0 leaves C
 * unread, alpha 0 or k 0 computes no product), non-finite operands, and C's rows split over threads.
 */
class PackedScalarGemmTest {
    @ParameterizedTest
    @CsvSource({"1,1,1", "1,5,3", "2,4,7", "3,5,2", "5,17,9", "7,3,300", "16,16,16", "31,47,29", "64,64,256",
            "65,66,257", "130,20,513", "9,600,40", "70,530,600", "1,300,300", "300,1,300", "4,4,0"})
    void matchesTheReference(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 131L + n * 17L + k);
        for (int variant = 0; variant < 4; variant++) {
            boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
            GemmOperands o = GemmOperands.draw(r, ta, tb, m, n, k);
            for (float[] ab : new float[][] {{1f, 0f}, {1f, 1f}, {0.75f, 0.7f}, {-1.5f, -1.3f}, {0f, 0.5f}, {0f, 0f}}) {
                assertSameBits(ta, tb, m, n, k, ab[0], o.a(), o.aOff(), o.lda(), o.b(), o.bOff(), o.ldb(), ab[1], o.c(),
                        o.cOff(), o.ldc(),
                        "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " alpha=" + ab[0]
                                + " beta=" + ab[1]);
            }
        }
    }

    /** Infinities and NaN in A and B, NaN in C under beta 0, and C's signed zeros where a product adds nothing. */
    @Test
    void nonFiniteValuesAndSignedZerosAsTheReferenceHasThem() {
        SplittableRandom r = new SplittableRandom(7);
        int m = 9, n = 11, k = 300;
        float[] a = KernelAssert.random(r, m * k, -1f, 1f), b = KernelAssert.random(r, k * n, -1f, 1f);
        a[3 * k + 5] = Float.POSITIVE_INFINITY;
        a[7 * k + 280] = Float.NaN;
        b[10 * n + 2] = Float.NEGATIVE_INFINITY;
        float[] c = KernelAssert.random(r, m * n, -1f, 1f);
        c[4] = Float.NaN;
        c[5] = -0f;
        for (float beta : new float[] {0f, 1f, -0f}) {
            assertSameBits(false, false, m, n, k, 1f, a, 0, k, b, 0, n, beta, c, 0, n, "beta=" + beta);
            assertSameBits(false, false, m, n, 0, 1f, a, 0, k, b, 0, n, beta, c, 0, n, "k=0 beta=" + beta);
            assertSameBits(false, false, m, n, k, -0f, a, 0, k, b, 0, n, beta, c, 0, n, "alpha=-0 beta=" + beta);
        }
        float[] zeros = new float[m * k];
        assertSameBits(false, false, m, n, k, 1f, zeros, 0, k, b, 0, n, 1f, c, 0, n, "zero A onto -0");
    }

    /** Above the parallel threshold C's rows split into blocks, one a thread: the same bits on 1, 2 and 3 threads. */
    @ParameterizedTest
    @CsvSource({"200,130,90", "64,784,128", "97,97,200", "3,1000,400"})
    void splitOverThreadsGivesTheReferenceBits(int m, int n, int k) throws Exception {
        SplittableRandom r = new SplittableRandom(m + 3L * n + k);
        float[] a = KernelAssert.random(r, m * k, -1f, 1f), b = KernelAssert.random(r, k * n, -1f, 1f);
        float[] c0 = KernelAssert.random(r, m * n, -1f, 1f);
        for (int threads = 1; threads <= 3; threads++) {
            KernelAssert.onThreads(threads, () -> {
                for (int variant = 0; variant < 4; variant++) {
                    boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
                    assertSameBits(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, c0, 0, n,
                            "threads=" + Parallel.threads() + " m=" + m + " n=" + n + " k=" + k + " variant=" + variant);
                }
            });
        }
    }

    private static void assertSameBits(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff,
                                       int lda, float[] b, int bOff, int ldb, float beta, float[] c0, int cOff,
                                       int ldc, String where) {
        float[] want = c0.clone(), got = c0.clone();
        ScalarGemm.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
        PackedScalarGemm.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                    where + " at " + i + ": " + want[i] + " against " + got[i]);
        }
    }
}
