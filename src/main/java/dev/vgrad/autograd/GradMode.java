package dev.vgrad.autograd;

/**
 * Whether operations record a graph for backward, per thread (like {@code torch.is_grad_enabled()}).
 * Separate threads build and run separate graphs with their own mode.
 *
 * <pre>{@code
 * try (var g = GradMode.noGrad()) {
 *     params.sub_(params.grad().mul(lr));   // not recorded
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    /** Whether this thread records operations for autograd. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording on or off for this thread ({@code torch.set_grad_enabled}). */
    public static void setEnabled(boolean on) {
        ENABLED.get()[0] = on;
    }

    /** Disables recording until the returned scope is closed ({@code torch.no_grad()}). */
    public static Scope noGrad() {
        return new Scope(false);
    }

    /** Enables recording until the returned scope is closed ({@code torch.enable_grad()}). */
    public static Scope enableGrad() {
        return new Scope(true);
    }

    /** A region with a grad mode; closing it restores the mode that was in force when it opened. */
    public static final class Scope implements AutoCloseable {
        private final boolean[] state;
        private final boolean previous;

        private Scope(boolean on) {
            this.state = ENABLED.get();
            this.previous = state[0];
            state[0] = on;
        }

        /** Restores the previous mode. */
        @Override
        public void close() {
            state[0] = previous;
        }
    }
}
