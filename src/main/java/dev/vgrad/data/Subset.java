package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * The examples of a dataset at given indices, in that order, as {@code torch.utils.data.Subset} (what
 * {@link Datasets#randomSplit} returns). A {@link DataLoader} over a subset of a {@link TensorDataset} still gathers
 * each batch in one copy per tensor.
 */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final int[] indices;

    /**
     * Example i is {@code dataset.get(indices[i])}.
     *
     * @throws IndexOutOfBoundsException if an index is outside the dataset, naming it and its position
     */
    public Subset(Dataset dataset, int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= dataset.size()) {
                throw new IndexOutOfBoundsException("Subset: index " + indices[i] + " at position " + i
                        + " is out of range for a dataset of " + dataset.size());
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Tensor[] get(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a subset of " + size());
        }
        return dataset.get(indices[index]);
    }

    /** The dataset this subset draws from. */
    public Dataset dataset() {
        return dataset;
    }

    /** The indices into {@link #dataset()}, in order (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** {@code order[from..to)} mapped through this subset's indices. */
    int[] map(int[] order, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = indices[order[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Subset of " + indices.length + " " + Arrays.toString(Arrays.copyOf(indices, Math.min(8,
                indices.length))).replace("]", indices.length > 8 ? ", ...]" : "]");
    }
}
