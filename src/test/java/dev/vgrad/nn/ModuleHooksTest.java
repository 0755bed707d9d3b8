package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.RemovableHandle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forward pre-hooks, forward hooks and full backward hooks against PyTorch 1.13's (scripts/torch_hooks_fixtures.py):
 * what they see, what their replacements do to the output and the gradients, hooks on layers inside a transformer
 * encoder, and PyTorch's refusals.
 */
class ModuleHooksTest {
    private static Map<String, float[]> fx;

    @BeforeAll
    static void load() throws IOException {
        fx = new HashMap<>();
        TorchFixturesTestAccess.keyedValues("/fixtures/torch_hooks.txt").forEach((k, v) -> {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            fx.put(k, f);
        });
    }

    private static void loadState(Module m, String prefix) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> state.put(k, Tensor.of(fx.get(prefix + k), v.shape())));
        m.loadStateDict(state);
    }

    private static void assertClose(String key, Tensor got) {
        float[] want = fx.get(key);
        if (want == null) {
            fail("the fixture has no " + key);
        }
        float[] g = got.toArray();
        assertEquals(want.length, g.length, key);
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - g[i]) <= 1e-5f * Math.abs(want[i]) + 1e-5f)) {
                fail(key + "[" + i + "]: PyTorch " + want[i] + ", vgrad " + g[i] + "\nPyTorch " + Arrays.toString(want)
                        + "\nvgrad   " + Arrays.toString(g));
            }
        }
    }

    private static Sequential mlp() {
        Sequential model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        loadState(model, "mlp.init.");
        return model;
    }

    @Test
    void hooksChangeWhatTheModelComputesAsPyTorchs() {
        Sequential model = mlp();
        Map<String, Tensor> seen = new HashMap<>();
        model.get(0).registerForwardPreHook((m, in) -> in.mul(2f));
        model.get(1).registerForwardHook((m, in, out) -> out.add(1f));
        model.get(2).registerFullBackwardHook((m, gi, go) -> {
            seen.put("bh2.gi", gi);
            seen.put("bh2.go", go);
            return gi.mul(3f);
        });
        model.get(0).registerFullBackwardHook((m, gi, go) -> {
            assertSame(model.get(0), m);
            seen.put("bh0.gi", gi);
            seen.put("bh0.go", go);
            return null;
        });
        Tensor x = Tensor.of(fx.get("mlp.x"), 5, 3).requiresGrad_();
        for (String tag : List.of("mlp", "nograd")) {
            model.zeroGrad(true);
            seen.clear();
            Tensor input = tag.equals("mlp") ? x : x.detach();
            Tensor y = model.call(input);
            assertEquals("BackwardHookFunctionBackward", y.gradFn().name());
            y.pow(2f).sum().backward();
            assertClose(tag + ".y", y);
            if (input.requiresGrad()) {
                assertClose(tag + ".xgrad", x.grad());
                assertClose(tag + ".bh0.gi", seen.get("bh0.gi"));
            } else {
                assertTrue(seen.containsKey("bh0.go") && seen.get("bh0.gi") == null, "no input gradient: " + seen);
            }
            model.namedParameters().forEach((k, p) -> assertClose(tag + ".grad." + k, p.grad()));
            for (String k : List.of("bh0.go", "bh2.gi", "bh2.go")) {
                assertClose(tag + "." + k, seen.get(k));
            }
        }
    }

    @Test
    void hooksOnLayersInsideAnEncoderRunAsPyTorchs() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0f, new Generator(1));
        TransformerEncoder model = new TransformerEncoder(layer, 2);
        loadState(model, "encoder.init.");
        Tensor x = Tensor.of(fx.get("encoder.x"), 4, 3, 8);
        Tensor plain = model.call(x);
        Map<String, Tensor> seen = new HashMap<>();
        TransformerEncoderLayer first = (TransformerEncoderLayer) model.layers.get(0);
        // linear1 sits inside the feed-forward block, which runs as one fused op when nothing watches its layers
        first.namedChildren().get("linear1").registerForwardHook((m, in, out) -> seen.put("linear1", out));
        model.layers.get(1).registerForwardHook((m, in, out) -> seen.put("layer1", out));
        Tensor y = model.call(x);
        assertClose("encoder.y", y);
        assertClose("encoder.y", plain);
        assertClose("encoder.linear1", seen.get("linear1"));
        assertClose("encoder.layer1", seen.get("layer1"));
    }

    /**
     * Encoder and decoder layers write each residual sum over its sublayer's result only where no hook has seen that
     * result: an output a hook kept (an attention, its out_proj, a dropout after it, linear2; both norm orders) keeps
     * the values it had when the hook saw it, and the layer's output is the same bits with the hook as without;
     * sequence-first and batch-first (whose attention output is contiguous, not a transposed view).
     */
    @Test
    void outputsHooksKeepAreNotOverwrittenByTheResidualSums() {
        Tensor x = Tensor.randn(new Generator(4), 5, 3, 8), memory = Tensor.randn(new Generator(5), 6, 3, 8);
        for (boolean batchFirst : new boolean[] {false, true}) {
            Tensor in = batchFirst ? x.transpose(0, 1).contiguous() : x;
            Tensor mem = batchFirst ? memory.transpose(0, 1).contiguous() : memory;
            for (boolean normFirst : new boolean[] {false, true}) {
                for (String hooked : List.of("self_attn", "self_attn.out_proj", "dropout1", "linear2", "dropout2")) {
                    TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0f, "relu", 1e-5f,
                            batchFirst, normFirst, new Generator(3));
                    assertHookedOutputKept(layer, hooked, () -> layer.forward(in), normFirst);
                }
                for (String hooked : List.of("self_attn", "self_attn.out_proj", "multihead_attn",
                        "multihead_attn.out_proj", "dropout2", "linear2", "dropout3")) {
                    TransformerDecoderLayer layer = new TransformerDecoderLayer(8, 2, 16, 0f, "relu", 1e-5f,
                            batchFirst, normFirst, new Generator(3));
                    assertHookedOutputKept(layer, hooked, () -> layer.forward(in, mem, null, null, null, null),
                            normFirst);
                }
            }
        }
    }

    private static void assertHookedOutputKept(Module layer, String hooked, java.util.function.Supplier<Tensor> run,
                                               boolean normFirst) {
        float[] plain = run.get().toArray();
        Module target = layer.getSubmodule(hooked);
        Tensor[] kept = new Tensor[1];
        float[][] seenThen = new float[1][];
        target.registerForwardHook((m, in, out) -> {
            kept[0] = out;
            seenThen[0] = out.toArray();
            return null;
        });
        float[] withHook = run.get().toArray();
        String where = layer.getClass().getSimpleName() + ", " + hooked + (normFirst ? ", pre-norm" : ", post-norm");
        assertArrayEquals(seenThen[0], kept[0].toArray(), 0f, where);
        assertArrayEquals(plain, withHook, 0f, where);
    }

    @Test
    void forwardSkipsTheHooksAndHandlesRemoveTheirOwnRegistration() {
        Linear layer = new Linear(3, 2, new Generator(4));
        Tensor x = Tensor.randn(new Generator(5), 2, 3);
        List<String> calls = new ArrayList<>();
        ForwardHook count = (m, in, out) -> {
            calls.add("forward");
            return null;
        };
        RemovableHandle first = layer.registerForwardHook(count);
        RemovableHandle second = layer.registerForwardHook(count);
        layer.registerForwardPreHook((m, in) -> {
            calls.add("pre");
            return null;
        });
        layer.forward(x);
        assertEquals(List.of(), calls);
        layer.call(x);
        assertEquals(List.of("pre", "forward", "forward"), calls);
        first.remove();
        first.remove();
        calls.clear();
        layer.call(x);
        assertEquals(List.of("pre", "forward"), calls);
        second.remove();
        calls.clear();
        assertEquals(Arrays.toString(layer.forward(x).toArray()), Arrays.toString(layer.call(x).toArray()));
        assertEquals(List.of("pre"), calls);
    }

    @Test
    void forwardHooksSeeThePreHooksInputAndChainTheirOutputs() {
        Linear layer = new Linear(3, 2, new Generator(4));
        Tensor x = Tensor.randn(new Generator(5), 2, 3);
        Tensor[] seenInput = new Tensor[1];
        layer.registerForwardPreHook((m, in) -> in.neg());
        layer.registerForwardHook((m, in, out) -> {
            seenInput[0] = in;
            return out.mul(2f);
        });
        layer.registerForwardHook((m, in, out) -> out.add(1f));
        Tensor y = layer.call(x);
        assertEquals(Arrays.toString(x.neg().toArray()), Arrays.toString(seenInput[0].toArray()));
        assertEquals(Arrays.toString(layer.forward(x.neg()).mul(2f).add(1f).toArray()), Arrays.toString(y.toArray()));
    }

    @Test
    void backwardHooksRefuseWhatPyTorchRefuses() {
        Linear layer = new Linear(3, 2, new Generator(4));
        Tensor x = Tensor.randn(new Generator(5), 4, 3);
        RemovableHandle h = layer.registerFullBackwardHook((m, gi, go) -> go);
        var e = assertThrows(IllegalStateException.class, () -> layer.call(x).sum().backward());
        assertTrue(e.getMessage().contains("Backward hook for Modules where no input requires gradient should always "
                + "return None or None for all gradients."), e.getMessage());
        h.remove();
        layer.registerFullBackwardHook((m, gi, go) -> gi.narrow(0, 0, 1));
        Tensor xg = x.detach().requiresGrad_();
        e = assertThrows(IllegalStateException.class, () -> layer.call(xg).sum().backward());
        assertTrue(e.getMessage().startsWith("hook 'hook' has changed the size of value") && e.getMessage().contains(
                "[1, 3]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        assertNull(xg.grad());
        try (var off = GradMode.noGrad()) {
            assertNull(layer.call(xg).gradFn(), "no identity nodes without grad mode");
        }
        assertThrows(IllegalArgumentException.class, () -> layer.registerForwardHook(null));
    }
}
