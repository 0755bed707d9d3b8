package dev.vgrad.kernels;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread of the kernel pool waits for another (a worker for its next job, a caller for its workers): it spins
 * for some microseconds, then yields for up to {@link #YIELD_NANOS}, then parks until unparked.
 *
 * <p>Spinning answers fastest, and a training step's next job usually follows within microseconds. But a spinning
 * thread holds its core, and early in a run the JIT's compiler threads want the cores: on a 2-core Zen 3 (family 25
 * model 1), workers that spun ~100 us before parking left C2 waiting its turn while the slow code it was to replace ran
 * on, and `./vgrad train`'s first epoch took 1.37-1.72 s and its second 0.82-1.03 s; waiting this way, 1.11-1.30 and
 * 0.72-0.75 s (BENCHMARKS.md, "the pool yields while it waits"). A yield gives the core to any thread that wants it and
 * otherwise returns within a microsecond, so on an idle machine it answers almost as fast as a spin: the warm MLP step
 * on two threads kept its time, where parking after ~6 us of spinning made it 3-6 % slower at batch 64.
 *
 * <p>One instance per waiting thread, reused from wait to wait: {@link #start} before each wait, {@link #pause} for each
 * round in which the awaited condition does not hold yet.
 */
final class Backoff {
    /** Spin-wait hints before yielding: about 25 us on a Zen 3 (a PAUSE there takes ~25 ns). */
    static final int SPINS = 1 << 10;
    /** How long a wait keeps yielding before it parks. */
    static final long YIELD_NANOS = 100_000;

    /** What a round of a wait does. */
    enum Step { SPIN, YIELD, PARK }

    private int round;
    private long yieldingSince;

    /** Readies this for a new wait. */
    void start() {
        round = 0;
    }

    /** One round of waiting; {@code blocker} is recorded while parked, as {@link LockSupport#park(Object)} does. */
    void pause(Object blocker) {
        if (round == SPINS) {
            yieldingSince = System.nanoTime();
        }
        switch (step(round, round < SPINS ? 0 : System.nanoTime() - yieldingSince)) {
            case SPIN -> Thread.onSpinWait();
            case YIELD -> Thread.yield();
            case PARK -> LockSupport.park(blocker);
        }
        if (round < Integer.MAX_VALUE) {
            round++;
        }
    }

    /** What round {@code round} of a wait does, {@code yielded} nanoseconds after its yielding began. */
    static Step step(int round, long yielded) {
        if (round < SPINS) {
            return Step.SPIN;
        }
        return yielded < YIELD_NANOS ? Step.YIELD : Step.PARK;
    }
}
