package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * A hook {@link Module#call} runs before the module's forward ({@code register_forward_pre_hook}): it sees the input
 * and may replace it by returning another tensor (null keeps it).
 */
@FunctionalInterface
public interface ForwardPreHook {
    /** The input forward should get instead of {@code input}, or null to keep it. */
    Tensor apply(Module module, Tensor input);
}
