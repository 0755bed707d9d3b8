package dev.vgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.Tensor;
import dev.vgrad.io.TorchFiles;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.Linear;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optimizer state in PyTorch's own layout (scripts/torch_optim_state_fixtures.py): a state torch 1.13 saved after three
 * steps, loaded into vgrad's optimizer of the same settings, takes the model through two more steps to where torch's
 * went; the state vgrad writes back holds what torch saved; settings that differ, and optimizers whose state PyTorch's
 * layout cannot carry, are refused.
 */
class OptimizerTorchStateTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/torch_optim_states.pt");

    @TempDir
    Path dir;

    private static final Map<String, Function<List<Tensor>, Optimizer>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("sgd", p -> new SGD(p, 0.1f).momentum(0.9f).nesterov(true).weightDecay(0.01f));
        CASES.put("adam", p -> new Adam(p, 0.01f).betas(0.8f, 0.99f).amsgrad(true).weightDecay(0.1f));
        CASES.put("adamw", p -> new AdamW(p, 0.01f).weightDecay(0.05f));
        CASES.put("adagrad", p -> new Adagrad(p, 0.1f).lrDecay(0.01f));
        CASES.put("adamax", p -> new Adamax(p, 0.02f));
        CASES.put("asgd", p -> new ASGD(p, 0.05f).t0(2f));
        CASES.put("nadam", p -> new NAdam(p, 0.01f));
        CASES.put("radam", p -> new RAdam(p, 0.01f));
        CASES.put("rmsprop", p -> new RMSprop(p, 0.01f).momentum(0.9f).centered(true).weightDecay(0.01f));
        CASES.put("adadelta", p -> new Adadelta(p, 1.0f).rho(0.8f));
        CASES.put("rprop", p -> new Rprop(p, 0.01f).etas(0.4f, 1.3f));
        CASES.put("adam_groups", p -> {
            Adam opt = new Adam(List.of(p.get(0)), 0.01f);
            opt.addParamGroup(List.of(p.get(1)), 0.001f);
            return opt;
        });
    }

    private static Linear model(Map<?, ?> state) {
        Linear m = new Linear(3, 2);
        Map<String, Tensor> s = new LinkedHashMap<>();
        state.forEach((k, v) -> s.put((String) k, (Tensor) v));
        m.loadStateDict(s);
        return m;
    }

    /** The fixture's data: torch.manual_seed(2); torch.randn(5, 3), torch.randn(5, 2). */
    private static void steps(Linear m, Optimizer opt, int n) {
        dev.vgrad.Generator g = new dev.vgrad.Generator(2);
        Tensor x = Tensor.randn(g, 5, 3), y = Tensor.randn(g, 5, 2);
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            Functional.mseLoss(m.call(x), y).backward();
            opt.step();
        }
    }

    @Test
    void torchsStateTakesTheModelWhereTorchWentAndComesBackAsSaved() throws IOException {
        Map<?, ?> cases = (Map<?, ?>) TorchFiles.load(FIXTURE);
        assertEquals(CASES.keySet(), cases.keySet());
        for (var c : CASES.entrySet()) {
            Map<?, ?> saved = (Map<?, ?>) cases.get(c.getKey());
            Linear m = model((Map<?, ?>) saved.get("model"));
            Optimizer opt = c.getValue().apply(m.parameters());
            Map<?, ?> torchState = (Map<?, ?>) saved.get("optimizer");
            opt.loadTorchStateDict(torchState);
            assertSameState(c.getKey(), torchState, opt.torchStateDict());
            steps(m, opt, 2);
            Map<?, ?> after = (Map<?, ?>) saved.get("after");
            m.stateDict().forEach((k, v) -> {
                float[] want = ((Tensor) after.get(k)).toArray(), got = v.toArray();
                for (int i = 0; i < want.length; i++) {
                    if (!(Math.abs(want[i] - got[i]) <= 2e-6f * Math.abs(want[i]) + 1e-7f)) {
                        fail(c.getKey() + " " + k + "[" + i + "] after two steps: torch " + want[i] + ", vgrad "
                                + got[i]);
                    }
                }
            });
        }
    }

    /** vgrad's torchStateDict holds what torch saved: the same groups' settings and the same state, value by value. */
    private static void assertSameState(String name, Map<?, ?> want, Map<String, Object> got) {
        List<?> wantGroups = (List<?>) want.get("param_groups"), gotGroups = (List<?>) got.get("param_groups");
        assertEquals(wantGroups.size(), gotGroups.size(), name);
        for (int g = 0; g < wantGroups.size(); g++) {
            Map<?, ?> w = (Map<?, ?>) wantGroups.get(g), h = (Map<?, ?>) gotGroups.get(g);
            assertEquals(w.keySet(), h.keySet(), name + " group " + g + "'s keys");
            for (Object k : w.keySet()) {
                assertEquals(String.valueOf(numbers(w.get(k))), String.valueOf(numbers(h.get(k))), name + " " + k);
            }
        }
        Map<?, ?> ws = (Map<?, ?>) want.get("state"), hs = (Map<?, ?>) got.get("state");
        assertEquals(ws.keySet(), hs.keySet(), name + " state's parameters");
        for (Object i : ws.keySet()) {
            Map<?, ?> w = (Map<?, ?>) ws.get(i), h = (Map<?, ?>) hs.get(i);
            assertEquals(w.keySet(), h.keySet(), name + " state " + i);
            for (Object k : w.keySet()) {   // tensors value by value; a step PyTorch keeps as an int, as an int
                assertEquals(text(w.get(k)), text(h.get(k)), name + " state " + i + " " + k);
            }
        }
    }

    private static String text(Object o) {
        return o instanceof Tensor t ? java.util.Arrays.toString(t.toArray()) : o.getClass().getSimpleName() + " " + o;
    }

    /** Numbers as doubles (torch's ints and floats, vgrad's doubles), lists item by item. */
    private static Object numbers(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof List<?> l) {
            return l.stream().map(OptimizerTorchStateTest::numbers).toList();
        }
        return o;
    }

    @Test
    void writtenStateLoadsBackAndContinuesTheSame() throws IOException {
        Linear a = new Linear(3, 2, new dev.vgrad.Generator(5)), b = new Linear(3, 2, new dev.vgrad.Generator(5));
        Optimizer optA = new Adam(a.parameters(), 0.01f).amsgrad(true);
        steps(a, optA, 3);
        Path file = dir.resolve("opt.pt");
        TorchFiles.save(optA.torchStateDict(), file);
        b.loadStateDict(a.stateDict());
        Optimizer optB = new Adam(b.parameters(), 0.01f).amsgrad(true);
        optB.loadTorchStateDict((Map<?, ?>) TorchFiles.load(file));
        steps(a, optA, 2);
        steps(b, optB, 2);
        assertEquals(java.util.Arrays.toString(a.weight.toArray()), java.util.Arrays.toString(b.weight.toArray()));
    }

    @Test
    void refusesOtherSettingsAndWhatTheLayoutCannotCarry() throws IOException {
        Map<?, ?> adam = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) TorchFiles.load(FIXTURE)).get("adam")).get("optimizer");
        Linear m = new Linear(3, 2);
        Optimizer plain = new Adam(m.parameters(), 0.01f);
        var e = assertThrows(IllegalArgumentException.class, () -> plain.loadTorchStateDict(adam));
        assertTrue(e.getMessage().contains("betas = [0.8, 0.99]") && e.getMessage().contains("build it with the saved "
                + "settings"), e.getMessage());
        Optimizer twoGroups = new Adam(List.of(m.weight), 0.01f).betas(0.8f, 0.99f).amsgrad(true).weightDecay(0.1f);
        twoGroups.addParamGroup(List.of(m.bias));
        e = assertThrows(IllegalArgumentException.class, () -> twoGroups.loadTorchStateDict(adam));
        assertTrue(e.getMessage().contains("different number of parameter groups"), e.getMessage());
        var u = assertThrows(UnsupportedOperationException.class, () -> new LBFGS(m.parameters(), 1f)
                .loadTorchStateDict(adam));
        assertTrue(u.getMessage().contains("LBFGS does not name its settings"), u.getMessage());
    }
}
