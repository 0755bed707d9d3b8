package dev.vgrad.autograd;

import dev.vgrad.Tensor;

/**
 * What {@link Function} needs of {@link Tensor} that is not public API: making a node a tensor's history, and the
 * checks and bookkeeping of an in-place change. Tensor provides the one implementation when its class is loaded
 * (the JDK's SharedSecrets pattern), so these stay out of Tensor's public face.
 */
public abstract class TensorAccess {
    private static TensorAccess instance;

    /** Registers the implementation; only the first (Tensor's own) is accepted. */
    protected TensorAccess() {
        synchronized (TensorAccess.class) {
            if (instance != null) {
                throw new IllegalStateException("TensorAccess is provided by dev.vgrad.Tensor alone");
            }
            instance = this;
        }
    }

    static TensorAccess get() {
        return instance;
    }

    /** Makes {@code node} the history of the new tensor {@code out}. */
    protected abstract void setGradFn(Tensor out, Node node);

    /**
     * Refuses an in-place change PyTorch refuses ({@code op} names it): of a leaf that requires grad, of an
     * inference tensor outside inference mode, of a view of a leaf.
     */
    protected abstract void checkInPlace(Tensor self, String op);

    /** Makes {@code node} the history of {@code self} after an in-place change (through its base, for a view). */
    protected abstract void attachInPlace(Tensor self, Node node);

    /** The storage {@code t} reads. */
    protected abstract dev.vgrad.memory.Storage storage(Tensor t);

    /** Whether {@code t} reads every float of its storage, once each, in order (no other view can hold more of it). */
    protected abstract boolean coversItsStorage(Tensor t);
}
