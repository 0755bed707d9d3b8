package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Examples that are rows of tensors sharing their first dimension, as {@code torch.utils.data.TensorDataset}:
 * example i is {@code (t0[i], t1[i], ...)}. A {@link DataLoader} over it gathers batches in one copy per tensor.
 */
public final class TensorDataset implements Dataset {
    private final Tensor[] tensors;

    /** The rows of {@code tensors}, which must all have the same size along dimension 0. */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        }
        for (Tensor t : tensors) {
            if (t.dim() == 0 || t.size(0) != tensors[0].size(0)) {
                throw new IllegalArgumentException("Size mismatch between tensors: first dimensions "
                        + Arrays.toString(Arrays.stream(tensors).mapToInt(x -> x.dim() == 0 ? -1 : x.size(0)).toArray()));
            }
        }
        this.tensors = tensors.clone();
    }

    @Override
    public int size() {
        return tensors[0].size(0);
    }

    @Override
    public Tensor[] get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of " + size());
        }
        Tensor[] r = new Tensor[tensors.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = tensors[k].select(0, index);
        }
        return r;
    }

    /** The k-th tensor of the dataset. */
    public Tensor tensor(int k) {
        return tensors[k];
    }

    /** How many tensors each example has. */
    public int width() {
        return tensors.length;
    }
}
