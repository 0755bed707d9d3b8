package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * A hook {@link Module#call} runs after the module's forward ({@code register_forward_hook}): it sees the input
 * forward got and its output, and may replace the output by returning another tensor (null keeps it).
 */
@FunctionalInterface
public interface ForwardHook {
    /** The output the call should return instead of {@code output}, or null to keep it. */
    Tensor apply(Module module, Tensor input, Tensor output);
}
