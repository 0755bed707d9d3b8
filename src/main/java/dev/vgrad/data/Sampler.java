package dev.vgrad.data;

/**
 * The order in which a {@link DataLoader} visits a dataset's examples, as {@code torch.utils.data.Sampler}: each pass
 * asks for a new sequence of indices.
 */
public interface Sampler {
    /** The indices of one pass, in order (drawn again each pass by random samplers). */
    int[] indices();

    /** How many indices a pass yields. */
    int size();

    /**
     * Called once a pass when the loader asks for an index past the last one, where PyTorch's loader would (to fill a
     * last, smaller batch, or on finding the pass over): a sampler whose PyTorch twin draws from its generator then
     * (RandomSampler's last permutation) draws the same here. Nothing by default.
     */
    default void pastTheEnd() {}
}
