package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.Iterator;

/**
 * A stream of examples, as {@code torch.utils.data.IterableDataset}: a {@link DataLoader} batches what
 * {@link #iterator()} yields, in order. With workers, each worker thread calls iterator() for itself, as each of
 * PyTorch's worker processes iterates its own copy: a dataset that should not repeat its examples shards them by
 * {@link DataLoader#workerInfo()} (null outside a worker).
 */
public interface IterableDataset {
    /** A new pass over the examples, each a tuple of tensors (input, target, ...). */
    Iterator<Tensor[]> iterator();
}
