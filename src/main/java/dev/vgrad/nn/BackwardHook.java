package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * A hook that backward runs when the gradient with respect to a module's input is known
 * ({@code register_full_backward_hook}). It sees that gradient and the gradient with respect to the module's output,
 * and may replace the first by returning a tensor of its shape (null keeps it). {@code gradInput} is null when the
 * input does not require grad; the hook must then return null, as PyTorch requires.
 */
@FunctionalInterface
public interface BackwardHook {
    /** The gradient the module's input should receive instead of {@code gradInput}, or null to keep it. */
    Tensor apply(Module module, Tensor gradInput, Tensor gradOutput);
}
