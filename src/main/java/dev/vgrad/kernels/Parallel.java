package dev.vgrad.kernels;

import java.util.function.IntConsumer;

/**
 * vgrad's one intra-op thread pool, shared by every kernel that splits its work: SGEMM, the elementwise kernels,
 * reductions (whole runs by blocks of the canonical order, rows, leading dimensions), softmax and the classification
 * losses by rows ({@link #forRanges}), and the fused optimizer updates.
 *
 * <p>Sized as PyTorch sizes its intra-op pool: every core the JVM sees ({@link Runtime#availableProcessors()}),
 * unless the system property {@code vgrad.threads} or {@link #setThreads} says otherwise. The calling thread takes
 * a share of the work itself, so the pool holds {@code threads - 1} workers. Work is cut into parts whose
 * boundaries depend on the problem's size and the thread count only, and no kernel's result depends on how it was
 * cut (each output element is computed by one part, in the order the scalar reference fixes), so results are the
 * same bits on 1 or N threads.
 *
 * <p>A part that itself reaches a parallel kernel runs that kernel on its own thread (the caller's part too): nesting
 * would only queue parts behind each other and risk every worker waiting on work none is free to run.
 */
public final class Parallel {
    /**
     * Elements below which an elementwise or fused kernel stays on the calling thread: PyTorch's
     * {@code at::internal::GRAIN_SIZE}. Handing a part to a pool thread costs microseconds; a part of this size
     * takes about ten.
     */
    public static final int GRAIN = 32768;
    /** Part boundaries fall on multiples of this many elements: whole vectors, no cache line shared by two parts. */
    static final int ALIGN = 64;

    private static volatile int threads = initialThreads(System.getProperty("vgrad.threads"));
    /**
     * Set on a thread while it runs a part of {@link #run}, or inside {@link #singleThreaded()}: what it calls then
     * runs on it alone.
     */
    private static final ThreadLocal<boolean[]> IN_PART = ThreadLocal.withInitial(() -> new boolean[1]);
    private static volatile Workers pool;

    private Parallel() {}

    /** The count a JVM starts with, given the value of the property {@code vgrad.threads} (null when unset). */
    static int initialThreads(String property) {
        if (property == null || property.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(property.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException(
                "vgrad.threads must be a whole number of at least 1, got '" + property + "'");
    }

    /**
     * Sets how many threads vgrad's kernels use from now on (the calling thread included). The workers of the
     * previous setting stop once the job they may be running finishes.
     *
     * @throws IllegalArgumentException when n is below 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        if (n != threads && pool != null) {
            Workers old = pool;
            pool = null;
            old.lock.lock();  // a job running on the old workers finishes first
            try {
                old.shutdown();
            } finally {
                old.lock.unlock();
            }
        }
        threads = n;
    }

    /**
     * How many threads vgrad's kernels use: the available cores, {@code vgrad.threads}, or the last
     * {@link #setThreads}.
     */
    public static int threads() {
        return threads;
    }

    /** A scope opened by {@link #singleThreaded()}; closing it restores what the thread did before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Until the returned scope is closed, every kernel the calling thread runs stays on that thread, whatever
     * {@link #threads()} says; other threads are not affected. For callers that already give each of their threads a
     * core of its own, as a Spark executor runs one task per core: splitting each task's kernels over every core
     * would put two threads on each. Scopes nest; close them on the thread that opened them.
     */
    public static Scope singleThreaded() {
        boolean[] inPart = IN_PART.get();
        boolean before = inPart[0];
        inPart[0] = true;
        return () -> inPart[0] = before;
    }

    /**
     * How many parts a kernel on the current thread may split into: {@link #threads()}, or 1 inside a part already
     * running on the pool or inside {@link #singleThreaded()}. Public for callers outside this package that choose
     * between splitting one piece of work and running two side by side.
     */
    public static int partsHere() {
        int t = threads;
        return t == 1 || IN_PART.get()[0] ? 1 : t;
    }

    /**
     * How many parts {@code work} elements split into: one per {@link #GRAIN} of them, at most the threads here
     * (PyTorch's {@code divup(range, grain)} capped by the pool).
     */
    public static int partsFor(long work) {
        if (work < 2L * GRAIN) {
            return 1;
        }
        return (int) Math.min(partsHere(), (work + GRAIN - 1) / GRAIN);
    }

    /** Runs {@code part.accept(from, to)} over [0, n) cut into {@code parts} aligned ranges, as {@link #run} does. */
    static void runRange(int n, int parts, RangeConsumer part) {
        int chunk = (int) Math.min(n, (((long) n + parts - 1) / parts + ALIGN - 1) / ALIGN * ALIGN);
        runChunks(n, chunk, part);
    }

    /**
     * Part i of a loop over [0, n) cut into chunks: {@code body.accept(i * chunk, min(n, (i + 1) * chunk))}. One
     * per thread, reused from call to call (a capturing lambda here was a quarter of the MLP step's allocation on two
     * threads); a new one only when the thread's own is still in use.
     */
    private static final class Chunks implements IntConsumer {
        private static final ThreadLocal<Chunks> MINE = ThreadLocal.withInitial(Chunks::new);
        RangeConsumer body;
        int n, chunk;

        @Override
        public void accept(int i) {
            body.accept(i * chunk, Math.min(n, (i + 1) * chunk));
        }
    }

    /** Runs body over [0, n) in chunks of {@code chunk} items, one part per chunk. */
    private static void runChunks(int n, int chunk, RangeConsumer body) {
        Chunks mine = Chunks.MINE.get();
        Chunks c = mine.body == null ? mine : new Chunks();
        c.body = body;
        c.n = n;
        c.chunk = chunk;
        try {
            run((n + chunk - 1) / chunk, c);
        } finally {
            c.body = null;
        }
    }

    /** A part of a parallel loop over a range of elements or items. */
    @FunctionalInterface
    public interface RangeConsumer {
        /** Handles items {@code from} (inclusive) to {@code to} (exclusive). */
        void accept(int from, int to);
    }

    /**
     * Runs {@code part.accept(from, to)} over {@code [0, items)} cut into {@code parts} ranges of whole items (as
     * even as they come; the last may be shorter), as {@link #run} runs parts. For kernels outside this package whose
     * items are independent (the rows of a softmax or a loss): each item is handled by one part, in the serial code's
     * way, so the result does not depend on the number of parts. {@code parts} usually comes from
     * {@link #partsFor} with the whole work in elements; 1 runs everything on the caller.
     */
    public static void forRanges(int items, int parts, RangeConsumer part) {
        if (parts <= 1 || items <= 1) {
            part.accept(0, items);
            return;
        }
        runChunks(items, (int) (((long) items + parts - 1) / parts), part);
    }

    private static synchronized Workers workers() {
        if (pool == null) {
            pool = new Workers(threads - 1);
        }
        return pool;
    }

    /**
     * Runs {@code part.accept(i)} for every {@code i < parts}: part 0 (and every {@code threads}-th after it) on the
     * calling thread, the others on the pool's workers in shares of the same stride (a share its worker has not
     * started by the time the caller's own are done, the caller runs itself), and returns when all are done. An
     * exception thrown by a part is rethrown here as it was thrown (the first one, once every thread has stopped; a
     * share's later parts do not run, the other shares' do). When another thread is using the pool at that moment,
     * the caller runs every part itself rather than wait.
     */
    static void run(int parts, IntConsumer part) {
        if (!onPool(parts, part, false)) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
        }
    }

    /**
     * Runs {@code part.accept(i)} for every {@code i < parts}, each part on a thread of its own and all at the same
     * time (part 0 on the calling thread), and returns true when all are done; or runs none and returns false when
     * that cannot be had now: more parts than threads, the pool busy with another caller's job, or the caller itself
     * inside a part or {@link #singleThreaded()}. For jobs whose parts wait for each other ({@link SpinBarrier}), which
     * {@link #run}'s fallback of running parts one after another would deadlock. An exception is rethrown as by run.
     */
    static boolean runTogether(int parts, IntConsumer part) {
        return onPool(parts, part, true);
    }

    /** Runs the job on the pool and returns true, or returns false without running it (see {@link #runTogether}). */
    private static boolean onPool(int parts, IntConsumer part, boolean together) {
        // Inside a part the lock would be granted again (it is reentrant) and the busy workers handed a second job.
        Workers w = parts > 1 && threads > 1 && !IN_PART.get()[0] ? workers() : null;
        if (w == null || !w.lock.tryLock()) {
            return false;
        }
        try {
            // Shut down: setThreads retired these workers between workers() and the lock.
            if (w.shutdown || together && parts > w.size() + 1) {
                return false;
            }
            w.run(parts, part, together);
            return true;
        } finally {
            w.lock.unlock();
        }
    }

    /**
     * A fixed set of daemon threads that each run a share of one job at a time. Handing out a job allocates nothing
     * (a ForkJoinPool allocated a task per part: the MLP step at batch 64 on two threads allocated 4 389 bytes with
     * it, 3 890 with these workers): the caller writes the job into each worker's fields and unparks it. Workers
     * and the caller wait by {@link Backoff}: spin, yield, then park.
     *
     * <p>A share no worker has started when the caller has run its own is taken back and run by the caller: a worker
     * whose core the machine has given to someone else (a shared VM's stolen time, another process, the JIT's
     * compiler threads) would otherwise hold the whole job until it ran again. Which thread runs a share changes no
     * bit of the result: its parts are the same, run by the same code in the same order. Not for {@link #runTogether}'s
     * jobs, whose parts wait for each other (the caller's own part cannot end before every other has started, so
     * nothing is left to take back there anyway).
     */
    private static final class Workers {
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private final Worker[] workers;
        private final java.util.concurrent.atomic.AtomicInteger remaining =
                new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        private volatile Thread caller;
        private volatile boolean shutdown;
        /** The caller's; a job runs under the lock, so one caller at a time. */
        private final Backoff callerWait = new Backoff();

        Workers(int count) {
            workers = new Worker[count];
            for (int i = 0; i < count; i++) {
                workers[i] = new Worker(this, i + 1);
                workers[i].start();
            }
        }

        /** How many workers (the caller of a job is one thread more). */
        int size() {
            return workers.length;
        }

        void shutdown() {
            shutdown = true;
            for (Worker w : workers) {
                java.util.concurrent.locks.LockSupport.unpark(w);
            }
        }

        void run(int parts, IntConsumer part, boolean together) {
            int stride = workers.length + 1;
            int busy = Math.min(workers.length, parts - 1);
            failure.set(null);
            caller = Thread.currentThread();
            remaining.set(busy);
            for (int i = 0; i < busy; i++) {
                workers[i].hand(part, parts, stride);
            }
            boolean[] inPart = IN_PART.get();
            inPart[0] = true;
            try {
                runShare(part, 0, parts, stride);
                if (!together) {
                    for (int i = 0; i < busy; i++) {
                        if (workers[i].takeBack()) {
                            runShare(part, workers[i].first, parts, stride);
                            remaining.decrementAndGet();
                        }
                    }
                }
            } finally {
                inPart[0] = false;
            }
            callerWait.start();
            while (remaining.get() != 0) {
                callerWait.pause(this);
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
        }

        /**
         * Parts first, first + stride, ... of the job, stopping at the first that throws (recorded as the job's
         * failure unless an earlier one was).
         */
        private void runShare(IntConsumer part, int first, int parts, int stride) {
            try {
                for (int i = first; i < parts; i += stride) {
                    part.accept(i);
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        }

        void finished(Throwable e) {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
            if (remaining.decrementAndGet() == 0) {
                java.util.concurrent.locks.LockSupport.unpark(caller);
            }
        }
    }

    /** One pool thread: runs parts first, first + stride, ... of each job handed to it and not taken back. */
    private static final class Worker extends Thread {
        /** No share of a job waits for this worker, or it has been taken back. */
        private static final int IDLE = 0;
        /** A share was handed to this worker and it has not started it. */
        private static final int HANDED = 1;
        /** This worker is running its share. */
        private static final int RUNNING = 2;

        private final Workers pool;
        private final int first;
        private IntConsumer job;
        private int parts, stride;
        /** Who has the share: the worker claims it (HANDED to RUNNING) or the caller takes it back (HANDED to IDLE). */
        private final java.util.concurrent.atomic.AtomicInteger share =
                new java.util.concurrent.atomic.AtomicInteger(IDLE);
        /** Bumped (after the job's fields are written) for each job: a volatile write the worker waits on. */
        private volatile long generation;

        Worker(Workers pool, int first) {
            super("vgrad-parallel-" + first);
            this.pool = pool;
            this.first = first;
            setDaemon(true);
        }

        void hand(IntConsumer job, int parts, int stride) {
            this.job = job;
            this.parts = parts;
            this.stride = stride;
            share.set(HANDED);
            generation++;  // only the caller holding the pool's lock writes it
            java.util.concurrent.locks.LockSupport.unpark(this);
        }

        /** True when this worker had not started its share, which is now the caller's to run. */
        boolean takeBack() {
            // A plain read first: the share is usually running already, and a failed CAS would still take the line.
            return share.get() == HANDED && share.compareAndSet(HANDED, IDLE);
        }

        @Override
        public void run() {
            IN_PART.get()[0] = true;
            long seen = 0;
            Backoff wait = new Backoff();
            while (true) {
                wait.start();
                while (generation == seen) {
                    if (pool.shutdown) {
                        return;
                    }
                    wait.pause(this);
                }
                seen = generation;
                // Taken back while this thread was away: the caller ran it. A later job may have been handed since
                // generation was read; then this claims that one, whose fields were written before its share was.
                if (!share.compareAndSet(HANDED, RUNNING)) {
                    continue;
                }
                Throwable failed = null;
                try {
                    for (int i = first; i < parts; i += stride) {
                        job.accept(i);
                    }
                } catch (RuntimeException | Error e) {
                    failed = e;
                }
                job = null;
                share.set(IDLE);
                pool.finished(failed);
            }
        }
    }
}
