package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sgemm#sgemmSummingRowsOfA}: the product is {@code sgemm(true, false, ...)}'s bits, and op(A)'s row sums,
 * added where the product packs A (else by the caller, as {@link Reductions#addRows}), are that pass's bits, on shapes
 * that take every path (direct, rows, blocked across KC and MC, more columns than NC), with leading dimensions wider
 * than the rows, beta 0 and 1, and sums that start from values already there; on one thread and split over two
 * and three (blocks of rows each summing their own, blocks of columns one summing all, and the shared panels of three
 * blocks of rows). The blocked and parallel paths must have summed with vectors.
 */
class RowSumsOfATest {
    @ParameterizedTest
    @CsvSource({"384,128,4096", "128,512,4096", "130,20,300", "5,3,7", "1,1,1", "8,32,16", "37,65,300", "300,40,1500",
        "600,33,600", "20,4200,300", "9,40,2000", "128,784,512", "100,300,200"})
    void productAndSumsAreTheSeparatePassesBits(int m, int n, int k) {
        for (int threads = 1; threads <= 3; threads++) {
            check(m, n, k, threads);
        }
    }

    private static void check(int m, int n, int k, int threads) {
        SplittableRandom r = new SplittableRandom(m * 131L + n * 17L + k);
        int lda = m + r.nextInt(3), ldb = n + r.nextInt(3), ldc = n + r.nextInt(3);
        float[] a = KernelAssert.random(r, lda * k + 1, -1f, 1f), b = KernelAssert.random(r, ldb * k + 1, -1f, 1f);
        float[] c0 = KernelAssert.random(r, ldc * m + 1, -1f, 1f), s0 = KernelAssert.random(r, m + 4, -1f, 1f);
        for (float beta : new float[] {0f, 1f}) {
            float[] wantC = c0.clone(), gotC = c0.clone(), wantS = s0.clone(), gotS = s0.clone();
            Sgemm.sgemm(true, false, m, n, k, 1f, a, 0, lda, b, 0, ldb, beta, wantC, 0, ldc);
            Reductions.addRows(k, lda, a, 0, wantS, 1);
            // the pass sums all lda columns: the rows' sums are the first m, and the rest of wantS is not compared
            boolean summed;
            int before = Parallel.threads();
            Parallel.setThreads(threads);
            try {
                summed = Sgemm.sgemmSummingRowsOfA(m, n, k, a, 0, lda, b, 0, ldb, beta, gotC, 0, ldc, gotS, 1);
            } finally {
                Parallel.setThreads(before);
            }
            if (!summed) {
                Reductions.addRows(k, lda, a, 0, gotS, 1);
            }
            String where = ", beta " + beta + ", " + threads + " thread(s)";
            assertArrayEquals(wantC, gotC, 0f, "C" + where);
            assertArrayEquals(Arrays.copyOfRange(wantS, 1, 1 + m), Arrays.copyOfRange(gotS, 1, 1 + m), 0f,
                    "sums" + where);
            if (Vectorization.ENABLED && (long) m * n * k >= 128L * 784 * 512) {
                assertTrue(summed, "the blocked and parallel paths sum" + where);
            }
        }
    }
}
