package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.nn.Module;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * {@code torch.func.stack_module_state(models)} (functorch's combine_state_for_ensemble): the models' parameters,
     * then their buffers, each name's tensors stacked along a new first dimension, in the first model's order; a
     * stacked tensor is a new leaf that requires grad where every model's does. With {@link #functionalCall} inside
     * {@code Func.vmap}, one call runs the whole ensemble.
     *
     * @return two maps, the parameters' and the buffers'
     * @throws IllegalArgumentException as PyTorch's RuntimeError: no models, models of different classes or modes, a
     *     name whose tensors differ in shape or in requiring grad, or models whose tensors' names differ
     */
    public static List<Map<String, Tensor>> stackModuleState(List<? extends Module> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("stack_module_state: Expected at least one model, got 0.");
        }
        for (Module m : models) {
            if (m.isTraining() != models.get(0).isTraining()) {
                throw new IllegalArgumentException("stack_module_state: Expected all models to have the same "
                        + "training/eval mode.");
            }
            if (m.getClass() != models.get(0).getClass()) {
                throw new IllegalArgumentException("stack_module_state: Expected all models to be of the same class.");
            }
        }
        List<Map<String, Tensor>> params = new ArrayList<>();
        List<Map<String, Tensor>> buffers = new ArrayList<>();
        for (Module m : models) {
            params.add(m.namedParameters());
            buffers.add(m.namedBuffers());
        }
        return List.of(stacked(params), stacked(buffers));
    }

    private static Map<String, Tensor> stacked(List<Map<String, Tensor>> each) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : each.get(0).keySet()) {
            List<Tensor> tensors = new ArrayList<>(each.size());
            int requiring = 0;
            for (int i = 0; i < each.size(); i++) {
                Tensor t = each.get(i).get(name);
                if (t == null || each.get(i).size() != each.get(0).size()) {
                    throw new IllegalArgumentException("stack_module_state: model " + i + " has no tensor " + name
                            + " or not the same tensors as model 0");
                }
                requiring += t.requiresGrad() ? 1 : 0;
                tensors.add(t.detach());
            }
            if (requiring != 0 && requiring != each.size()) {
                throw new IllegalArgumentException("Expected " + name + " from each model to have the same "
                        + ".requires_grad");
            }
            Tensor s = Tensor.stack(tensors, 0);
            out.put(name, requiring == 0 ? s : s.requiresGrad_());
        }
        return out;
    }
}
