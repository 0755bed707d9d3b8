package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;

/**
 * Prunes channels at random ({@code torch.nn.utils.prune.RandomStructured}): one uniform draw per channel from the
 * default generator, the channels whose draws are not above the {@code toPrune}-th smallest pruned, so under a seed it
 * prunes what PyTorch prunes under that seed.
 */
public final class RandomStructured extends ChannelPruning {
    /** Prunes {@code amount} channels along the last dimension. */
    public RandomStructured(Number amount) {
        this(amount, -1);
    }

    /** Prunes {@code amount} channels (a count when integral, a share when fractional) along {@code dim}. */
    public RandomStructured(Number amount, int dim) {
        super(amount, dim);
    }

    @Override
    boolean[] keptChannels(Tensor t, int dim, int toPrune) {
        float[] draws = Tensor.rand(t.size(dim)).toArray();
        float threshold = Tensor.of(draws).kthvalue(toPrune, 0, false).get(0).item();
        boolean[] keep = new boolean[draws.length];
        for (int c = 0; c < draws.length; c++) {
            keep[c] = draws[c] > threshold;
        }
        return keep;
    }
}
