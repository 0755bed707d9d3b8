package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;

/**
 * Prunes nothing ({@code torch.nn.utils.prune.Identity}): the tensor is reparametrized as {@code name_orig} and a mask
 * of ones, ready for masks set by hand or later methods.
 */
public final class Identity extends BasePruningMethod {
    /** The method. */
    public Identity() {}

    @Override
    public PruningType pruningType() {
        return PruningType.UNSTRUCTURED;
    }

    /** {@code defaultMask} as it is. */
    @Override
    public Tensor computeMask(Tensor t, Tensor defaultMask) {
        EntryPruning.requireSameShape(t, defaultMask);
        return defaultMask;
    }
}
