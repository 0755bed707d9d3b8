package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;

/**
 * Prunes entries at random ({@code torch.nn.utils.prune.RandomUnstructured}): one uniform draw per entry from the
 * default generator, the largest draws pruned, so under a seed it prunes what PyTorch prunes under that seed.
 */
public final class RandomUnstructured extends EntryPruning {
    /** Prunes {@code amount} entries: a count when integral, a share when fractional (see {@link L1Unstructured}). */
    public RandomUnstructured(Number amount) {
        super(amount);
    }

    @Override
    Tensor chosen(Tensor flat, int k) {
        return Tensor.rand(flat.numel()).topk(k, 0, true).get(1);
    }
}
