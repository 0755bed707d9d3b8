package dev.vgrad.kernels;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the parts of one {@link Parallel#runTogether} job wait for each other between phases (the threads of a
 * shared SGEMM pack a block of B together, then all multiply against it). The parts run on threads of their own, so
 * a wait is short: it spins, and yields the core only after a while, in case a partner's thread was descheduled. A
 * part that fails breaks the barrier, so its partners stop instead of waiting for it forever. Reusable: each wait that
 * every party reaches opens the next phase. Not for more than one job at a time.
 */
final class SpinBarrier {
    /** Spin-wait iterations before a waiting thread starts yielding: some microseconds. */
    private static final int SPINS = 1 << 10;

    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int phase;
    private volatile boolean broken;
    private int parties;

    /** Readies the barrier for a job of {@code parties} parts; call before any of them runs. */
    void reset(int parties) {
        this.parties = parties;
        arrived.set(0);
        broken = false;
    }

    /**
     * Waits until every party has arrived (what each wrote before arriving is then visible to all), and returns
     * true; returns false when the barrier is broken: a partner failed, and the caller should stop.
     */
    boolean await() {
        int current = phase;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);  // before the phase opens: nobody arrives at the next wait until it has
            phase = current + 1;
            return !broken;
        }
        for (int spins = 0; phase == current; spins++) {
            if (broken) {
                return false;
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return !broken;
    }

    /** Makes every wait, present and future, return false until the next {@link #reset}. */
    void breakBarrier() {
        broken = true;
    }
}
