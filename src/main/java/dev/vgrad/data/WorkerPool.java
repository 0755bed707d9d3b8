package dev.vgrad.data;

import dev.vgrad.Generator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntConsumer;

/**
 * A DataLoader's worker threads, as PyTorch's worker processes: worker w starts by seeding its default generator
 * {@code base_seed + w} and setting its {@link DataLoader.WorkerInfo}, runs the init function once, then runs the tasks
 * it is given in order (a pass's batches for it), keeping its generator's state from one task to the next. A loader
 * makes one pool a pass, closed with it, or with persistent workers one pool for all its passes. A failure of the init
 * function fails every task of that worker.
 */
final class WorkerPool {
    private static final Runnable STOP = () -> { };
    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
    private static final ThreadLocal<DataLoader.WorkerInfo> INFO = new ThreadLocal<>();

    private final BlockingQueue<Runnable>[] queues;
    private final Throwable[] initFailures;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    WorkerPool(int workers, long baseSeed, Object dataset, IntConsumer init) {
        queues = new BlockingQueue[workers];
        initFailures = new Throwable[workers];
        for (int w = 0; w < workers; w++) {
            queues[w] = new LinkedBlockingQueue<>();
        }
        for (int w = 0; w < workers; w++) {
            int id = w;
            BlockingQueue<Runnable> queue = queues[w];
            Thread t = new Thread(() -> run(id, workers, baseSeed, dataset, init, queue), "vgrad-loader-worker-" + w);
            t.setDaemon(true);
            t.start();
        }
    }

    private void run(int id, int workers, long baseSeed, Object dataset, IntConsumer init,
                     BlockingQueue<Runnable> queue) {
        long seed = baseSeed + id;   // as PyTorch seeds each worker process's default generator
        Generator.setThreadDefault(new Generator(seed));
        INFO.set(new DataLoader.WorkerInfo(id, workers, seed, dataset));
        try {
            if (init != null) {
                try {
                    init.accept(id);
                } catch (Throwable t) {
                    initFailures[id] = t;
                }
            }
            for (Runnable task = queue.take(); task != STOP; task = queue.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            INFO.remove();
            Generator.setThreadDefault(null);
        }
    }

    /** The worker info of the calling thread (null outside a loader's worker). */
    static DataLoader.WorkerInfo current() {
        return INFO.get();
    }

    int size() {
        return queues.length;
    }

    /** Runs task on worker w after the tasks it was given before. */
    void submit(int w, Runnable task) {
        if (closed) {
            throw new IllegalStateException("the DataLoader's workers were shut down");
        }
        queues[w].add(task);
    }

    /** What worker w's init function threw (null if nothing); read from worker w's own tasks. */
    Throwable initFailure(int w) {
        return initFailures[w];
    }

    /** Closes this pool once owner (a loader keeping it from pass to pass) is no longer reachable. */
    void closeWhenUnreachable(Object owner) {
        CLEANER.register(owner, this::close);
    }

    /** Lets each worker finish its current task and stop. */
    void close() {
        if (!closed) {
            closed = true;
            for (BlockingQueue<Runnable> q : queues) {
                q.add(STOP);
            }
        }
    }
}
