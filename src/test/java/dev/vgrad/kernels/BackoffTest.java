package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void spinsThenYieldsForAWhileThenParks() {
        assertEquals(Backoff.Step.SPIN, Backoff.step(0, 0));
        assertEquals(Backoff.Step.SPIN, Backoff.step(Backoff.SPINS - 1, 0));
        assertEquals(Backoff.Step.YIELD, Backoff.step(Backoff.SPINS, 0));
        assertEquals(Backoff.Step.YIELD, Backoff.step(Backoff.SPINS + 1000, Backoff.YIELD_NANOS - 1));
        assertEquals(Backoff.Step.PARK, Backoff.step(Backoff.SPINS + 1000, Backoff.YIELD_NANOS));
        assertEquals(Backoff.Step.PARK, Backoff.step(Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aLongWaitEndsParkedAndWakesWhenUnparked() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            Backoff wait = new Backoff();
            wait.start();
            while (!done.get()) {
                wait.pause(this);
            }
        });
        waiter.setDaemon(true);
        waiter.start();
        try {
            assertTrue(KernelAssert.eventually(() -> waiter.getState() == Thread.State.WAITING),
                    "a waiting thread should park, not hold its core; it is " + waiter.getState());
        } finally {
            done.set(true);
            java.util.concurrent.locks.LockSupport.unpark(waiter);
        }
        waiter.join(10_000);
        assertTrue(!waiter.isAlive(), "an unparked waiter should see the condition and return");
    }

    @Test
    void idleWorkersOfThePoolPark() throws Exception {
        KernelAssert.onThreads(3, () -> {
            assertTrue(Parallel.runTogether(3, part -> { }), "the job should have run on the pool's threads");
            java.util.List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("vgrad-parallel-") && t.isAlive()).toList();
            // At least this pool's 2 workers; a previous pool's may still be on their way out.
            assertTrue(workers.size() >= 2, "a pool of 3 threads has 2 workers: " + workers);
            assertTrue(KernelAssert.eventually(() -> workers.stream().allMatch(
                            t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED)),
                    "idle pool workers should end up parked");
        });
    }
}
