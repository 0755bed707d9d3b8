package dev.vgrad.nn.utils.prune;

/**
 * How a pruning method's new mask is laid over the mask a tensor already has, when the method joins a
 * {@link PruningContainer} (PyTorch's {@code PRUNING_TYPE}).
 */
public enum PruningType {
    /** Computed over the entries the old mask left (those equal to 1), as one flat list. */
    UNSTRUCTURED,
    /** Computed over the channels along the method's dim that the old mask left with any entry not 0. */
    STRUCTURED,
    /** Computed over the whole tensor, the old mask handed in as it is. */
    GLOBAL;

    /** PyTorch's spelling: "unstructured", "structured" or "global". */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
