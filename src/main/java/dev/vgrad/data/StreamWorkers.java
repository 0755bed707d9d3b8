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
import java.util.function.IntConsumer;

/**
 * One pass of a {@link DataLoader} over an {@link IterableDataset} with worker threads, as PyTorch's worker
 * processes make it: each worker iterates the dataset itself (seeded and described as {@link LoaderWorkers}' are),
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

    StreamWorkers(int workers, int prefetch, long baseSeed, IterableDataset dataset, IntConsumer init, int batchSize,
                  boolean dropLast, Function<List<Tensor[]>, Tensor[]> collate) {
        Shared s = new Shared();
        this.shared = s;
        this.cleanable = CLEANER.register(this, () -> s.closed = true);
        for (int w = 0; w < workers; w++) {
            s.queues.add(new ArrayBlockingQueue<>(prefetch));
            active.add(w);
        }
        for (int w = 0; w < workers; w++) {
            int id = w;
            Thread t = new Thread(() -> run(s, id, workers, baseSeed, dataset, init, batchSize, dropLast, collate),
                    "vgrad-loader-worker-" + w);
            t.setDaemon(true);
            t.start();
        }
    }

    private static void run(Shared s, int id, int workers, long baseSeed, IterableDataset dataset, IntConsumer init,
                            int batchSize, boolean dropLast, Function<List<Tensor[]>, Tensor[]> collate) {
        BlockingQueue<Object> queue = s.queues.get(id);
        LoaderWorkers.begin(id, workers, baseSeed, dataset);
        try {
            if (init != null) {
                init.accept(id);
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
        } finally {
            LoaderWorkers.end();
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
