package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vgrad.kernels.Parallel;
import java.util.function.IntFunction;

/** Runs a computation on 1 and on 3 threads and asserts the same bits, restoring the pool's size afterwards. */
final class ThreadCounts {
    private ThreadCounts() {}

    /** {@code run.apply(threads)} sets the thread count itself (or lets this do it) and returns its results. */
    static void assertSameBitsOnOneAndThree(IntFunction<float[][]> run) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = run.apply(1);
            Parallel.setThreads(3);
            float[][] three = run.apply(3);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], three[i], "result " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
