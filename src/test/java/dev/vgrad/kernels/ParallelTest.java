package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void defaultsToEveryCoreUnlessThePropertySaysOtherwise() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.initialThreads(null));
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.initialThreads(" "));
        assertEquals(3, Parallel.initialThreads(" 3"));
        for (String bad : new String[] {"0", "-2", "two"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Parallel.initialThreads(bad));
            assertTrue(e.getMessage().contains("vgrad.threads") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void sgemmsSettingIsThePoolsSetting() {
        int before = Parallel.threads();
        try {
            Sgemm.setThreads(5);
            assertEquals(5, Parallel.threads());
            Parallel.setThreads(2);
            assertEquals(2, Sgemm.threads());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void rejectsFewerThanOneThread() {
        int before = Parallel.threads();
        var e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertEquals(before, Parallel.threads());
    }

    @Test
    void everyPartRunsOnceWithTheCallerTakingPartZero() {
        int before = Parallel.threads();
        Parallel.setThreads(3);
        try {
            int[] runs = new int[7];
            ConcurrentHashMap<Integer, Thread> where = new ConcurrentHashMap<>();
            Parallel.run(7, i -> {
                synchronized (runs) {
                    runs[i]++;
                }
                where.put(i, Thread.currentThread());
            });
            assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, runs);
            assertEquals(Thread.currentThread(), where.get(0));
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aPartsExceptionReachesTheCallerWithItsTypeAndMessage() {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            AtomicInteger finished = new AtomicInteger();
            var e = assertThrows(IllegalArgumentException.class, () -> Parallel.run(4, i -> {
                if (i == 2) {
                    throw new IllegalArgumentException("part 2 refused");
                }
                finished.incrementAndGet();
            }));
            assertTrue(e.getMessage().contains("part 2 refused"), e.getMessage());
            assertEquals(3, finished.get(), "the other parts still ran to the end");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aPartOnThePoolDoesNotSplitAgain() {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            int[] inner = new int[2];
            Parallel.run(2, i -> inner[i] = Parallel.partsHere());
            assertEquals(2, inner[0], "the caller's own part may split");
            assertEquals(1, inner[1], "a pool worker's part runs its kernels on its own thread");
        } finally {
            Parallel.setThreads(before);
        }
    }
}
