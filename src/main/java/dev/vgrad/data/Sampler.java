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
}
