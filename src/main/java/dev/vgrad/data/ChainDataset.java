package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams one after another ({@code torch.utils.data.ChainDataset}): each pass runs through the first stream's
 * examples, then the second's, and so on, each stream's iterator made only when its turn comes.
 */
public final class ChainDataset implements IterableDataset {
    private final List<IterableDataset> datasets;

    /** The streams, in the order their examples come. */
    public ChainDataset(IterableDataset... datasets) {
        this(List.of(datasets));
    }

    /** The streams, in the order their examples come. */
    public ChainDataset(List<IterableDataset> datasets) {
        this.datasets = List.copyOf(datasets);
    }

    /** The streams chained. */
    public List<IterableDataset> datasets() {
        return datasets;
    }

    @Override
    public Iterator<Tensor[]> iterator() {
        return new Iterator<>() {
            private int next;
            private Iterator<Tensor[]> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < datasets.size()) {
                    current = datasets.get(next++).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Tensor[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
