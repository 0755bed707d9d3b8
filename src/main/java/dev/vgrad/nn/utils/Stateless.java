package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.nn.Module;
import java.util.Map;

/** {@code torch.nn.utils.stateless}: a module called with other tensors in place of its own. */
public final class Stateless {
    private Stateless() {}

    /**
     * {@code functional_call(module, parameters_and_buffers, input)}: the module's output with the named tensors
     * (dotted names, as {@link Module#stateDict()} gives them) in place of its own for this call only
     * ({@link Module#callWith}).
     */
    public static Tensor functionalCall(Module module, Map<String, Tensor> parametersAndBuffers, Tensor input) {
        return module.callWith(parametersAndBuffers, input);
    }
}
