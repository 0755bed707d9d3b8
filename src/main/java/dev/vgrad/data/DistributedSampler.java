package dev.vgrad.data;

import dev.vgrad.Generator;

/**
 * One replica's share of a dataset in data-parallel training, as {@code torch.utils.data.DistributedSampler}: every
 * replica shuffles the same way (a generator seeded {@code seed + epoch}, so {@link #setEpoch} must be called each
 * epoch for a new order), pads the order by repeating its start until it divides evenly (or, with dropLast, cuts
 * its tail), and takes every numReplicas-th index from its rank. The same indices as PyTorch's for the same
 * arguments.
 */
public final class DistributedSampler implements Sampler {
    private final int n, numReplicas, rank, numSamples, totalSize;
    private final boolean shuffle, dropLast;
    private final long seed;
    private int epoch;

    /**
     * Replica {@code rank} of {@code numReplicas} over {@code n} examples.
     *
     * @throws IllegalArgumentException if rank is not in [0, numReplicas) or numReplicas is not positive
     */
    public DistributedSampler(int n, int numReplicas, int rank, boolean shuffle, long seed, boolean dropLast) {
        if (numReplicas <= 0) {
            throw new IllegalArgumentException("DistributedSampler: num_replicas must be positive, got " + numReplicas);
        }
        if (rank >= numReplicas || rank < 0) {
            throw new IllegalArgumentException("Invalid rank " + rank + ", rank should be in the interval [0, "
                    + (numReplicas - 1) + "]");
        }
        this.n = n;
        this.numReplicas = numReplicas;
        this.rank = rank;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        // evenly divisible already: nothing dropped; else the nearest length that divides, as PyTorch rounds it
        this.numSamples = dropLast && n % numReplicas != 0 ? Math.max(0, ceilDiv(n - numReplicas, numReplicas))
                : ceilDiv(n, numReplicas);
        this.totalSize = numSamples * numReplicas;
    }

    /** Shuffled with seed 0, the last indices repeated to divide evenly: PyTorch's defaults. */
    public DistributedSampler(int n, int numReplicas, int rank) {
        this(n, numReplicas, rank, true, 0, false);
    }

    private static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }

    /** The epoch whose order the next pass takes (PyTorch's {@code set_epoch}); every replica must set the same. */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public int[] indices() {
        int[] order = shuffle ? new Generator(seed + epoch).randperm(n) : SequentialSampler.identity(n);
        int[] padded = new int[totalSize];
        for (int i = 0; i < totalSize; i++) {
            // repeating the order from its start pads it; with dropLast totalSize <= n cuts its tail
            padded[i] = order[i % n];
        }
        int[] mine = new int[numSamples];
        for (int i = 0; i < numSamples; i++) {
            mine[i] = padded[rank + i * numReplicas];
        }
        return mine;
    }

    @Override
    public int size() {
        return numSamples;
    }
}
