package dev.vgrad.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;

/**
 * vgrad's one intra-op thread pool, shared by every kernel that splits its work (SGEMM today).
 *
 * <p>Sized as PyTorch sizes its intra-op pool: every core the JVM sees ({@link Runtime#availableProcessors()}),
 * unless the system property {@code vgrad.threads} or {@link #setThreads} says otherwise. The calling thread takes
 * a share of the work itself, so the pool holds {@code threads - 1} workers. Work is cut into parts whose
 * boundaries depend on the problem's size and the thread count only, and no kernel's result depends on how it was
 * cut (each output element is computed by one part, in the order the scalar reference fixes), so results are the
 * same bits on 1 or N threads.
 *
 * <p>A part that itself reaches a parallel kernel runs that kernel on its own thread: nesting would only queue parts
 * behind each other and risk every worker waiting on work none is free to run.
 */
public final class Parallel {
    private static volatile int threads = initialThreads(System.getProperty("vgrad.threads"));
    private static volatile ForkJoinPool pool;

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
        throw new IllegalArgumentException("vgrad.threads must be a whole number of at least 1, got '" + property + "'");
    }

    /**
     * Sets how many threads vgrad's kernels use from now on (the calling thread included). The pool of the previous
     * setting is shut down once its running parts finish.
     *
     * @throws IllegalArgumentException when n is below 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        if (n != threads && pool != null) {
            pool.shutdown();
            pool = null;
        }
        threads = n;
    }

    /** How many threads vgrad's kernels use: the available cores, {@code vgrad.threads}, or the last {@link #setThreads}. */
    public static int threads() {
        return threads;
    }

    /**
     * How many parts a kernel on the current thread may split into: {@link #threads()}, or 1 inside a part already
     * running on the pool.
     */
    static int partsHere() {
        if (Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool) {
            return 1;
        }
        return threads;
    }

    private static synchronized ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(Math.max(1, threads - 1));
        }
        return pool;
    }

    /**
     * Runs {@code part.accept(i)} for every {@code i < parts}: part 0 on the calling thread, the others on the pool,
     * and returns when all are done. An exception thrown by a part is rethrown here as it was thrown (the first one,
     * after every part has finished).
     */
    static void run(int parts, IntConsumer part) {
        if (parts <= 1) {
            if (parts == 1) {
                part.accept(0);
            }
            return;
        }
        ForkJoinPool workers = pool();
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            int index = i;
            forked[i - 1] = workers.submit(() -> part.accept(index));
        }
        Throwable failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> task : forked) {
            try {
                task.join();
            } catch (RuntimeException | Error e) {
                // join() rethrows a part's own exception (possibly a copy of it made for this thread).
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }
}
