package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import java.util.Arrays;

/** What the unstructured methods share: prune a number of single entries, chosen by the subclass, over a mask. */
abstract class EntryPruning extends BasePruningMethod {
    private final PruningAmount amount;

    EntryPruning(Number amount) {
        this.amount = PruningAmount.of(amount);
    }

    /** The amount as given: a count of entries (an integral type) or a share of them. */
    public Number amount() {
        return amount.given();
    }

    @Override
    public PruningType pruningType() {
        return PruningType.UNSTRUCTURED;
    }

    /** {@code defaultMask} with the chosen entries of t set to 0. */
    @Override
    public Tensor computeMask(Tensor t, Tensor defaultMask) {
        requireSameShape(t, defaultMask);
        int k = amount.toPrune(t.numel());
        float[] mask = defaultMask.toArray();
        if (k != 0) {
            for (float i : chosen(t.reshape(-1), k).toArray()) {
                mask[(int) i] = 0f;
            }
        }
        return Tensor.of(mask, defaultMask.shape());
    }

    /** The flat indices (as floats) of the {@code k} entries of {@code flat} to prune. */
    abstract Tensor chosen(Tensor flat, int k);

    static void requireSameShape(Tensor t, Tensor defaultMask) {
        if (!Arrays.equals(t.shape(), defaultMask.shape())) {
            throw new IllegalArgumentException("compute_mask: default_mask of shape "
                    + Arrays.toString(defaultMask.shape()) + " for a tensor of shape " + Arrays.toString(t.shape()));
        }
    }
}
