package dev.vgrad.autograd;

/**
 * Anomaly detection's state, per thread ({@code torch.autograd.detect_anomaly}): while it is on, every node
 * remembers the Java stack of the forward call that made it, and the engine checks each gradient a node
 * returns for NaN. Opened and closed through {@link Autograd#detectAnomaly()}.
 */
final class Anomaly {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[1]);

    private Anomaly() {}

    static boolean enabled() {
        return ENABLED.get()[0];
    }

    /** Sets the mode and returns the one it replaces. */
    static boolean set(boolean on) {
        boolean[] state = ENABLED.get();
        boolean previous = state[0];
        state[0] = on;
        return previous;
    }
}
