package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.List;

/** Datasets one after another, as {@code torch.utils.data.ConcatDataset}: example i of the first, then the second... */
public final class ConcatDataset implements Dataset {
    private final List<Dataset> datasets;
    /** cumulativeSizes[d]: how many examples datasets 0..d hold together. */
    private final int[] cumulativeSizes;

    /** The examples of {@code datasets} in order; at least one dataset. */
    public ConcatDataset(List<? extends Dataset> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets should not be an empty iterable");
        }
        this.datasets = List.copyOf(datasets);
        cumulativeSizes = new int[datasets.size()];
        long total = 0;
        for (int d = 0; d < cumulativeSizes.length; d++) {
            total += datasets.get(d).size();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ConcatDataset: more than " + Integer.MAX_VALUE + " examples");
            }
            cumulativeSizes[d] = (int) total;
        }
    }

    @Override
    public int size() {
        return cumulativeSizes[cumulativeSizes.length - 1];
    }

    /** Example {@code index}; a negative index counts from the end, as Python's. */
    @Override
    public Tensor[] get(int index) {
        if (index < 0) {
            if (-index > size()) {
                throw new IndexOutOfBoundsException("absolute value of index should not exceed dataset length: "
                        + index + " for a dataset of " + size());
            }
            index += size();
        }
        if (index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of " + size());
        }
        int d = 0;
        while (cumulativeSizes[d] <= index) {
            d++;
        }
        return datasets.get(d).get(d == 0 ? index : index - cumulativeSizes[d - 1]);
    }

    /** The datasets, in order. */
    public List<Dataset> datasets() {
        return datasets;
    }
}
