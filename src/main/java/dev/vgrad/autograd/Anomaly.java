package dev.vgrad.autograd;

/**
 * Anomaly detection's state, per thread ({@code torch.autograd.detect_anomaly}): while it is on, every node
 * remembers the Java stack of the forward call that made it, and (unless told not to check for NaN) the engine checks
 * each gradient a node returns for NaN. Opened and closed through {@link Autograd#detectAnomaly()} and
 * {@link Autograd#setDetectAnomaly}.
 */
final class Anomaly {
    /** Per thread: [on, checkNan]. */
    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(() -> new boolean[] {false, true});

    private Anomaly() {}

    static boolean enabled() {
        return STATE.get()[0];
    }

    /** Whether gradients are checked for NaN while the mode is on. */
    static boolean checksNan() {
        return STATE.get()[1];
    }

    /** Sets the mode and its NaN check, returning what they replace ([on, checkNan]). */
    static boolean[] set(boolean on, boolean checkNan) {
        boolean[] state = STATE.get();
        boolean[] previous = state.clone();
        state[0] = on;
        state[1] = checkNan;
        return previous;
    }
}
