package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ModuleDict, ParameterList, ParameterDict, non-persistent buffers and the dotted lookups, against what torch 1.13
 * prints for the same model (scripts/torch_containers_probe.py; the expected names, orders and messages are its
 * output).
 */
class ModuleContainersTest {
    /** The probe's model: a Linear, a non-persistent and a persistent buffer, and one container of each kind. */
    static final class M extends Module {
        final Linear lin = registerModule("lin", new Linear(2, 2, new Generator(1)));
        final ParameterList pl = registerModule("pl", new ParameterList(Tensor.ones(1), Tensor.zeros(2)));
        final ParameterDict pd;
        final ModuleDict md;

        M() {
            registerBuffer("pe", Tensor.ones(3), false);
            registerBuffer("rm", Tensor.zeros(2));
            Map<String, Tensor> unordered = Map.of("b", Tensor.ones(1), "a", Tensor.ones(2));
            pd = registerModule("pd", new ParameterDict(unordered));
            Map<String, Module> heads = new LinkedHashMap<>();
            heads.put("z", new ReLU());
            heads.put("y", new Linear(1, 1, new Generator(2)));
            md = registerModule("md", new ModuleDict(heads));
        }

        @Override
        public Tensor forward(Tensor input) {
            return lin.call(input);
        }
    }

    /** PyTorch's state_dict(prefix, keep_vars), add_module, and parameters(recurse=False). */
    @Test
    void portedDeviceCallsKeepTheModule() {
        Linear l = new Linear(2, 3);
        assertSame(l, l.cpu());
        assertSame(l, l.to("cpu"));
        assertThrows(IllegalArgumentException.class, () -> l.to("cuda"));
    }

    @Test
    void stateDictPrefixKeepVarsAndAddModule() {
        Sequential s = new Sequential(new Linear(2, 3, new Generator(3)));
        Linear extra = s.addModule("extra", new Linear(3, 1, new Generator(4)));
        assertEquals(List.of("m.0.weight", "m.0.bias", "m.extra.weight", "m.extra.bias"),
                new ArrayList<>(s.stateDict("m.", false).keySet()));
        assertSame(extra.weight, s.stateDict("", true).get("extra.weight"));
        assertTrue(s.stateDict().get("extra.weight") != extra.weight && !s.stateDict().get("extra.weight")
                .requiresGrad());
        assertEquals(0, s.parameters(false).size());
        assertEquals(2, extra.parameters(false).size());
    }

    @Test
    void namesAndOrdersAreTorchs() {
        M m = new M();
        assertEquals(List.of("rm", "lin.weight", "lin.bias", "pl.0", "pl.1", "pd.a", "pd.b", "md.y.weight",
                "md.y.bias"),
                new ArrayList<>(m.stateDict().keySet()));
        assertEquals(List.of("pe", "rm"), new ArrayList<>(m.namedBuffers().keySet()));
        assertEquals(List.of("lin.weight", "lin.bias", "pl.0", "pl.1", "pd.a", "pd.b", "md.y.weight", "md.y.bias"),
                new ArrayList<>(m.namedParameters().keySet()));
        assertEquals(List.of("", "lin", "pl", "pd", "md", "md.z", "md.y"), new ArrayList<>(m.namedModules().keySet()));
        assertEquals(7, m.modules().size());
        assertTrue(m.pl.get(0).requiresGrad() && m.pd.get("a").requiresGrad());
        // the state dict loads back strictly: the non-persistent buffer is neither expected nor written
        Tensor pe = m.getBuffer("pe");
        m.loadStateDict(m.stateDict());
        assertSame(pe, m.getBuffer("pe"));
        assertEquals("ParameterList(\n    (0): Parameter containing: [torch.float32 of size 1]\n"
                + "    (1): Parameter containing: [torch.float32 of size 2]\n)", m.pl.toString());
        assertEquals("ParameterDict(\n    (a): Parameter containing: [torch.FloatTensor of size 2]\n"
                + "    (b): Parameter containing: [torch.FloatTensor of size 1]\n)", m.pd.toString());
        assertEquals("ModuleDict(\n  (z): ReLU()\n  (y): Linear(in_features=1, out_features=1, bias=True)\n)",
                m.md.toString());
    }

    @Test
    void assignmentReplacesInPlace() {
        M m = new M();
        m.md.put("z", new Tanh());
        assertEquals(List.of("z", "y"), new ArrayList<>(m.md.keySet()));
        assertEquals("Tanh()", m.md.get("z").toString());
        Tensor w = Tensor.full(3f, 2);
        m.pl.set(1, w);
        assertSame(w, m.getParameter("pl.1"));
        assertEquals(List.of("pl.0", "pl.1"), m.namedParameters().keySet().stream().filter(k -> k.startsWith("pl"))
                .toList());
        var e = assertThrows(UnsupportedOperationException.class, () -> m.md.call(Tensor.ones(1)));
        assertTrue(e.getMessage().contains("ModuleDict has no forward"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.md.put("a.b", new ReLU()));
    }

    @Test
    void lookupsAndTheirErrorsAreTorchs() {
        M m = new M();
        assertSame(m.md.get("y"), m.getSubmodule("md.y"));
        assertSame(m, m.getSubmodule(""));
        Tensor w = m.getParameter("lin.weight");
        assertEquals(List.of(2, 2), List.of(w.size(0), w.size(1)));
        assertSame(m.md.get("y").parameters().get(1), m.getParameter("md.y.bias"));
        assertEquals(3, m.getBuffer("pe").numel());
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("sub:lin.x", "Linear has no attribute `x`");
        errors.put("sub:nope", "M has no attribute `nope`");
        errors.put("sub:lin.weight.x", "`weight` is not an nn.Module");
        errors.put("param:lin.x", "Linear has no attribute `x`");
        errors.put("param:rm", "`rm` is not an nn.Parameter");
        errors.put("param:lin", "`lin` is not an nn.Parameter");
        errors.put("buffer:lin.weight", "`weight` is not a buffer");
        errors.put("buffer:x.y", "M has no attribute `x`");
        errors.forEach((call, message) -> {
            String kind = call.substring(0, call.indexOf(':')), target = call.substring(call.indexOf(':') + 1);
            var e = assertThrows(IllegalArgumentException.class, () -> {
                switch (kind) {
                    case "sub" -> m.getSubmodule(target);
                    case "param" -> m.getParameter(target);
                    default -> m.getBuffer(target);
                }
            }, call);
            assertEquals(message, e.getMessage(), call);
        });
    }
}
