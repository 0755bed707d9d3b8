package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One pass of a {@link DataLoader} over an {@link IterableDataset} with worker threads, as PyTorch's worker
 * processes make it: each worker of a {@link WorkerPool} iterates the dataset itself, anew every pass,
 * cuts its own stream into batches (dropping its own last, smaller one with dropLast), at most prefetchFactor ahead;
 * the consumer takes one batch from each worker in turn, and a worker whose stream has ended drops out of the turn.
 */
final class StreamWorkers extends Lookahead {
    private static final Cleaner CLEANER = Cleaner.create();
    /** What a worker's queue holds after its last batch. */
    private static final Object END = new Object();

    /** A worker's failure, carried through its queue to the consumer. */
    private record Failure(Throwable cause) {}

    /** What the workers and the cleaner share (never the iterator itself, so that an abandoned pass can be found). */
    private static final class Shared {
        volatile boolean closed;
        final List<BlockingQueue<Object>> queues = new ArrayList<>();
    }

    private final Shared shared;
    private final Cleaner.Cleanable cleanable;
    private final List<Integer> active = new ArrayList<>();
    /** Which of the active workers gives the next batch. */
    private int position, batchesTaken;

    /** Starts a pass on the pool's workers (closed with the pass when {@code ownsPool}). */
    StreamWorkers(WorkerPool pool, boolean ownsPool, int prefetch, IterableDataset dataset, int batchSize,
                  boolean dropLast, Function<List<Tensor[]>, Tensor[]> collate) {
        Shared s = new Shared();
        this.shared = s;
        this.cleanable = CLEANER.register(this, () -> {
            s.closed = true;
            if (ownsPool) {
                pool.close();
            }
        });
        int workers = pool.size();
        for (int w = 0; w < workers; w++) {
            s.queues.add(new ArrayBlockingQueue<>(prefetch));
            active.add(w);
        }
        for (int w = 0; w < workers; w++) {
            int id = w;
            pool.submit(w, () -> run(s, id, dataset, batchSize, dropLast, collate, pool.initFailure(id)));
        }
    }

    /** Worker id's stream for the pass, cut into batches; each worker iterates the dataset anew every pass. */
    private static void run(Shared s, int id, IterableDataset dataset, int batchSize, boolean dropLast,
                            Function<List<Tensor[]>, Tensor[]> collate, Throwable initFailure) {
        BlockingQueue<Object> queue = s.queues.get(id);
        try {
            if (initFailure != null) {
                throw initFailure;
            }
            Iterator<Tensor[]> examples = dataset.iterator();
            while (true) {
                List<Tensor[]> items = new ArrayList<>(batchSize);
                while (items.size() < batchSize && examples.hasNext()) {
                    items.add(examples.next());
                }
                if (items.isEmpty() || dropLast && items.size() < batchSize) {
                    put(s, queue, END);
                    return;
                }
                if (!put(s, queue, collate.apply(items))) {
                    return;
                }
            }
        } catch (Throwable t) {
            put(s, queue, new Failure(t));
        }
    }

    /** Puts into a worker's queue, waiting for room; false when the pass was closed meanwhile. */
    private static boolean put(Shared s, BlockingQueue<Object> queue, Object item) {
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (s.closed) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the pass: its workers stop cutting batches (and, if it owns them, stop). */
    void close() {
        cleanable.clean();
    }

    @Override
    protected Tensor[] advance() {
        while (!active.isEmpty()) {
            int w = active.get(position);
            Object item;
            try {
                item = shared.queues.get(w).take();
            } catch (InterruptedException e) {
                cleanable.clean();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for DataLoader worker " + w, e);
            }
            if (item == END) {
                active.remove(position);   // the next worker in turn now stands at this position
                if (position == active.size()) {
                    position = 0;
                }
            } else if (item instanceof Failure f) {
                cleanable.clean();
                throw LoaderWorkers.failure(f.cause(), "DataLoader worker " + w + ", after " + batchesTaken
                        + " batches");
            } else {
                position = (position + 1) % active.size();
                batchesTaken++;
                return (Tensor[]) item;
            }
        }
        cleanable.clean();
        return null;
    }
}
