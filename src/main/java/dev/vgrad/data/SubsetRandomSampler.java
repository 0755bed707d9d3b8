package dev.vgrad.data;

import dev.vgrad.Generator;

/**
 * The given indices in a new random order each pass, as {@code torch.utils.data.SubsetRandomSampler}: the order is
 * {@code randperm} of their count from the generator, so the same seed gives PyTorch's order.
 */
public final class SubsetRandomSampler implements Sampler {
    private final int[] indices;
    private final Generator generator;

    /** {@code indices}, shuffled each pass by draws from {@code g}. */
    public SubsetRandomSampler(int[] indices, Generator g) {
        this.indices = indices.clone();
        this.generator = g;
    }

    @Override
    public int[] indices() {
        int[] perm = generator.randperm(indices.length);
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = indices[perm[i]];
        }
        return out;
    }

    @Override
    public int size() {
        return indices.length;
    }
}
