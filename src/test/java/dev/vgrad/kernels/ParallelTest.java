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
    void everyPartRunsOnceWithTheCallerTakingPartZero() throws Exception {
        KernelAssert.onThreads(3, () -> {
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
        });
    }

    @Test
    void aPartsExceptionReachesTheCallerWithItsTypeAndMessage() throws Exception {
        KernelAssert.onThreads(2, () -> {
            AtomicInteger finished = new AtomicInteger();
            var e = assertThrows(IllegalArgumentException.class, () -> Parallel.run(4, i -> {
                if (i == 2) {
                    throw new IllegalArgumentException("part 2 refused");
                }
                finished.incrementAndGet();
            }));
            assertTrue(e.getMessage().contains("part 2 refused"), e.getMessage());
            assertEquals(3, finished.get(), "the other threads' parts still ran to the end");
        });
    }

    @Test
    void aShareItsWorkerHasNotStartedIsRunByTheCaller() throws Exception {
        KernelAssert.onThreads(2, () -> {
            int byCaller = 0, byWorker = 0;
            for (int job = 0; job < 200; job++) {
                // Idle long enough for the worker to park: waking it takes longer than the caller's empty part.
                Thread.sleep(job % 2 == 0 ? 1 : 0);
                int[] runs = new int[3];
                Thread[] where = new Thread[3];
                boolean[] alone = new boolean[3];
                Parallel.run(3, i -> {
                    runs[i]++;
                    where[i] = Thread.currentThread();
                    alone[i] = Parallel.partsHere() == 1;
                });
                assertArrayEquals(new int[] {1, 1, 1}, runs, "job " + job);
                assertEquals(Thread.currentThread(), where[0]);
                assertEquals(where[0], where[2], "the caller's share is parts 0 and 2");
                assertArrayEquals(new boolean[] {true, true, true}, alone, "a part never splits again");
                if (where[1] == Thread.currentThread()) {
                    byCaller++;
                } else {
                    byWorker++;
                }
            }
            assertTrue(byCaller > 0, "no share was taken back from a parked worker (" + byWorker + " ran on it)");
            assertEquals(2, Parallel.partsHere(), "outside a job the caller splits again");
        });
    }

    @Test
    void aShareTakenBackStopsAtItsFirstExceptionAndTheOthersRunOn() throws Exception {
        KernelAssert.onThreads(2, () -> {
            for (int job = 0; job < 50; job++) {
                Thread.sleep(1);  // the worker parks, so its share is likely the caller's to run
                AtomicInteger[] runs = new AtomicInteger[6];
                for (int i = 0; i < runs.length; i++) {
                    runs[i] = new AtomicInteger();
                }
                var e = assertThrows(IllegalStateException.class, () -> Parallel.run(6, i -> {
                    runs[i].incrementAndGet();
                    if (i == 3) {
                        throw new IllegalStateException("part 3 refused");
                    }
                }));
                assertEquals("part 3 refused", e.getMessage());
                // Shares: {0, 2, 4} (the caller's) and {1, 3, 5}, which stops at 3 whichever thread runs it.
                int[] counts = new int[6];
                for (int i = 0; i < 6; i++) {
                    counts[i] = runs[i].get();
                }
                assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0}, counts, "job " + job);
            }
        });
    }

    @Test
    void noPartSplitsAgain() throws Exception {
        KernelAssert.onThreads(2, () -> {
            int[] inner = new int[2];
            assertEquals(2, Parallel.partsHere());
            Parallel.run(2, i -> inner[i] = Parallel.partsHere());
            assertArrayEquals(new int[] {1, 1}, inner, "the caller's part and the pool's run their kernels alone");
            assertEquals(2, Parallel.partsHere(), "outside a part the caller splits again");
        });
    }

    @Test
    void aSingleThreadedScopeKeepsThisThreadsKernelsOnItUntilClosed() throws Exception {
        KernelAssert.onThreads(2, () -> {
            try (Parallel.Scope outer = Parallel.singleThreaded()) {
                assertEquals(1, Parallel.partsHere());
                assertEquals(1, Parallel.partsFor(100L * Parallel.GRAIN), "no split, however large the work");
                int[] elsewhere = new int[1];
                Thread other = new Thread(() -> elsewhere[0] = Parallel.partsHere());
                other.start();
                other.join();
                assertEquals(2, elsewhere[0], "another thread still splits");
                try (Parallel.Scope inner = Parallel.singleThreaded()) {
                    assertEquals(1, Parallel.partsHere());
                }
                assertEquals(1, Parallel.partsHere(), "closing the inner scope leaves the outer one in force");
            }
            assertEquals(2, Parallel.partsHere(), "closed: this thread splits again");
        });
    }

    /** Runs body once on 1 thread and once on 3, returning both outputs. */
    private static float[][] onOneAndThree(java.util.function.Supplier<float[]> body) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = body.get();
            Parallel.setThreads(3);
            float[] three = body.get();
            return new float[][] {one, three};
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void elementwiseKernelsGiveTheSameBitsOnAnyThreadCount() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        int n = 3 * Parallel.GRAIN + 13;  // three parts, the last one ragged
        float[] a = KernelAssert.random(r, 2 * n, -3f, 3f), b = KernelAssert.random(r, n, 0.5f, 2f);
        for (BinaryOp op : BinaryOp.values()) {
            // a read with stride 2: the strided path splits too
            float[][] got = onOneAndThree(() -> {
                float[] out = new float[n];
                Elementwise.binary(op, n, a, 1, 2, b, 0, 1, out, 0, 1);
                return out;
            });
            assertArrayEquals(got[0], got[1], op.toString());
        }
        for (UnaryOp op : UnaryOp.values()) {
            float[][] got = onOneAndThree(() -> {
                float[] out = new float[n];
                Elementwise.unary(op, 0.5f, 2f, n, b, 0, 1, out, 0, 1);
                return out;
            });
            assertArrayEquals(got[0], got[1], op.toString());
        }
    }

    @Test
    void manyShortBroadcastRunsSplitByWholeRuns() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        int rows = 1031, cols = 97;  // a [1031, 97] + [97] bias: 1031 runs of 97
        float[] x = KernelAssert.random(r, rows * cols, -1f, 1f), bias = KernelAssert.random(r, cols, -1f, 1f);
        float[][] got = onOneAndThree(() -> {
            float[] out = new float[rows * cols];
            Elementwise.binary(BinaryOp.ADD, new int[] {rows, cols}, x, 0, new int[] {cols, 1}, bias, 0,
                    new int[] {0, 1}, out, 0, new int[] {cols, 1});
            return out;
        });
        assertArrayEquals(got[0], got[1]);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(x[i * cols + j] + bias[j], got[1][i * cols + j], 0f, "at " + i + "," + j);
            }
        }
        // The transposed view of the same sum: runs of 1 031 floats read with stride 97.
        float[][] unary = onOneAndThree(() -> {
            float[] out = new float[rows * cols];
            Elementwise.unary(UnaryOp.MUL_SCALAR, 2f, 0f, new int[] {cols, rows}, x, 0, new int[] {1, cols}, out, 0,
                    new int[] {rows, 1});
            return out;
        });
        assertArrayEquals(unary[0], unary[1]);
        assertEquals(2f * x[5 * cols + 3], unary[1][3 * rows + 5], 0f);
    }

    @Test
    void fusedUpdatesGiveTheSameBitsOnAnyThreadCount() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        int n = 2 * Parallel.GRAIN + 77;
        float[] p0 = KernelAssert.random(r, n, -1f, 1f), g = KernelAssert.random(r, n, -1f, 1f);
        float[] m0 = KernelAssert.random(r, n, -0.1f, 0.1f), v0 = KernelAssert.random(r, n, 0f, 0.1f);
        float[][] adam = onOneAndThree(() -> {
            float[] p = p0.clone(), m = m0.clone(), v = v0.clone();
            Fused.adam(n, p, 0, g, 0, m, 0, v, 0, 0.01f, 0.9f, 0.1f, 0.999f, 0.001f, 0.9f, 1e-8f, -1e-3f);
            float[] all = new float[3 * n];
            System.arraycopy(p, 0, all, 0, n);
            System.arraycopy(m, 0, all, n, n);
            System.arraycopy(v, 0, all, 2 * n, n);
            return all;
        });
        assertArrayEquals(adam[0], adam[1]);
        float[][] rest = onOneAndThree(() -> {
            float[] y = p0.clone();
            Fused.axpy(n, 0.5f, g, 0, y, 0);
            Fused.addcmul(n, 0.25f, g, 0, m0, 0, y, 0);
            Fused.addcdiv(n, 0.25f, g, 0, p0, 0, y, 0);
            return y;
        });
        assertArrayEquals(rest[0], rest[1]);
    }

    @Test
    void seekLandsWhereAdvancingWould() {
        StridedLayout l = StridedLayout.of(new int[] {3, 5, 7}, new int[] {70, 7, 1}, new int[] {0, 1, 5});
        int[] idx = new int[l.rank()], offs = {0, 0};
        int[] serial = l.begin(0, 0, 0);
        for (long run = 0; run < l.runs(); run++) {
            int[] seekIdx = new int[l.rank()], seekOffs = {0, 0};
            l.seek(run, seekIdx, seekOffs);
            assertArrayEquals(idx, seekIdx, "run " + run);
            assertArrayEquals(offs, seekOffs, "run " + run);
            assertArrayEquals(offs, java.util.Arrays.copyOf(serial, 2), "run " + run + ", the layout's own loop");
            l.advance(idx, offs);
            l.next();
        }
        l.release();
    }

    @Test
    void twoCallersAtOnceBothGetTheirResults() throws Exception {
        KernelAssert.onThreads(2, () -> {
            int n = 4 * Parallel.GRAIN + 5;
            float[] x = KernelAssert.random(new java.util.SplittableRandom(3), n, -1f, 1f);
            java.util.concurrent.Callable<Boolean> job = () -> {
                for (int round = 0; round < 40; round++) {
                    float[] out = new float[n];
                    Elementwise.unary(UnaryOp.MUL_SCALAR, 3f, 0f, n, x, 0, 1, out, 0, 1);
                    for (int i = 0; i < n; i += 997) {
                        if (out[i] != 3f * x[i]) {
                            return false;
                        }
                    }
                }
                return true;
            };
            KernelAssert.trueOnTwoThreadsAtOnce(job);
            Parallel.setThreads(3);  // retires the two-thread workers; the next split starts new ones
            int[] runs = new int[3];
            Parallel.run(3, i -> runs[i]++);
            assertArrayEquals(new int[] {1, 1, 1}, runs);
        });
    }

    @Test
    void reductionsOverLeadingDimensionsGiveTheSameBitsOnAnyThreadCount() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        int rows = 700, cols = 301;  // [700, 301] summed (and maxed) over its rows, as a bias's gradient is
        float[] x = KernelAssert.random(r, rows * cols, -1f, 1f);
        for (ReduceOp op : ReduceOp.values()) {
            float[][] got = onOneAndThree(() -> {
                float[] out = new float[cols];
                java.util.Arrays.fill(out, op.identity());
                Reductions.reduce(op, new int[] {rows, cols}, x, 0, new int[] {cols, 1}, out, 0, new int[] {0, 1});
                return out;
            });
            assertArrayEquals(got[0], got[1], op.toString());
            float want = op.identity();
            for (int i = 0; i < rows; i++) {
                want = op == ReduceOp.SUM ? want + x[i * cols + 5] : Math.max(want, x[i * cols + 5]);
            }
            assertEquals(want, got[1][5], 0f, op + ": the rows folded in order");
        }
    }
    @Test
    void softmaxCrossEntropyAndRowSumsGiveTheSameBitsOnAnyThreadCount() {
        sameBitsOnOneAndThreeThreads(3000, 33);  // 99 000 elements: three parts on three threads
        // rows of 10: the short rows' kernels, a vector's width of rows (or columns) at a time; 90 000 elements
        sameBitsOnOneAndThreeThreads(9000, 10);
    }

    private static void sameBitsOnOneAndThreeThreads(int rows, int cols) {
        dev.vgrad.Tensor x = dev.vgrad.Tensor.randn(new dev.vgrad.Generator(5), rows, cols);
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = (i * 7) % cols;
        }
        dev.vgrad.Tensor target = dev.vgrad.Tensor.wrap(labels, rows);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(3);
            assertEquals(3, Parallel.partsFor((long) rows * cols), "big enough to split");
            assertEquals(3, Parallel.partsFor((long) rows * (cols + 160)), "cross entropy's rows big enough to split");
        } finally {
            Parallel.setThreads(before);
        }
        float[][] got = onOneAndThree(() -> x.softmax(-1).toArray());
        assertArrayEquals(got[0], got[1], "softmax over the last dimension");
        got = onOneAndThree(() -> x.reshape(rows / 30, 30, cols).logSoftmax(1).toArray());
        assertArrayEquals(got[0], got[1], "log_softmax over a middle dimension");
        got = onOneAndThree(() -> x.reshape(rows / 10, 10, cols).softmax(1).toArray());
        assertArrayEquals(got[0], got[1], "softmax over a short middle dimension");
        got = onOneAndThree(() -> x.sum(-1, true).toArray());
        assertArrayEquals(got[0], got[1], "a sum per row");
        got = onOneAndThree(() -> x.reshape(rows / 30, 30, cols).max(2, false).toArray());
        assertArrayEquals(got[0], got[1], "a maximum per row");
        for (String reduction : new String[] {"mean", "sum", "none"}) {
            got = onOneAndThree(() -> {
                dev.vgrad.Tensor logits = x.detach().requiresGrad_();
                dev.vgrad.Tensor loss = dev.vgrad.nn.Functional.crossEntropy(logits, target, reduction);
                loss.sum().backward();
                float[] value = loss.toArray(), grad = logits.grad().toArray();
                float[] both = java.util.Arrays.copyOf(value, value.length + grad.length);
                System.arraycopy(grad, 0, both, value.length, grad.length);
                return both;
            });
            assertArrayEquals(got[0], got[1], "cross entropy (" + reduction + ") and its gradient");
        }
    }
    @Test
    void wholeRunSumsGiveTheSameBitsOnAnyThreadCount() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(21);
        int n = 3 * Parallel.GRAIN + 1013;  // blocks of 2 048, the last one ragged, over three parts
        float[] x = KernelAssert.random(r, 2 * n, -1f, 1f);
        float[][] got = onOneAndThree(() -> new float[] {Reductions.sum(n, x, 0, 1), Reductions.sumAbs(n, x, 0, 1),
                Reductions.sum(n, x, 1, 2), Reductions.sumAbs(n, x, 1, 2), Reductions.sumSquares(n, x, 0, 1),
                Reductions.sumSquares(n, x, 1, 2)});
        assertArrayEquals(got[0], got[1], "contiguous and strided, sum and sum of |x| and of x^2");
        double exact = 0;
        for (int i = 0; i < n; i++) {
            exact += x[i];
        }
        assertEquals(exact, got[1][0], 1e-3, "the split sum is the sum");
        dev.vgrad.Tensor t = dev.vgrad.Tensor.wrap(java.util.Arrays.copyOf(x, n), n);
        got = onOneAndThree(() -> new float[] {t.sum().item(), t.mean().item()});
        assertArrayEquals(got[0], got[1], "Tensor.sum and mean");
    }
}
