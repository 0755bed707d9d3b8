package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Function;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.RemovableHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A module's hooks and the call that runs them around its forward, as {@code torch.nn.Module.__call__} does in
 * PyTorch 1.13: forward pre-hooks, then (for full backward hooks) the input passed through an identity node, forward,
 * forward hooks, and the output passed through another identity node. The two identity nodes are where backward
 * learns the output's gradient and then the input's, which is when the backward hooks run.
 */
final class ModuleHooks {
    private final List<Registered<ForwardPreHook>> preHooks = new ArrayList<>(1);
    private final List<Registered<ForwardHook>> forwardHooks = new ArrayList<>(1);
    private final List<Registered<BackwardHook>> backwardHooks = new ArrayList<>(1);

    /**
     * One registration: its own object, so that a hook registered twice runs twice and each handle removes its own
     * registration, as PyTorch's hook dictionaries keyed by handle id do. A class, not a record: removal must find
     * this registration by identity, where two records of the same hook would be equal.
     */
    private static final class Registered<H> {
        private final H hook;

        Registered(H hook) {
            this.hook = hook;
        }

        H hook() {
            return hook;
        }
    }

    RemovableHandle addPreHook(ForwardPreHook hook) {
        return add(preHooks, hook);
    }

    RemovableHandle addForwardHook(ForwardHook hook) {
        return add(forwardHooks, hook);
    }

    RemovableHandle addBackwardHook(BackwardHook hook) {
        return add(backwardHooks, hook);
    }

    private static <H> RemovableHandle add(List<Registered<H>> list, H hook) {
        if (hook == null) {
            throw new IllegalArgumentException("hook must not be null");
        }
        Registered<H> r = new Registered<>(hook);
        list.add(r);
        return () -> list.remove(r);
    }

    /** The forward pre-hooks in the order they run. */
    List<ForwardPreHook> preHooks() {
        return preHooks.stream().map(Registered::hook).toList();
    }

    boolean isEmpty() {
        return preHooks.isEmpty() && forwardHooks.isEmpty() && backwardHooks.isEmpty();
    }

    /** Runs {@code forward} on {@code input} with this module's hooks around it. */
    Tensor call(Module module, Tensor input, UnaryOperator<Tensor> forward) {
        for (Registered<ForwardPreHook> r : List.copyOf(preHooks)) {
            Tensor replaced = r.hook().apply(module, input);
            if (replaced != null) {
                input = replaced;
            }
        }
        BackwardHookCall backward = null;
        if (!backwardHooks.isEmpty() && GradMode.isEnabled()) {
            backward = new BackwardHookCall(module, backwardHooks.stream().map(Registered::hook).toList());
            input = backward.trackInput(input);
        }
        Tensor output = forward.apply(input);
        for (Registered<ForwardHook> r : List.copyOf(forwardHooks)) {
            Tensor replaced = r.hook().apply(module, input, output);
            if (replaced != null) {
                output = replaced;
            }
        }
        return backward == null ? output : backward.trackOutput(output);
    }

    /** The identity that gives a tensor a node of its own, named "BackwardHookFunctionBackward" as PyTorch's. */
    private static final class BackwardHookFunction extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            return inputs[0];
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... gradOutputs) {
            return new Tensor[] {gradOutputs[0]};
        }
    }

    /** One call's backward hooks: the output's gradient, kept until the input's arrives. */
    private static final class BackwardHookCall {
        private final Module module;
        private final List<BackwardHook> hooks;
        private boolean inputTracked;
        private Tensor gradOutput;

        BackwardHookCall(Module module, List<BackwardHook> hooks) {
            this.module = module;
            this.hooks = hooks;
        }

        Tensor trackInput(Tensor input) {
            if (input == null || !input.requiresGrad()) {
                return input;
            }
            Tensor tracked = new BackwardHookFunction().apply(input);
            inputTracked = true;
            tracked.gradFn().registerPreHook(this::atInput);
            return tracked;
        }

        Tensor trackOutput(Tensor output) {
            if (output == null || !output.requiresGrad()) {
                return output;
            }
            Tensor tracked = new BackwardHookFunction().apply(output);
            tracked.gradFn().registerPreHook(this::atOutput);
            return tracked;
        }

        private Tensor atOutput(Tensor grad) {
            gradOutput = grad;
            if (!inputTracked) {
                // No input requires grad: PyTorch calls the hooks here, with no input gradient, and none may set one.
                for (BackwardHook h : hooks) {
                    if (h.apply(module, null, grad) != null) {
                        throw new IllegalStateException("Backward hook for Modules where no input requires gradient "
                                + "should always return None or None for all gradients.");
                    }
                }
                gradOutput = null;
            }
            return null;
        }

        private Tensor atInput(Tensor gradInput) {
            if (gradOutput == null) {
                // The gradient reached the input without passing the output (a double backward): no hook runs.
                return null;
            }
            for (BackwardHook h : hooks) {
                Tensor replaced = h.apply(module, gradInput, gradOutput);
                if (replaced != null) {
                    if (!Arrays.equals(replaced.shape(), gradInput.shape())) {
                        throw new IllegalStateException("hook 'hook' has changed the size of value: the backward hook "
                                + "of " + module.getClass().getSimpleName() + " returned a gradient of shape "
                                + Arrays.toString(replaced.shape()) + " for an input of shape "
                                + Arrays.toString(gradInput.shape()));
                    }
                    gradInput = replaced;
                }
            }
            gradOutput = null;
            return gradInput;
        }
    }
}
