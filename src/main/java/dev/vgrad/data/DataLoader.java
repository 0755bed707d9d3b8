package dev.vgrad.data;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Batches of a dataset, as {@code torch.utils.data.DataLoader}: each batch stacks {@code batchSize} examples
 * along a new first dimension. With shuffle, every pass draws a new order from the generator exactly as
 * PyTorch's RandomSampler does ({@code randperm}), so the same seed gives the same batches as PyTorch.
 */
public final class DataLoader implements Iterable<Tensor[]> {
    private final Dataset dataset;
    private final int batchSize;
    private boolean shuffle;
    private Generator generator = Generator.defaultGenerator();
    private boolean dropLast;

    /** Batches of {@code batchSize} in order, the last one possibly smaller. */
    public DataLoader(Dataset dataset, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size="
                    + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    /** Reshuffles every pass, drawing from the default generator. */
    public DataLoader shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /** Reshuffles every pass, drawing from {@code g}. */
    public DataLoader shuffle(boolean on, Generator g) {
        this.shuffle = on;
        this.generator = g;
        return this;
    }

    /** Drops the last batch when it is smaller than batchSize. */
    public DataLoader dropLast(boolean on) {
        this.dropLast = on;
        return this;
    }

    /** The number of batches a pass yields. */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One pass over the dataset (a new order each pass when shuffling). */
    @Override
    public Iterator<Tensor[]> iterator() {
        int n = dataset.size();
        int[] order = shuffle ? generator.randperm(n) : identity(n);
        int batches = size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Tensor[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next * batchSize, to = Math.min(n, from + batchSize);
                next++;
                return batch(order, from, to);
            }
        };
    }

    private Tensor[] batch(int[] order, int from, int to) {
        if (dataset instanceof TensorDataset td) {
            Tensor[] out = new Tensor[td.width()];
            for (int k = 0; k < out.length; k++) {
                out[k] = gatherRows(td.tensor(k), order, from, to);
            }
            return out;
        }
        List<Tensor[]> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(dataset.get(order[i]));
        }
        Tensor[] out = new Tensor[items.get(0).length];
        for (int k = 0; k < out.length; k++) {
            List<Tensor> column = new ArrayList<>();
            for (Tensor[] item : items) {
                column.add(item[k]);
            }
            out[k] = Tensor.stack(column);
        }
        return out;
    }

    /** Rows order[from..to) of t, gathered into one contiguous batch. */
    private static Tensor gatherRows(Tensor t, int[] order, int from, int to) {
        return t.indexSelect(0, java.util.Arrays.copyOfRange(order, from, to));
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
