package dev.vgrad.data;

/** Indices 0..n-1 in order every pass, as {@code torch.utils.data.SequentialSampler}. */
public final class SequentialSampler implements Sampler {
    private final int n;

    /** The indices of a dataset of {@code n} examples. */
    public SequentialSampler(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("SequentialSampler: a data source of " + n + " examples");
        }
        this.n = n;
    }

    /** The indices of {@code dataset}'s examples. */
    public SequentialSampler(Dataset dataset) {
        this(dataset.size());
    }

    @Override
    public int[] indices() {
        return identity(n);
    }

    /** 0..n-1. */
    static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    @Override
    public int size() {
        return n;
    }
}
