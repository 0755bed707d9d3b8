package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.lang.ref.Cleaner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One pass of a {@link DataLoader} with worker threads, as PyTorch's multi-process loader runs it: batch b is made by
 * worker b mod W of a {@link WorkerPool}, each worker makes its batches in order with its own default generator
 * (so a dataset that draws randomness from the default generator draws PyTorch's numbers), at most prefetchFactor of
 * them ahead of the consumer, and the batches come out in order. The generator draws PyTorch's sampler makes past the
 * end of the order happen where its prefetching would make them.
 */
final class LoaderWorkers extends IndexedPass {
    private static final Cleaner CLEANER = Cleaner.create();

    /** What the workers and the cleaner share (never the iterator itself, so that an abandoned pass can be found). */
    private static final class Shared {
        volatile boolean closed;
        final Semaphore[] ahead;
        final CompletableFuture<Tensor[]>[] results;

        @SuppressWarnings("unchecked")
        Shared(int workers, int prefetch, int batches) {
            ahead = new Semaphore[workers];
            for (int w = 0; w < workers; w++) {
                ahead[w] = new Semaphore(prefetch);
            }
            results = new CompletableFuture[batches];
            for (int b = 0; b < batches; b++) {
                results[b] = new CompletableFuture<>();
            }
        }
    }

    /** Makes batch b of the pass. */
    interface BatchMaker {
        Tensor[] make(int b);
    }

    private final Shared shared;
    private final int workers, prefetch, batches, trigger;
    private final Runnable pastTheEnd;
    private final Cleaner.Cleanable cleanable;
    private int dispatched;

    /**
     * Starts a pass of {@code batches} batches on the pool's workers (closed with the pass when {@code ownsPool}).
     * pastTheEnd makes the draw PyTorch's sampler makes when asked beyond its last index (null: none), which its loader
     * does on sending the workers batch {@code trigger} (the last one when smaller, else the one after it).
     */
    LoaderWorkers(WorkerPool pool, boolean ownsPool, int prefetch, int batches, int trigger, BatchMaker maker,
                  Runnable pastTheEnd) {
        super(batches);
        this.workers = pool.size();
        this.prefetch = prefetch;
        this.batches = batches;
        this.pastTheEnd = pastTheEnd;
        this.trigger = trigger;
        Shared s = new Shared(workers, prefetch, batches);
        this.shared = s;
        this.cleanable = CLEANER.register(this, () -> {
            s.closed = true;
            if (ownsPool) {
                pool.close();
            }
        });
        for (int w = 0; w < workers; w++) {
            int id = w;
            pool.submit(w, () -> run(s, id, workers, batches, maker, pool.initFailure(id)));
        }
        while (dispatched < Math.min(workers * prefetch, batches + 1)) {
            dispatch();
        }
    }

    /** Worker id's part of the pass: batches id, id + W, ..., each once the consumer has room for it. */
    private static void run(Shared s, int id, int workers, int batches, BatchMaker maker, Throwable initFailure) {
        if (initFailure != null) {   // the init function failed: every batch owed fails with it
            for (int b = id; b < batches; b += workers) {
                s.results[b].completeExceptionally(initFailure);
            }
            return;
        }
        try {
            for (int b = id; b < batches; b += workers) {
                while (!s.ahead[id].tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (s.closed) {
                        return;
                    }
                }
                if (s.closed) {
                    return;
                }
                try {
                    s.results[b].complete(maker.make(b));
                } catch (Throwable t) {
                    s.results[b].completeExceptionally(t);
                }
            }
        } catch (InterruptedException e) {
            for (int b = id; b < batches; b += workers) {
                s.results[b].completeExceptionally(e);
            }
            Thread.currentThread().interrupt();
        }
    }

    /** What PyTorch's loader does when it sends a worker the next batch's indices: here, only the sampler's draws. */
    private void dispatch() {
        if (dispatched == trigger && pastTheEnd != null) {
            pastTheEnd.run();
        }
        dispatched++;
    }

    @Override
    protected void ended() {
        close();
    }

    @Override
    protected Tensor[] take(int b) {
        try {
            Tensor[] batch = shared.results[b].get();
            shared.results[b] = null;
            shared.ahead[b % workers].release();
            if (dispatched <= batches) {
                dispatch();
            }
            return batch;
        } catch (ExecutionException e) {
            close();
            throw failure(e.getCause(), "DataLoader worker " + b % workers + ", batch " + b);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DataLoader batch " + b, e);
        }
    }

    /**
     * A worker's failure as the consumer throws it: the exception itself, noting where it happened, when unchecked
     * (an Error is thrown from here), else wrapped.
     */
    static RuntimeException failure(Throwable cause, String where) {
        cause.addSuppressed(new IllegalStateException("in " + where));
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(where + " failed", cause);
    }

    /** Ends the pass: its workers stop making batches (and, if it owns them, stop). */
    void close() {
        cleanable.clean();
    }
}
