package dev.vgrad.autograd;

/** What {@code registerHook} returns: {@link #remove()} unregisters the hook. */
@FunctionalInterface
public interface RemovableHandle {
    /** Unregisters the hook; further calls do nothing. */
    void remove();
}
