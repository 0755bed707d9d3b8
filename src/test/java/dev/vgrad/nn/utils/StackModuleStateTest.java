package dev.vgrad.nn.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.Func;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.Sequential;
import dev.vgrad.nn.Tanh;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * torch.func's model ensembling: {@link Stateless#stackModuleState} and a vmapped {@link Stateless#functionalCall} run
 * three models in one call, with each model's own outputs and gradients.
 */
class StackModuleStateTest {
    private static Sequential model(long seed) {
        return new Sequential(new Linear(4, 3, new Generator(seed)), new Tanh(), new Linear(3, 2,
                new Generator(seed + 100)));
    }

    @Test
    void aVmappedFunctionalCallRunsTheEnsemble() {
        List<Sequential> models = List.of(model(1), model(2), model(3));
        List<Map<String, Tensor>> state = Stateless.stackModuleState(models);
        Map<String, Tensor> params = state.get(0);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(params.keySet()));
        assertArrayEquals(new int[] {3, 3, 4}, params.get("0.weight").shape());
        assertTrue(state.get(1).isEmpty(), "no buffers");
        Tensor x = Tensor.randn(new Generator(9), 5, 4);
        List<String> names = List.copyOf(params.keySet());
        Module base = model(0);
        var ensemble = Func.vmap(in -> {
            Map<String, Tensor> one = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                one.put(names.get(i), in[i]);
            }
            return Stateless.functionalCall(base, one, in[names.size()]);
        }).inDims(0, 0, 0, 0, null);
        List<Tensor> args = new ArrayList<>(params.values());
        args.add(x);
        Tensor out = ensemble.apply(args.toArray(new Tensor[0]));
        assertArrayEquals(new int[] {3, 5, 2}, out.shape());
        out.pow(2f).sum().backward();
        for (int m = 0; m < 3; m++) {
            Tensor own = models.get(m).call(x);
            assertArrayEquals(own.toArray(), out.select(0, m).contiguous().toArray(), 1e-6f, "model " + m);
            own.pow(2f).sum().backward();
            int p = 0;
            for (Tensor t : models.get(m).parameters()) {
                assertArrayEquals(t.grad().toArray(), params.get(names.get(p++)).grad().select(0, m).contiguous()
                        .toArray(), 1e-5f, "model " + m + "'s " + names.get(p - 1));
            }
        }
    }

    @Test
    void modelsThatDoNotStackAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stateless.stackModuleState(List.of()));
        Sequential trained = model(1);
        Sequential evaluated = model(2);
        evaluated.eval();
        assertEquals("stack_module_state: Expected all models to have the same training/eval mode.",
                assertThrows(IllegalArgumentException.class,
                        () -> Stateless.stackModuleState(List.of(trained, evaluated))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stateless.stackModuleState(List.of(new Linear(4, 3),
                new Linear(4, 5))), "shapes differ");
    }
}
