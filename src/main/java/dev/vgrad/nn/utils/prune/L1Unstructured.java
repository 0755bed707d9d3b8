package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;

/** Prunes the entries of smallest magnitude ({@code torch.nn.utils.prune.L1Unstructured}). */
public final class L1Unstructured extends EntryPruning {
    /**
     * Prunes {@code amount} entries: a count when integral (an Integer, 3), a share of the entries when fractional
     * (0.3, rounded half to even); a negative count or a share outside [0, 1] is refused.
     */
    public L1Unstructured(Number amount) {
        super(amount);
    }

    @Override
    Tensor chosen(Tensor flat, int k) {
        return flat.abs().topk(k, 0, false).get(1);
    }
}
