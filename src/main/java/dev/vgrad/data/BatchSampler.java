package dev.vgrad.data;

/**
 * The indices of each batch of a pass, as {@code torch.utils.data.BatchSampler} and any {@code batch_sampler=} a
 * PyTorch loader takes: a {@link DataLoader} built with one makes batch b from the examples {@code batches()[b]}
 * names, of whatever sizes. {@link #of} cuts a {@link Sampler}'s order into batches as PyTorch's BatchSampler does.
 */
public interface BatchSampler {
    /** Each batch's indices, in order (drawn again each pass by random ones). */
    int[][] batches();

    /** How many batches a pass yields. */
    int size();

    /**
     * Called once a pass when the loader asks for batch {@link #pastTheEndAt} (by default, one past the last): a batch
     * sampler whose PyTorch twin draws then draws the same here. Nothing by default.
     */
    default void pastTheEnd() {}

    /**
     * The batch whose request makes the {@link #pastTheEnd} draw in a pass of {@code batches}: by default
     * {@code batches}, the request past the last one.
     */
    default int pastTheEndAt(int batches) {
        return batches;
    }

    /**
     * torch.utils.data.BatchSampler(sampler, batchSize, dropLast): the sampler's indices of each pass in batches of
     * batchSize, the last one smaller unless dropped. The sampler's draw past its end is made where PyTorch's
     * BatchSampler makes it: while gathering a last, smaller batch, else when the loader asks for one more.
     */
    static BatchSampler of(Sampler sampler, int batchSize, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                    + batchSize);
        }
        return new BatchSampler() {
            @Override
            public int[][] batches() {
                int[] order = sampler.indices();
                int count = dropLast ? order.length / batchSize : (order.length + batchSize - 1) / batchSize;
                int[][] out = new int[count][];
                for (int b = 0; b < count; b++) {
                    out[b] = java.util.Arrays.copyOfRange(order, b * batchSize,
                            Math.min(order.length, (b + 1) * batchSize));
                }
                return out;
            }

            @Override
            public int size() {
                int n = sampler.size();
                return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
            }

            @Override
            public void pastTheEnd() {
                sampler.pastTheEnd();
            }

            @Override
            public int pastTheEndAt(int batches) {
                return !dropLast && sampler.size() % batchSize != 0 ? batches - 1 : batches;
            }
        };
    }
}
