package dev.vgrad.autograd;

import dev.vgrad.Tensor;

/**
 * A function of tensors to one tensor: what {@link Func}'s transforms take, and what they return where the result is
 * one tensor, so that they nest ({@code Func.vmap(Func.grad(f))}).
 */
@FunctionalInterface
public interface TensorFunction {
    /** f(inputs...). */
    Tensor apply(Tensor... inputs);
}
