package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.List;

/**
 * A function of tensors to several tensors (a Python function returning a tuple of tensors): what {@link Func}'s
 * transforms take where f has several outputs or auxiliary ones, and what they return where the result is several
 * tensors.
 */
@FunctionalInterface
public interface TensorsFunction {
    /** f(inputs...), its outputs in order. */
    List<Tensor> applyAll(Tensor... inputs);
}
