package dev.vgrad.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a cache line takes to go from one core to another and back, measured by two threads passing a counter: a
 * label for every two-thread figure taken on a shared VM. On the 2-core Zen 4 VM of 2026-12-04 the round trip was
 * ~60 ns (C, threads pinned) or ~120 ns (this class) for minutes and then ~330 ns for minutes, switching mid-run: the
 * host moved the two virtual CPUs between cores that share an L3 and cores that do not. In the slow placement the MLP
 * step at batch 512 on two threads took ~1.85 ms instead of ~1.4 (its Adam update 250 us instead of 50), so a
 * two-thread figure means little without the placement it ran in (BENCHMARKS.md, 2026-12-04, evening).
 *
 * <p>{@code java -cp target/benchmarks.jar dev.vgrad.bench.CoreLatency [windows]} prints the median round trip of
 * that many 20 ms windows (default 10) after a warm-up, with their range.
 */
public final class CoreLatency {
    private static final long WINDOW_NANOS = 20_000_000L;
    private static final int WARM_UP_WINDOWS = 5;

    private CoreLatency() {}

    /** Prints the round trip's median and range over {@code args[0]} windows (default 10). */
    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        if (windows < 1) {
            throw new IllegalArgumentException("windows must be at least 1, got " + windows);
        }
        if (!twoProcessors()) {
            System.out.println("core-to-core round trip: - (one processor: the two threads would take turns)");
            return;
        }
        double[] ns = roundTrips(windows);
        System.out.printf(Locale.ROOT, "core-to-core round trip: %.0f ns (median of %d windows of %d ms, %.0f-%.0f)%n",
                median(ns), windows, WINDOW_NANOS / 1_000_000, Arrays.stream(ns).min().orElseThrow(),
                Arrays.stream(ns).max().orElseThrow());
    }

    /** The median round trip of five windows in nanoseconds; NaN on one processor, where there is no second core. */
    static double roundTrip() {
        return twoProcessors() ? median(roundTrips(5)) : Double.NaN;
    }

    private static boolean twoProcessors() {
        return Runtime.getRuntime().availableProcessors() >= 2;
    }

    /** The middle value of {@code values} (the upper one of the two middle values when their count is even). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The mean round trip in each of {@code windows} windows, in nanoseconds: the caller makes the counter odd, a
     * second thread spinning on it makes it even again, and the caller waits for that before the next pass.
     */
    static double[] roundTrips(int windows) {
        AtomicLong ball = new AtomicLong();
        Thread partner = new Thread(() -> {
            long expected = 1;
            while (true) {
                long seen = ball.get();
                if (seen < 0) {
                    return;
                }
                if (seen == expected) {
                    ball.set(seen + 1);
                    expected += 2;
                } else {
                    Thread.onSpinWait();
                }
            }
        }, "core-latency-partner");
        partner.setDaemon(true);
        partner.start();
        double[] ns = new double[windows];
        long value = 0;
        try {
            for (int w = -WARM_UP_WINDOWS; w < windows; w++) {
                long passes = 0, start = System.nanoTime(), elapsed;
                do {
                    for (int i = 0; i < 256; i++) {
                        ball.set(value + 1);
                        while (ball.get() != value + 2) {
                            Thread.onSpinWait();
                        }
                        value += 2;
                    }
                    passes += 256;
                    elapsed = System.nanoTime() - start;
                } while (elapsed < WINDOW_NANOS);
                if (w >= 0) {
                    ns[w] = (double) elapsed / passes;
                }
            }
        } finally {
            ball.set(-1);
        }
        return ns;
    }
}
