package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vgrad.kernels.Parallel;
import java.util.function.Supplier;

/** Runs a computation on 1 and on 3 threads and asserts the same bits, restoring the pool's size afterwards. */
final class ThreadCounts {
    private ThreadCounts() {}

    /** Runs {@code run} with the pool at 1 thread, then at 3, and compares the arrays it returns bit for bit. */
    static void assertSameBitsOnOneAndThree(Supplier<float[][]> run) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = run.get();
            Parallel.setThreads(3);
            float[][] three = run.get();
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], three[i], "result " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
