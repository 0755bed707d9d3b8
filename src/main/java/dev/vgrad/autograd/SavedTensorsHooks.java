package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Pack and unpack hooks for the tensors saved for backward, as {@code torch.autograd.graph.saved_tensors_hooks}: while
 * one is open (try-with-resources, on this thread), every tensor a recorded operation saves is handed to the pack
 * hook (with gradient recording off, as PyTorch runs it) and only what the hook returns is kept; the unpack hook
 * turns that back into a tensor each time backward reads it. The hooks own what is saved: versions are not checked
 * (PyTorch 1.13 does not check them under hooks either: after a copying pack hook, such as {@link #saveOnCpu}'s, an
 * in-place change to the original is harmless; after one that keeps the tensor itself, backward reads the changed
 * values). The innermost open pair applies.
 *
 * <pre>{@code
 * try (var hooks = new SavedTensorsHooks(t -> t.mul(2f), p -> p.div(2f))) {
 *     loss = model.forward(x).sum();          // each saved tensor packed as twice itself
 * }
 * loss.backward();                              // and read back halved
 * }</pre>
 *
 * <p>What vgrad's operations save is not always what PyTorch's save (fused kernels keep other intermediates), so a
 * hook sees vgrad's own saved tensors, in vgrad's order.
 */
public final class SavedTensorsHooks implements AutoCloseable {
    /** One thread's open pairs, innermost first, and the message that refuses new ones (null: allowed). */
    private static final class State {
        final Deque<SavedTensorsHooks> open = new ArrayDeque<>();
        String disabledMessage;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private final Function<Tensor, Object> pack;
    private final Function<Object, Tensor> unpack;
    private boolean closed;

    /**
     * Opens a pair of hooks on this thread until {@link #close}.
     *
     * @throws IllegalStateException while {@link #disable} is in force, with its message (PyTorch's RuntimeError)
     */
    @SuppressWarnings("unchecked")
    public <P> SavedTensorsHooks(Function<Tensor, P> pack, Function<P, Tensor> unpack) {
        if (pack == null || unpack == null) {
            throw new IllegalArgumentException("saved_tensors_hooks needs a pack and an unpack hook");
        }
        State state = STATE.get();
        if (state.disabledMessage != null) {
            throw new IllegalStateException(state.disabledMessage);
        }
        this.pack = (Function<Tensor, Object>) pack;
        this.unpack = (Function<Object, Tensor>) unpack;
        state.open.push(this);
    }

    /**
     * {@code torch.autograd.graph.save_on_cpu()}: saved tensors kept as copies (PyTorch copies them to the CPU; vgrad's
     * are there already, so a copy is all that is left of it), read back as those copies.
     */
    public static SavedTensorsHooks saveOnCpu() {
        return new SavedTensorsHooks(t -> t.detach().clone(), (Tensor t) -> t);
    }

    /**
     * {@code torch.autograd.graph.disable_saved_tensors_hooks(message)}: until the returned scope closes, opening hooks
     * on this thread fails with {@code message}.
     *
     * @throws IllegalStateException with the message when hooks are open already, as PyTorch refuses then too
     */
    public static AutoCloseable disable(String message) {
        State state = STATE.get();
        if (!state.open.isEmpty()) {
            throw new IllegalStateException(message);
        }
        String before = state.disabledMessage;
        state.disabledMessage = message;
        return () -> state.disabledMessage = before;
    }

    /** Closes this pair (the innermost open one); closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        State state = STATE.get();
        if (state.open.peek() != this) {
            throw new IllegalStateException("saved_tensors_hooks closed out of order: close the innermost pair first");
        }
        state.open.pop();
        closed = true;
    }

    /** The innermost open pair on this thread, or null. */
    static SavedTensorsHooks current() {
        return STATE.get().open.peek();
    }

    /** The pack hook's result for {@code t}, run with recording off (as PyTorch runs it) and without these hooks. */
    Object pack(Tensor t) {
        State state = STATE.get();
        state.open.pop();
        try (var off = GradMode.noGrad()) {
            Object packed = pack.apply(t);
            if (packed == null) {
                throw new IllegalStateException("a saved_tensors_hooks pack hook returned null");
            }
            return packed;
        } finally {
            state.open.push(this);
        }
    }

    /** The tensor the unpack hook makes of {@code packed}. */
    Tensor unpack(Object packed) {
        Tensor t = unpack.apply(packed);
        if (t == null) {
            throw new IllegalStateException("a saved_tensors_hooks unpack hook returned null instead of a tensor");
        }
        return t;
    }
}
