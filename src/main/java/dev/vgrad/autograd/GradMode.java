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
 *
 * <p>Every scope restores, when closed, the mode that was in force when it opened, so scopes nest.
 */
public final class GradMode {
    /** This thread's modes, in one object so that the hot check costs one thread-local read. */
    private static final class State {
        boolean enabled = true;
        boolean inference;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private GradMode() {}

    /** Whether this thread records operations for autograd. */
    public static boolean isEnabled() {
        return STATE.get().enabled;
    }

    /** Turns recording on or off for this thread ({@code torch.set_grad_enabled} called as a function). */
    public static void setEnabled(boolean on) {
        STATE.get().enabled = on;
    }

    /** Whether this thread is inside an {@link #inferenceMode()} scope ({@code torch.is_inference_mode_enabled}). */
    public static boolean isInferenceMode() {
        return STATE.get().inference;
    }

    /** Disables recording until the returned scope is closed ({@code torch.no_grad()}). */
    public static Scope noGrad() {
        return new Scope(false, null);
    }

    /** Enables recording until the returned scope is closed ({@code torch.enable_grad()}), even inside noGrad. */
    public static Scope enableGrad() {
        return new Scope(true, null);
    }

    /** Sets recording to {@code on} until the returned scope is closed ({@code with torch.set_grad_enabled(on):}). */
    public static Scope setGradEnabled(boolean on) {
        return new Scope(on, null);
    }

    /**
     * {@code torch.inference_mode()}: until the scope is closed nothing is recorded and the tensors made are
     * inference tensors, which skip version counting. Using one later in a recorded op that must save it, or
     * changing one in place outside inference mode, is refused with PyTorch's errors; clone it to get a normal
     * tensor.
     */
    public static Scope inferenceMode() {
        return new Scope(false, true);
    }

    /** A region with a grad mode; closing it restores the modes that were in force when it opened. */
    public static final class Scope implements AutoCloseable {
        private final State state;
        private final boolean previousEnabled;
        private final boolean previousInference;

        private Scope(boolean on, Boolean inference) {
            this.state = STATE.get();
            this.previousEnabled = state.enabled;
            this.previousInference = state.inference;
            state.enabled = on;
            if (inference != null) {
                state.inference = inference;
            }
        }

        /** Restores the previous modes. */
        @Override
        public void close() {
            state.enabled = previousEnabled;
            state.inference = previousInference;
        }
    }
}
