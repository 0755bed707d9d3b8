package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * What the structured methods share: prune whole channels (slices along {@code dim}), chosen by the subclass, over a
 * mask whose zeros stay.
 */
abstract class ChannelPruning extends BasePruningMethod {
    private final PruningAmount amount;
    private final int dim;

    ChannelPruning(Number amount, int dim) {
        this.amount = PruningAmount.of(amount);
        this.dim = dim;
    }

    /** The amount as given: a count of channels (an integral type) or a share of them. */
    public Number amount() {
        return amount.given();
    }

    /** The dimension whose slices are pruned (negative counts from the end). */
    @Override
    public Integer dim() {
        return dim;
    }

    @Override
    public PruningType pruningType() {
        return PruningType.STRUCTURED;
    }

    /**
     * {@code defaultMask} with the pruned channels set to 0. A tensor of fewer than two dimensions, or a dim outside
     * its dimensions, is refused in PyTorch's words.
     */
    @Override
    public Tensor computeMask(Tensor t, Tensor defaultMask) {
        EntryPruning.requireSameShape(t, defaultMask);
        int n = t.dim();
        if (n <= 1) {
            throw new IllegalArgumentException("Structured pruning can only be applied to multidimensional tensors. "
                    + "Found tensor of shape " + Arrays.toString(t.shape()) + " with " + n + " dims");
        }
        if (dim >= n || dim < -n) {
            throw new IllegalArgumentException("Invalid index " + dim + " for tensor of size "
                    + Arrays.toString(t.shape()));
        }
        int d = dim < 0 ? dim + n : dim;
        int channels = t.size(d);
        int k = amount.toPrune(channels);
        float[] mask = defaultMask.toArray();
        if (k != 0) {
            boolean[] keep = keptChannels(t, d, k);
            int inner = 1;
            for (int i = d + 1; i < n; i++) {
                inner *= t.size(i);
            }
            for (int i = 0; i < mask.length; i++) {
                if (!keep[i / inner % channels]) {
                    mask[i] = 0f;
                }
            }
        }
        return Tensor.of(mask, t.shape());
    }

    /** Which of t's channels along {@code dim} (non-negative) to keep, when {@code toPrune} (at least 1) go. */
    abstract boolean[] keptChannels(Tensor t, int dim, int toPrune);
}
