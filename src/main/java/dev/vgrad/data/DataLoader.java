package dev.vgrad.data;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Batches of a dataset, as {@code torch.utils.data.DataLoader}: each batch stacks {@code batchSize} examples
 * along a new first dimension. It draws from its generator (the default one unless given) what PyTorch's
 * single-process loader draws, so the same seed gives PyTorch's batches and leaves the generator where PyTorch leaves
 * it: every pass first draws the 64-bit seed PyTorch keeps for its workers; with shuffle it then draws the order
 * ({@code randperm}) from the given generator, or without one from a new generator seeded by one more draw from the
 * default, as PyTorch's RandomSampler does. A {@link Sampler} sets another order (a {@link RandomSampler}, a
 * {@link SubsetRandomSampler}, a {@link WeightedRandomSampler}, a {@link DistributedSampler}), a {@link BatchSampler}
 * each batch's indices, and {@link #collateFn} how a batch is made; an {@link IterableDataset} is batched as it
 * streams. With {@link #numWorkers} above 0, worker threads make the batches ahead of the consumer as PyTorch's worker
 * processes do (see there); the batches and the draws are the same.
 */
public final class DataLoader implements Iterable<Tensor[]> {
    /** The indexed dataset; null when the loader streams {@link #iterable}. */
    private final Dataset dataset;
    /** PyTorch's IterableDataset: batches cut from its stream; null for an indexed dataset. */
    private final IterableDataset iterable;
    private final int batchSize;
    private boolean shuffle;
    /** The loader's generator (PyTorch's {@code generator=}); null for the default one. */
    private Generator generator;
    private boolean dropLast;
    private Sampler sampler;
    private int numWorkers;
    private int prefetchFactor = 2;
    private java.util.function.IntConsumer workerInitFn;
    private java.util.function.Function<List<Tensor[]>, Tensor[]> collateFn;
    /** PyTorch's {@code batch_sampler=}: the batches' indices each pass; null for batches of batchSize. */
    private final BatchSampler batchSampler;
    private boolean persistentWorkers;
    /** With persistent workers, the workers every pass runs on, made by the first; null before it. */
    private WorkerPool persistentPool;
    /** Ends the last pass on the persistent workers, so that a pass left unfinished frees them for the next. */
    private Runnable endLastPass;

    /**
     * What a worker thread knows about itself (torch.utils.data.get_worker_info()): its id in [0, numWorkers), the
     * seed of its default generator ({@code base_seed + id}), and the dataset (a {@link Dataset} or an
     * {@link IterableDataset}).
     */
    public record WorkerInfo(int id, int numWorkers, long seed, Object dataset) {}

    /** The calling thread's {@link WorkerInfo} inside a loader's worker, null elsewhere (get_worker_info()). */
    public static WorkerInfo workerInfo() {
        return WorkerPool.current();
    }

    /** Batches of {@code batchSize} in order, the last one possibly smaller. */
    public DataLoader(Dataset dataset, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                    + batchSize);
        }
        this.dataset = dataset;
        this.iterable = null;
        this.batchSize = batchSize;
        this.batchSampler = null;
    }

    /**
     * Batches of {@code batchSize} examples in the order {@code stream} yields them (PyTorch's loader over an
     * IterableDataset), the last one possibly smaller (dropped with dropLast). No shuffle or sampler, as in PyTorch.
     * With workers, each worker iterates the stream for itself and cuts its own batches; the loader takes one from
     * each worker in turn (see {@link IterableDataset}).
     */
    public DataLoader(IterableDataset stream, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                    + batchSize);
        }
        this.dataset = null;
        this.iterable = java.util.Objects.requireNonNull(stream, "stream");
        this.batchSize = batchSize;
        this.batchSampler = null;
    }

    /**
     * Batches whose indices {@code batchSampler} gives each pass (PyTorch's {@code batch_sampler=}: a
     * {@link BatchSampler#of} over a sampler, or batches of any sizes, bucketed by length, say). Not with shuffle, a
     * sampler or dropLast, as in PyTorch; a batch with an index outside the dataset is refused with the index named.
     */
    public DataLoader(Dataset dataset, BatchSampler batchSampler) {
        this.dataset = dataset;
        this.iterable = null;
        this.batchSize = 1;
        this.batchSampler = java.util.Objects.requireNonNull(batchSampler, "batchSampler");
    }

    /** Reshuffles every pass (each order from a generator seeded by the default one, as PyTorch's). */
    public DataLoader shuffle(boolean on) {
        if (on && iterable != null) {
            throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified shuffle option, "
                    + "but got shuffle=True");
        }
        requireNoBatchSampler(on);
        requireOneOrder(on, sampler);
        this.shuffle = on;
        return this;
    }

    /** Reshuffles every pass, drawing from {@code g} (PyTorch's {@code shuffle=True, generator=g}). */
    public DataLoader shuffle(boolean on, Generator g) {
        shuffle(on);
        return generator(g);
    }

    /** The generator each pass draws from (PyTorch's {@code generator=}); the default one when not set. */
    public DataLoader generator(Generator g) {
        this.generator = g;
        return this;
    }

    /**
     * Visits the examples in the order {@code sampler} gives each pass (its indices must be in the dataset; a batch
     * with one outside it is refused with the index named). Not with shuffle, as in PyTorch.
     */
    public DataLoader sampler(Sampler sampler) {
        if (sampler != null && iterable != null) {
            throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified sampler option, "
                    + "but got sampler=" + sampler);
        }
        requireNoBatchSampler(sampler != null);
        requireOneOrder(shuffle, sampler);
        this.sampler = sampler;
        return this;
    }

    private void requireNoBatchSampler(boolean setting) {
        if (setting && batchSampler != null) {
            throw new IllegalArgumentException("batch_sampler option is mutually exclusive with batch_size, shuffle, "
                    + "sampler, and drop_last");
        }
    }

    private static void requireOneOrder(boolean shuffle, Sampler sampler) {
        if (shuffle && sampler != null) {
            throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
        }
    }

    /** Drops the last batch when it is smaller than batchSize. */
    public DataLoader dropLast(boolean on) {
        requireNoBatchSampler(on);
        this.dropLast = on;
        return this;
    }

    /**
     * Makes batches on {@code n} worker threads (PyTorch's {@code num_workers}; 0, the default, makes them on the
     * caller's thread). As PyTorch's workers: batch b is made by worker b mod n, each worker in order with its own
     * default generator seeded {@code base_seed + id} (base_seed is the seed every pass draws first), at most
     * {@link #prefetchFactor} batches ahead of the consumer, and the batches come out in order; a dataset whose
     * {@code get} draws from the default generator therefore gives PyTorch's numbers. The dataset is read from several
     * threads at once. A failure in a worker is thrown from {@code next()} with the worker and batch noted.
     */
    public DataLoader numWorkers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("num_workers option should be non-negative; use num_workers=0 to "
                    + "disable multiprocessing.");
        }
        this.numWorkers = n;
        dropPersistentWorkers();
        return this;
    }

    /**
     * Keeps the worker threads from one pass to the next (PyTorch's {@code persistent_workers}; needs numWorkers above
     * 0): the loader's generator draws the workers' base seed once, for the first pass, and each worker's default
     * generator carries on from where the last pass left it, so every pass after the first draws what PyTorch's
     * persistent workers draw; the init function runs once a worker. A pass left unfinished is ended when the next
     * begins.
     */
    public DataLoader persistentWorkers(boolean on) {
        this.persistentWorkers = on;
        if (!on) {
            dropPersistentWorkers();
        }
        return this;
    }

    /** Stops the persistent workers (after a change of the settings they were made with). */
    private void dropPersistentWorkers() {
        if (persistentPool != null) {
            if (endLastPass != null) {
                endLastPass.run();
            }
            persistentPool.close();
            persistentPool = null;
            endLastPass = null;
        }
    }

    /** Batches each worker makes ahead of the consumer (PyTorch's {@code prefetch_factor}, default 2). */
    public DataLoader prefetchFactor(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("prefetch_factor should be a positive integer, got " + batches);
        }
        this.prefetchFactor = batches;
        return this;
    }

    /** Runs on each worker thread with its id, after its generator is seeded (PyTorch's {@code worker_init_fn}). */
    public DataLoader workerInitFn(java.util.function.IntConsumer fn) {
        this.workerInitFn = fn;
        dropPersistentWorkers();
        return this;
    }

    /**
     * Makes each batch from its examples with {@code fn} instead of stacking them (PyTorch's {@code collate_fn}): it
     * gets the batch's examples in order, each as the dataset's {@code get} returns it, and returns the batch; padding
     * sequences of different lengths ({@code nn.utils.Rnn.padSequence}), for one. With workers it runs on them.
     */
    public DataLoader collateFn(java.util.function.Function<List<Tensor[]>, Tensor[]> fn) {
        this.collateFn = fn;
        return this;
    }

    /** The number of batches a pass yields. */
    public int size() {
        if (iterable != null) {
            throw new UnsupportedOperationException("a DataLoader over an IterableDataset has no length");
        }
        if (batchSampler != null) {
            return batchSampler.size();
        }
        return batches(sampler != null ? sampler.size() : dataset.size());
    }

    private int batches(int examples) {
        return dropLast ? examples / batchSize : (examples + batchSize - 1) / batchSize;
    }

    /** One pass over the dataset (a new order each pass when shuffling). */
    @Override
    public Iterator<Tensor[]> iterator() {
        if (persistentWorkers && numWorkers == 0) {
            throw new IllegalStateException("persistent_workers option needs num_workers > 0");
        }
        Generator g = generator != null ? generator : Generator.defaultGenerator();
        // PyTorch's _base_seed for its workers: drawn every pass, used or not, but once with persistent workers
        boolean reuse = persistentWorkers && persistentPool != null;
        long baseSeed = reuse ? 0 : g.randomInt64();
        WorkerPool pool = numWorkers == 0 ? null : workers(baseSeed);
        boolean ownsPool = !persistentWorkers;
        if (iterable != null) {
            if (pool == null) {
                return streamed(iterable.iterator());
            }
            StreamWorkers pass = new StreamWorkers(pool, ownsPool, prefetchFactor, iterable, batchSize, dropLast,
                    this::collate);
            endLastPass = persistentWorkers ? pass::close : null;
            return pass;
        }
        Layout layout = batchSampler != null ? sampledBatches() : cutOrder();
        int[] order = layout.order(), starts = layout.starts();
        int trigger = layout.trigger();
        Runnable pastTheEnd = layout.pastTheEnd();
        int batches = starts.length - 1;
        if (pool != null) {
            LoaderWorkers pass = new LoaderWorkers(pool, ownsPool, prefetchFactor, batches, trigger,
                    b -> batch(order, starts[b], starts[b + 1]), pastTheEnd);
            endLastPass = persistentWorkers ? pass::close : null;
            return pass;
        }
        return new IndexedPass(batches) {
            private boolean askedPastTheEnd;

            /**
             * Batch b. PyTorch's RandomSampler draws one more (unused) permutation when asked past its last index,
             * which its loader does to gather a last, smaller batch, or else when it finds the pass over: so does
             * this, at the same points.
             */
            @Override
            protected Tensor[] take(int b) {
                if (b == trigger) {
                    askPastTheEnd();
                }
                return batch(order, starts[b], starts[b + 1]);
            }

            @Override
            protected void ended() {
                askPastTheEnd();
            }

            private void askPastTheEnd() {
                if (!askedPastTheEnd && pastTheEnd != null) {
                    pastTheEnd.run();
                }
                askedPastTheEnd = true;
            }
        };
    }

    /**
     * The workers of a pass: a new pool, or with persistent workers the loader's (made on its first pass, after the
     * last pass on it is ended).
     */
    private WorkerPool workers(long baseSeed) {
        Object data = iterable != null ? iterable : dataset;
        if (!persistentWorkers) {
            return new WorkerPool(numWorkers, baseSeed, data, workerInitFn);
        }
        if (endLastPass != null) {
            endLastPass.run();
        }
        if (persistentPool == null) {
            persistentPool = new WorkerPool(numWorkers, baseSeed, data, workerInitFn);
            persistentPool.closeWhenUnreachable(this);
        }
        return persistentPool;
    }

    /**
     * One pass's examples: batch b is order[starts[b] .. starts[b + 1]); pastTheEnd (null: none) makes the draw
     * PyTorch's sampler makes when asked past its last index, which PyTorch's loader does on asking for batch
     * {@code trigger}.
     */
    private record Layout(int[] order, int[] starts, int trigger, Runnable pastTheEnd) {}

    /** The batch sampler's batches, end to end. */
    private Layout sampledBatches() {
        int[][] lists = batchSampler.batches();
        int[] starts = new int[lists.length + 1];
        for (int b = 0; b < lists.length; b++) {
            starts[b + 1] = starts[b] + lists[b].length;
        }
        int[] order = new int[starts[lists.length]];
        for (int b = 0; b < lists.length; b++) {
            System.arraycopy(lists[b], 0, order, starts[b], lists[b].length);
        }
        return new Layout(checked(order), starts, batchSampler.pastTheEndAt(lists.length), batchSampler::pastTheEnd);
    }

    /** The sampler's, the shuffle's or the dataset's order, cut into batches of batchSize. */
    private Layout cutOrder() {
        // the generator a shuffled pass draws from: the loader's, or one seeded from the default as RandomSampler's
        Generator orders = !shuffle || sampler != null ? null
                : generator != null ? generator : new Generator(Generator.defaultGenerator().randomInt64());
        int[] order = sampler != null ? checked(sampler.indices()) : orders != null ? orders.randperm(dataset.size())
                : SequentialSampler.identity(dataset.size());
        int n = order.length, batches = batches(n);
        int[] starts = new int[batches + 1];
        for (int b = 0; b <= batches; b++) {
            starts[b] = Math.min(n, b * batchSize);
        }
        // PyTorch's sampler is asked past its last index while the last batch is gathered when that batch is smaller,
        // else when the loader asks for one more; what it draws then: the shuffle's unused permutation, or the
        // sampler's own
        int trigger = (long) batches * batchSize > n ? batches - 1 : batches;
        Runnable pastTheEnd = orders != null ? () -> orders.randperm(n) : sampler != null ? sampler::pastTheEnd : null;
        return new Layout(order, starts, trigger, pastTheEnd);
    }

    /**
     * The example order of one whole shuffled pass over {@code n} examples by a loader whose generator is {@code g},
     * with every draw such a pass takes from g (the base seed, the permutation, the unused one at the end): what a
     * data-parallel trainer that cuts the batches itself needs to give a single process's batches.
     */
    public static int[] shuffledPass(Generator g, int n) {
        g.randomInt64();
        int[] order = g.randperm(n);
        g.randperm(n);
        return order;
    }

    private int[] checked(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= dataset.size()) {
                throw new IndexOutOfBoundsException("DataLoader: the sampler's index " + order[i] + " at position " + i
                        + " is out of range for a dataset of " + dataset.size());
            }
        }
        return order;
    }

    private Tensor[] batch(int[] order, int from, int to) {
        if (collateFn == null && dataset instanceof TensorDataset td) {
            return gather(td, java.util.Arrays.copyOfRange(order, from, to));
        }
        if (collateFn == null && dataset instanceof Subset sub && sub.dataset() instanceof TensorDataset td) {
            return gather(td, sub.map(order, from, to));
        }
        List<Tensor[]> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(dataset.get(order[i]));
        }
        return collate(items);
    }

    /** One batch from its examples: the collate function's, or {@link #defaultCollate}'s. */
    private Tensor[] collate(List<Tensor[]> items) {
        return collateFn != null ? collateFn.apply(items) : defaultCollate(items);
    }

    /**
     * {@code torch.utils.data.default_collate} for examples that are tuples of tensors: the i-th tensors of all the
     * examples stacked along a new first dimension, one batch tensor per position. Examples of different lengths are
     * refused in PyTorch's words; tensors of different shapes by {@link Tensor#stack}, naming them.
     */
    public static Tensor[] defaultCollate(List<Tensor[]> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("default_collate: no examples to collate");
        }
        int width = items.get(0).length;
        for (Tensor[] item : items) {
            if (item.length != width) {
                throw new IllegalArgumentException("each element in list of batch should be of equal size (examples of "
                        + width + " and " + item.length + " tensors)");
            }
        }
        Tensor[] out = new Tensor[width];
        for (int k = 0; k < width; k++) {
            List<Tensor> column = new ArrayList<>(items.size());
            for (Tensor[] item : items) {
                column.add(item[k]);
            }
            out[k] = Tensor.stack(column);
        }
        return out;
    }

    /** Batches cut from one stream of examples on the caller's thread, the last smaller one dropped with dropLast. */
    private Iterator<Tensor[]> streamed(Iterator<Tensor[]> examples) {
        return new Lookahead() {
            @Override
            protected Tensor[] advance() {
                List<Tensor[]> items = new ArrayList<>(batchSize);
                while (items.size() < batchSize && examples.hasNext()) {
                    items.add(examples.next());
                }
                return items.isEmpty() || dropLast && items.size() < batchSize ? null : collate(items);
            }
        };
    }

    /** The rows {@code rows} of every tensor of td, each gathered into one contiguous batch. */
    private static Tensor[] gather(TensorDataset td, int[] rows) {
        Tensor[] out = new Tensor[td.width()];
        for (int k = 0; k < out.length; k++) {
            out[k] = td.tensor(k).indexSelect(0, rows);
        }
        return out;
    }
}
