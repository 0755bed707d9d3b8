package dev.vgrad.autograd;

/**
 * Counts in-place modifications of a tensor's data. Views and {@code detach()} share their source's counter
 * (they share its data); {@code data()} gets a fresh one, as in PyTorch. Saved tensors remember the version
 * they were saved at, so backward can refuse data that changed underneath it.
 */
public final class VersionCounter {
    /** The counter of inference tensors, which count nothing (PyTorch's inference tensors have no version). */
    public static final VersionCounter UNCOUNTED = new VersionCounter();

    private int version;

    /** The number of in-place modifications so far. */
    public int get() {
        return version;
    }

    /** Records one in-place modification. */
    public void bump() {
        if (this != UNCOUNTED) {
            version++;
        }
    }
}
