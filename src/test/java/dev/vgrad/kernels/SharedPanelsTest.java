package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Parts that wait for each other: {@link Parallel#runTogether} runs them all at once or refuses, {@link SpinBarrier}
 * holds them between phases and lets them go when one fails, and SGEMM's threads sharing packed panels of B
 * ({@link ParallelProduct}) give the single-threaded bits, fail cleanly, and step aside when the pool is busy. The
 * timeouts turn a deadlock into a failure.
 */
class SharedPanelsTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void panelsAreSharedFromThreePartsUpToOneAProcessor() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertFalse(ParallelProduct.sharesPanels(2), "two parts pack their own B");
        assertEquals(processors >= 3, ParallelProduct.sharesPanels(3));
        assertEquals(processors >= 3, ParallelProduct.sharesPanels(processors));
        assertFalse(ParallelProduct.sharesPanels(processors + 1),
                "more parts than processors would wait at the barrier for descheduled partners");
    }

    @Test
    void runTogetherRunsEveryPartOnItsOwnThreadAtOnce() throws Exception {
        KernelAssert.onThreads(3, () -> {
            SpinBarrier barrier = new SpinBarrier();
            barrier.reset(3);
            int[] phasesPassed = new int[3];
            ConcurrentHashMap<Integer, Thread> where = new ConcurrentHashMap<>();
            Thread[] caller = new Thread[1];
            boolean ran = assertTimeoutPreemptively(LIMIT, () -> {
                caller[0] = Thread.currentThread();
                return Parallel.runTogether(3, i -> {
                    where.put(i, Thread.currentThread());
                    for (int phase = 0; phase < 50; phase++) {
                        if (barrier.await()) {
                            phasesPassed[i]++;
                        }
                    }
                });
            });
            assertTrue(ran);
            assertArrayEquals(new int[] {50, 50, 50}, phasesPassed);
            assertEquals(3, where.values().stream().distinct().count(), "three parts, three threads");
            assertEquals(caller[0], where.get(0));
        });
    }

    @Test
    void runTogetherRefusesWhatItCannotRunAtOnceAndRunsNothing() throws Exception {
        KernelAssert.onThreads(2, () -> {
            AtomicInteger runs = new AtomicInteger();
            assertFalse(Parallel.runTogether(3, i -> runs.incrementAndGet()), "more parts than threads");
            assertFalse(Parallel.runTogether(1, i -> runs.incrementAndGet()), "one part needs no pool");
            boolean[] inside = new boolean[2];
            Parallel.run(2, i -> inside[i] = Parallel.runTogether(2, j -> runs.incrementAndGet()));
            assertArrayEquals(new boolean[] {false, false}, inside, "inside a part");
            try (var scope = Parallel.singleThreaded()) {
                assertFalse(Parallel.runTogether(2, i -> runs.incrementAndGet()), "inside singleThreaded");
            }
            Parallel.setThreads(1);
            assertFalse(Parallel.runTogether(2, i -> runs.incrementAndGet()), "one thread");
            assertEquals(0, runs.get());
        });
    }

    @Test
    void aBrokenBarrierReleasesItsWaitersNowAndLater() {
        SpinBarrier barrier = new SpinBarrier();
        barrier.reset(2);
        Thread breaker = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            barrier.breakBarrier();
        });
        breaker.start();
        assertFalse(assertTimeoutPreemptively(LIMIT, barrier::await), "the partner never arrives; the break frees it");
        assertFalse(barrier.await(), "and every later wait");
        barrier.reset(1);
        assertTrue(barrier.await(), "until reset");
    }

    @Test
    void sharedPanelsGiveTheSingleThreadedBitsOverSeveralBlocksOfB() throws Exception {
        assumeTrue(Vectorization.ENABLED, "ParallelProduct belongs to the Vector API path");
        // k past KC and n past NC: several blocks, so the threads wait between packing and multiplying and again
        // before the next block overwrites the shared panels.
        int[][] shapes = {{520, 150, 600}, {520, 4200, 3}, {97, 40, 300}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            SplittableRandom r = new SplittableRandom(m * 7L + n + k);
            for (int variant = 0; variant < 4; variant++) {
                boolean ta = (variant & 1) != 0, tb = (variant & 2) != 0;
                float[] a = KernelAssert.random(r, m * k, -1f, 1f), b = KernelAssert.random(r, k * n, -1f, 1f);
                float[] c0 = KernelAssert.random(r, m * n, -1f, 1f);
                float[] bias = KernelAssert.random(r, n, -1f, 1f);
                float[] want = c0.clone(), overwritten = c0.clone(), added = c0.clone(), biased = c0.clone();
                ScalarGemm.sgemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, want, 0, n);
                float[] wantBiased = c0.clone();
                Sgemm.fillRows(m, n, bias, 0, wantBiased, 0, n);
                ScalarGemm.sgemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 1f, wantBiased, 0, n);
                KernelAssert.onThreads(3, () -> {
                    int chunk = (m / 3 + 1 + Sgemm.MR - 1) / Sgemm.MR * Sgemm.MR;
                    int parts = (m + chunk - 1) / chunk;
                    float[] bp = new float[Sgemm.KC * Sgemm.NC];
                    assertTrue(assertTimeoutPreemptively(LIMIT, () -> ParallelProduct.sharedPanels(parts, chunk, ta, tb,
                            m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, false, null, 0, added, 0, n, bp)));
                    float[] solo = c0.clone();
                    ScalarGemm.sgemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, solo, 0, n);
                    assertTrue(ParallelProduct.sharedPanels(parts, chunk, ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0,
                            tb ? k : n, true, null, 0, overwritten, 0, n, bp));
                    assertTrue(ParallelProduct.sharedPanels(parts, chunk, ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0,
                            tb ? k : n, false, bias, 0, biased, 0, n, bp));
                    String where = "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb;
                    assertArrayEquals(want, added, where + ", added to C");
                    assertArrayEquals(solo, overwritten, where + ", C overwritten");
                    assertArrayEquals(wantBiased, biased, where + ", C from the bias");
                });
            }
        }
    }

    @Test
    void aFailingPartStopsItsPartnersAndTheCallerGetsItsException() throws Exception {
        assumeTrue(Vectorization.ENABLED, "ParallelProduct belongs to the Vector API path");
        KernelAssert.onThreads(2, () -> {
            int m = 64, n = 32, k = 600;
            float[] a = new float[m * k], b = new float[k * n], bp = new float[Sgemm.KC * Sgemm.NC];
            float[] c = new float[(m / 2) * n + 5];  // the second part's rows run off its end
            assertThrows(IndexOutOfBoundsException.class, () -> assertTimeoutPreemptively(LIMIT,
                    () -> ParallelProduct.sharedPanels(2, m / 2, false, false, m, n, k, 1f, a, 0, k, b, 0, n, true,
                            null, 0, c, 0, n, bp)));
            int[] runs = new int[2];
            Parallel.run(2, i -> runs[i]++);
            assertArrayEquals(new int[] {1, 1}, runs, "the pool is free again");
        });
    }

    @Test
    void productsFromTwoCallersAtOnceBothGetTheirBits() throws Exception {
        KernelAssert.onThreads(2, () -> {
            int m = 300, n = 120, k = 400;
            SplittableRandom r = new SplittableRandom(5);
            float[] a = KernelAssert.random(r, m * k, -1f, 1f), b = KernelAssert.random(r, k * n, -1f, 1f);
            float[] want = new float[m * n];
            ScalarGemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, want, 0, n);
            java.util.concurrent.Callable<Boolean> job = () -> {
                for (int round = 0; round < 30; round++) {
                    float[] got = new float[m * n];
                    Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, got, 0, n);
                    if (!java.util.Arrays.equals(want, got)) {
                        return false;
                    }
                }
                return true;
            };
            KernelAssert.trueOnTwoThreadsAtOnce(job);
        });
    }

    @Test
    void whenThePoolRefusesEachBlockRunsOnItsOwnWithTheSameBits() throws Exception {
        assumeTrue(Vectorization.ENABLED, "ParallelProduct belongs to the Vector API path");
        KernelAssert.onThreads(2, () -> {
            // Taller than wide (blocks of rows: the shared way refused from inside a part) and wider than tall
            // (blocks of columns, never shared).
            int[][] shapes = {{301, 70, 290}, {40, 333, 290}};
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                SplittableRandom r = new SplittableRandom(m + 31L * n);
                float[] a = KernelAssert.random(r, m * k, -1f, 1f), b = KernelAssert.random(r, k * n, -1f, 1f);
                float[] want = new float[m * n], got = new float[m * n];
                ScalarGemm.sgemm(true, false, m, n, k, 1.5f, a, 0, m, b, 0, n, 0f, want, 0, n);
                float[] bp = new float[Sgemm.KC * Sgemm.NC];
                boolean[] refused = new boolean[1];
                Parallel.run(2, part -> {
                    if (part == 0) {
                        refused[0] = !ParallelProduct.sharedPanels(2, 152, true, false, m, n, k, 1.5f, a, 0, m, b, 0,
                                n, true, null, 0, got, 0, n, bp);
                        ParallelProduct.multiply(2, true, false, m, n, k, 1.5f, a, 0, m, b, 0, n, true, null, 0, got, 0,
                                n, bp, null, 0);
                    }
                });
                assertTrue(refused[0], "inside a part the shared way is refused");
                assertArrayEquals(want, got, "m=" + m + " n=" + n + " k=" + k);
            }
        });
    }
}
