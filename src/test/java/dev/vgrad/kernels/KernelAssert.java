package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Comparisons and random data for the kernel tests. */
final class KernelAssert {
    /** Lengths around every vector-width boundary: empty, shorter than a vector, tails of every size. */
    static final int[] LENGTHS = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 23, 31, 32, 33, 63, 64, 65, 100, 257, 1031, 4099};

    private KernelAssert() {}

    static float[] random(SplittableRandom r, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
        return a;
    }

    /** Sprinkles NaN, +-Inf and signed zeros into a, so special values are checked to pass through. */
    static float[] withSpecials(SplittableRandom r, float[] a) {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};
        for (int i = 0; i < a.length; i++) {
            if (r.nextInt(9) == 0) {
                a[i] = specials[r.nextInt(specials.length)];
            }
        }
        return a;
    }

    /**
     * Whether actual is expected within {@code ulps} units in the last place or {@code abs} absolutely; NaN
     * must match NaN and infinities must match exactly.
     */
    static boolean close(float expected, float actual, int ulps, float abs) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual);
        }
        if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(expected - actual) <= Math.max(abs, ulps * Math.ulp(expected));
    }

    static void assertClose(String what, float[] expected, float[] actual, int ulps, float abs) {
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i], ulps, abs)) {
                fail(what + ": at " + i + " expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    /** A row-major index counter over shape: advances idx, returns false after the last index. */
    static boolean next(int[] idx, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return true;
            }
            idx[d] = 0;
        }
        return false;
    }

    static int offset(int base, int[] idx, int[] strides) {
        int o = base;
        for (int d = 0; d < idx.length; d++) {
            o += idx[d] * strides[d];
        }
        return o;
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Runs {@code job} on two threads at once (two callers of the kernels' pool) and fails unless both return true. */
    static void trueOnTwoThreadsAtOnce(java.util.concurrent.Callable<Boolean> job) throws Exception {
        var executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = executor.submit(job);
            var second = executor.submit(job);
            if (!first.get(60, java.util.concurrent.TimeUnit.SECONDS)
                    || !second.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
                fail("a caller got a wrong result");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** One value of a run, from r, in a given trial (some draws change every k-th trial). */
    interface Draw {
        float next(SplittableRandom r, int trial);
    }

    /** An op's parameter p in a given trial. */
    interface Parameter {
        float of(int trial);
    }

    /**
     * {@code trials} runs of 1 to {@code longest} values from {@code draw} (lengths with tails shorter than any
     * vector), each op through {@link Elementwise#unary} (its vector path where it has one) against
     * {@link ScalarElementwise#unary}, bit for bit, with parameter {@code p} of the trial.
     */
    static void vectorRunsGiveScalarBits(long seed, int trials, int longest, Draw draw, Parameter p, UnaryOp... ops) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < trials; trial++) {
            int n = 1 + r.nextInt(longest);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = draw.next(r, trial);
            }
            float param = p.of(trial);
            for (UnaryOp op : ops) {
                float[] got = new float[n], want = new float[n];
                Elementwise.unary(op, param, 0f, n, x, 0, 1, got, 0, 1);
                ScalarElementwise.unary(op, param, 0f, n, x, 0, 1, want, 0, 1);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                        fail(op + "(" + x[i] + (param != 0f ? ", " + param : "") + ") at " + i + " of " + n + ": "
                                + want[i] + " on the scalar path, " + got[i] + " on the vector one");
                    }
                }
            }
        }
    }

    /** A test body that may throw, for {@link #onThreads}. */
    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with the kernels' pool at {@code n} threads, then restores its size, whatever happens. */
    static void onThreads(int n, Body body) throws Exception {
        int before = Parallel.threads();
        Parallel.setThreads(n);
        try {
            body.run();
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Whether {@code condition} holds within ten seconds, asked every millisecond: for what other threads do. */
    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
