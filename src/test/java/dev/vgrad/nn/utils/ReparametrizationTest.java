package dev.vgrad.nn.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.KeyedFixture;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.BatchNorm1d;
import dev.vgrad.nn.BatchNorm2d;
import dev.vgrad.nn.Conv1d;
import dev.vgrad.nn.Conv2d;
import dev.vgrad.nn.ConvTranspose1d;
import dev.vgrad.nn.ConvTranspose2d;
import dev.vgrad.nn.LSTM;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * weight_norm, spectral_norm (hook and parametrization versions), parametrize and fusion against PyTorch 1.13
 * (scripts/torch_reparam_fixtures.py): the state dict's names in order and its values after each change, the
 * module's outputs and every parameter's gradient through forward steps (in training and eval mode), and what
 * removing the reparametrization leaves. Each module, its input and the reparametrization's draws come from one
 * generator seeded as torch was.
 */
class ReparametrizationTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws IOException {
        fx = KeyedFixture.load("/fixtures/torch_reparam.txt");
    }

    private static void assertClose(String key, Tensor got) {
        fx.assertClose(key, got, 2e-5f);
    }

    /** The state dict's names in torch's order, then each value. */
    private static void assertState(String prefix, Module m) {
        assertEquals(fx.names(prefix.replaceFirst("\\.([^.]+)$", ".keys.$1")), new ArrayList<>(m.stateDict().keySet()),
                prefix);
        m.stateDict().forEach((k, v) -> assertClose(prefix + "." + k, v));
    }

    /** y = m(x) through call (the hooks), loss sum(y^2), backward: y and every parameter's gradient. */
    private static void assertStep(String prefix, Module m, Tensor x) {
        m.zeroGrad(true);
        Tensor y = m.call(x);
        y.pow(2f).sum().backward();
        assertClose(prefix + ".y", y);
        m.namedParameters().forEach((k, p) -> {
            assertNotNull(p.grad(), prefix + " " + k);
            assertClose(prefix + ".grad." + k, p.grad());
        });
    }

    private static Tensor input(String c, Generator g, int... shape) {
        Tensor x = Tensor.randn(g, shape);
        assertClose(c + ".x", x);
        return x;
    }

    private static void weightNormCase(String c, int seed, java.util.function.Function<Generator, Module> make,
                                       Integer dim, String name, int... xShape) {
        Generator g = new Generator(seed);
        Module m = make.apply(g);
        Tensor x = input(c, g, xShape);
        assertState(c + ".init", m);
        Tensor old = m.tensorAttribute(name);
        WeightNorm.weightNorm(m, name, dim);
        assertState(c + ".applied", m);
        assertSame(old.sharedArray(), m.tensorAttribute(name + "_v").sharedArray(), "v shares the old storage");
        assertClose(c + ".applied.attr", m.tensorAttribute(name));
        assertStep(c + ".step", m, x);
        try (var noGrad = GradMode.noGrad()) {
            m.tensorAttribute(name + "_g").mul_(1.5f);
        }
        assertStep(c + ".scaled", m, x);
        WeightNorm.removeWeightNorm(m, name);
        assertState(c + ".removed", m);
        assertTrue(m.forwardPreHooks().isEmpty());
    }

    @Test
    void weightNormMatchesTorch() {
        weightNormCase("wn0", 11, g -> new Linear(5, 4, g), 0, "weight", 3, 5);
        weightNormCase("wnall", 12, g -> new Linear(5, 4, g), null, "weight", 3, 5);
        weightNormCase("wnlast", 13, g -> new Linear(5, 4, g), 1, "weight", 3, 5);
        weightNormCase("wnconv", 14, g -> new Conv2d(3, 4, 3, g), 1, "weight", 2, 3, 6, 5);
        weightNormCase("wnconv0", 15, g -> new Conv2d(2, 3, 2, 1, 0, 1, 1, false, g), 0, "weight", 1, 2, 4, 4);
        weightNormCase("wnlstm", 16, g -> new LSTM(3, 4, g), 0, "weight_hh_l0", 5, 2, 3);
    }

    @Test
    void linearFieldFollowsTheComputedWeight() {
        Linear lin = WeightNorm.weightNorm(new Linear(3, 2, new Generator(1)));
        assertSame(lin.tensorAttribute("weight"), lin.weight);
        Tensor before = lin.weight;
        lin.call(Tensor.ones(1, 3));
        assertFalse(before == lin.weight, "each call computes the weight anew");
        assertSame(lin.tensorAttribute("weight"), lin.weight);
        WeightNorm.removeWeightNorm(lin);
        assertSame(lin.getParameter("weight"), lin.weight);
    }

    private static void spectralNormCase(String c, int seed, java.util.function.Function<Generator, Module> make,
                                         int iterations, float eps, int... xShape) {
        Generator g = new Generator(seed);
        Module m = make.apply(g);
        Tensor x = input(c, g, xShape);
        assertState(c + ".init", m);
        SpectralNorm.spectralNorm(m, "weight", iterations, eps, null, g);
        assertState(c + ".applied", m);
        assertStep(c + ".train1", m, x);
        assertStep(c + ".train2", m, x);
        assertState(c + ".trained", m);
        m.eval();
        assertStep(c + ".eval", m, x);
        assertState(c + ".evaluated", m);
        SpectralNorm.removeSpectralNorm(m);
        assertState(c + ".removed", m);
    }

    @Test
    void spectralNormMatchesTorch() {
        spectralNormCase("sn", 21, g -> new Linear(6, 5, g), 1, 1e-12f, 3, 6);
        spectralNormCase("snconvt", 22, g -> new ConvTranspose2d(3, 4, 2, g), 3, 1e-12f, 2, 3, 3, 3);
        spectralNormCase("snconv", 23, g -> new Conv1d(2, 3, 3, g), 1, 1e-4f, 2, 2, 7);
    }

    /** torch's Symmetric example: the upper triangle mirrored. */
    static final class Symmetric extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.triu(0).add(x.triu(1).transpose(-1, -2));
        }
    }

    /** A parametrization with a parameter of its own and a right inverse. */
    static class Scale extends Module implements RightInverse {
        final Tensor s = registerParameter("s", Tensor.scalar(2f));

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(s);
        }

        @Override
        public Tensor rightInverse(Tensor a) {
            return a.div(2f);
        }
    }

    @Test
    void parametrizeMatchesTorch() {
        Generator g = new Generator(31);
        Linear m = new Linear(3, 3, g);
        Tensor x = input("param", g, 4, 3);
        assertState("param.init", m);
        Tensor original = m.weight;
        Parametrize.registerParametrization(m, "weight", new Symmetric());
        assertTrue(Parametrize.isParametrized(m) && Parametrize.isParametrized(m, "weight"));
        assertFalse(Parametrize.isParametrized(m, "bias"));
        assertState("param.sym", m);
        assertClose("param.sym.weight", m.weight);
        assertStep("param.sym", m, x);
        Parametrize.registerParametrization(m, "weight", new Scale());
        assertState("param.scaled", m);
        assertClose("param.scaled.weight", m.weight);
        assertStep("param.scaled", m, x);
        Parametrize.removeParametrizations(m, "weight", true);
        assertState("param.removed", m);
        assertSame(original, m.weight, "the original tensor itself is the parameter again");
        assertFalse(Parametrize.isParametrized(m));
        assertTrue(m.forwardPreHooks().isEmpty());

        g = new Generator(32);
        Linear n = new Linear(4, 2, g);
        x = input("inverse", g, 3, 4);
        assertState("inverse.init", n);
        Parametrize.registerParametrization(n, "bias", new Scale());
        assertState("inverse.applied", n);
        assertStep("inverse.step", n, x);
        Parametrize.removeParametrizations(n, "bias", false);
        assertState("inverse.removed", n);
    }

    private static void parametrizedSpectralNormCase(String c, int seed,
                                                     java.util.function.Function<Generator, Module> make,
                                                     int iterations, int... xShape) {
        Generator g = new Generator(seed);
        Module m = make.apply(g);
        Tensor x = input(c, g, xShape);
        assertState(c + ".init", m);
        Parametrizations.spectralNorm(m, "weight", iterations, 1e-12f, null, g);
        assertState(c + ".applied", m);
        assertStep(c + ".train1", m, x);
        assertStep(c + ".train2", m, x);
        assertState(c + ".trained", m);
        m.eval();
        assertStep(c + ".eval", m, x);
        Parametrize.removeParametrizations(m, "weight");
        assertState(c + ".removed", m);
    }

    @Test
    void parametrizedSpectralNormMatchesTorch() {
        parametrizedSpectralNormCase("psn", 41, g -> new Linear(5, 4, g), 1, 3, 5);
        parametrizedSpectralNormCase("psnconvt", 42, g -> new ConvTranspose1d(3, 2, 3, g), 2, 2, 3, 4);
    }

    @Test
    void fusionMatchesTorch() {
        Generator g = new Generator(51);
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1, 1, 1, false, g);
        BatchNorm2d bn = new BatchNorm2d(4);
        Tensor x = input("fuse", g, 2, 3, 5, 5);
        bn.call(conv.call(x));
        bn.call(conv.call(x.mul(2f)));
        assertThrows(IllegalArgumentException.class, () -> Fusion.fuseConvBnEval(conv, bn));
        conv.eval();
        bn.eval();
        Conv2d fused = Fusion.fuseConvBnEval(conv, bn);
        assertState("fuse.conv", conv);
        assertState("fuse.bn", bn);
        assertState("fuse.fused", fused);
        assertClose("fuse.y", fused.call(x));
        assertFalse(fused.isTraining());
        assertTrue(fused.weight.requiresGrad() && fused.bias.requiresGrad());

        g = new Generator(52);
        Linear lin = new Linear(5, 3, g);
        BatchNorm1d bn1 = new BatchNorm1d(3);
        x = input("fuselin", g, 4, 5);
        bn1.call(lin.call(x));
        lin.eval();
        bn1.eval();
        Linear fusedLinear = Fusion.fuseLinearBnEval(lin, bn1);
        assertState("fuselin.linear", lin);
        assertState("fuselin.bn", bn1);
        assertState("fuselin.fused", fusedLinear);
        assertClose("fuselin.y", fusedLinear.call(x));
    }

    private static void orthogonalCase(String c, int seed, java.util.function.Function<Generator, Module> make,
                                       String map, boolean trivialization, int... xShape) {
        Generator g = new Generator(seed);
        Module m = make.apply(g);
        assertState(c + ".init", m);
        Parametrizations.orthogonal(m, "weight", map, trivialization, g);
        Tensor x = input(c, g, xShape);
        assertState(c + ".applied", m);
        assertClose(c + ".applied.weight", m.tensorAttribute("weight"));
        assertStep(c + ".step", m, x);
        try (var noGrad = GradMode.noGrad()) {
            for (Tensor p : m.parameters()) {
                p.sub_(p.grad().mul(0.1f));
            }
        }
        assertClose(c + ".stepped.weight", Parametrize.parametrized(m, "weight"));
    }

    @Test
    void orthogonalMatchesTorch() {
        orthogonalCase("orthexp", 101, g -> new Linear(4, 4, g), null, true, 3, 4);
        orthogonalCase("orthcayley", 102, g -> new Linear(3, 3, g), "cayley", true, 2, 3);
        orthogonalCase("orthhouse", 103, g -> new Linear(5, 3, g), null, true, 2, 5);
        orthogonalCase("orthtall", 104, g -> new Linear(2, 4, g), "matrix_exp", true, 3, 2);
        orthogonalCase("orthnotriv", 105, g -> new Linear(4, 4, g), "householder", false, 2, 4);
        orthogonalCase("orthbatch", 106, g -> new Conv2d(2, 3, 2, g), "cayley", true, 1, 2, 3, 3);
    }

    @Test
    void functionalCallMatchesTorch() {
        Generator g = new Generator(91);
        Module m = new dev.vgrad.nn.Sequential(new Linear(4, 3, g), new BatchNorm1d(3), new dev.vgrad.nn.ReLU(),
                new Linear(3, 2, g));
        Tensor x = input("stateless", g, 5, 4);
        Tensor w0 = Tensor.randn(g, 3, 4).requiresGrad_(true);
        assertClose("stateless.w0", w0);
        assertState("stateless.init", m);
        Tensor ownWeight = m.getParameter("0.weight");
        Tensor rm = Tensor.full(0.5f, 3), nbt = Tensor.scalar(7f);
        Map<String, Tensor> swapped = new java.util.LinkedHashMap<>();
        swapped.put("0.weight", w0);
        swapped.put("1.running_mean", rm);
        swapped.put("1.num_batches_tracked", nbt);
        Tensor y = Stateless.functionalCall(m, swapped, x);
        y.pow(2f).sum().backward();
        assertClose("stateless.y", y);
        assertClose("stateless.w0grad", w0.grad());
        assertClose("stateless.rm", rm);
        assertClose("stateless.nbt", nbt);
        m.namedParameters().forEach((k, p) -> {
            if (fx.get("stateless.grad." + k).length == 0) {
                assertEquals(null, p.grad(), k);
            } else {
                assertClose("stateless.grad." + k, p.grad());
            }
        });
        assertState("stateless.after", m);
        assertSame(ownWeight, m.getParameter("0.weight"));
        assertSame(ownWeight, ((Linear) m.getSubmodule("0")).weight, "the layer's field is its own again");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.callWith(Map.of("0.weight", w0, "2.weight", w0), x));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
        assertSame(ownWeight, ((Linear) m.getSubmodule("0")).weight, "refused: nothing swapped");
    }

    /** Tied weights: one parameter under two names is listed once and stepped once, as in PyTorch. */
    @Test
    void tiedWeightsAreListedAndSteppedOnce() {
        Generator g = new Generator(7);
        dev.vgrad.nn.Embedding emb = new dev.vgrad.nn.Embedding(5, 4, g);
        Linear head = new Linear(4, 5, false, g);
        head.deleteAttribute("weight");
        head.registerParameter("weight", emb.weight);
        Module model = new dev.vgrad.nn.Sequential(emb, head);
        assertEquals(fx.names("tied.keys.state"), new ArrayList<>(model.stateDict().keySet()));
        assertEquals(fx.names("tied.keys.named"), new ArrayList<>(model.namedParameters().keySet()));
        assertEquals(2, model.namedParameters("", true, false).size());
        dev.vgrad.optim.SGD opt = new dev.vgrad.optim.SGD(model.parameters(), 0.5f);
        Tensor loss = dev.vgrad.nn.Functional.crossEntropy(model.call(Tensor.of(0f, 3f, 1f)), Tensor.of(1f, 2f, 3f));
        loss.backward();
        assertClose("tied.loss", loss);
        assertClose("tied.grad", emb.weight.grad());
        opt.step();
        assertClose("tied.stepped", emb.weight);
    }

    /** The fused layer computes what the layer and the batch norm did, for the kinds the fixture does not cover. */
    @Test
    void fusedLayersMatchTheLayerThenTheNorm() {
        Generator g = new Generator(53);
        Module[][] pairs = {
            {new ConvTranspose2d(3, 4, 3, 2, 1, 1, 1, true, 1, g), new BatchNorm2d(4)},
            {new Conv1d(3, 4, 3, 1, "same", 2, 1, false, g), new BatchNorm1d(4)},
            {new Conv2d(4, 6, 3, 1, 0, 1, 2, true, g), new BatchNorm2d(6)},
        };
        Tensor[] inputs = {Tensor.randn(g, 2, 3, 4, 5), Tensor.randn(g, 2, 3, 9), Tensor.randn(g, 2, 4, 6, 5)};
        for (int i = 0; i < pairs.length; i++) {
            Module layer = pairs[i][0];
            dev.vgrad.nn.BatchNorm bn = (dev.vgrad.nn.BatchNorm) pairs[i][1];
            bn.call(layer.call(inputs[i]));
            layer.eval();
            bn.eval();
            Module fused = Fusion.fuseConvBnEval(layer, bn, layer instanceof ConvTranspose2d);
            assertEquals(layer.getClass(), fused.getClass());
            assertEquals(layer.toString().replace(", bias=False", ""), fused.toString());
            float[] want = bn.call(layer.call(inputs[i])).toArray(), got = fused.call(inputs[i]).toArray();
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], got[k], 1e-5f * Math.abs(want[k]) + 1e-5f, layer + " [" + k + "]");
            }
        }
    }

    @Test
    void refusalsNameTheProblemAndChangeNothing() {
        Linear lin = new Linear(3, 2, new Generator(2));
        Map<String, Tensor> before = lin.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightNorm.weightNorm(lin, "wieght", 0));
        assertTrue(e.getMessage().contains("wieght"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightNorm.weightNorm(lin, "weight", 2));
        assertTrue(e.getMessage().contains("got 2"), e.getMessage());
        assertEquals(before.keySet(), lin.stateDict().keySet());
        WeightNorm.weightNorm(lin);
        assertThrows(IllegalStateException.class, () -> WeightNorm.weightNorm(lin));
        assertThrows(IllegalArgumentException.class, () -> WeightNorm.removeWeightNorm(lin, "bias"));
        assertThrows(IllegalArgumentException.class, () -> SpectralNorm.spectralNorm(lin, "bias", 0, 1e-12f, null,
                new Generator(0)));

        Linear sq = new Linear(3, 2, new Generator(3));
        float[] w = sq.weight.toArray();
        Module toSquare = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x.t().matmul(x);
            }
        };
        e = assertThrows(IllegalArgumentException.class,
                () -> Parametrize.registerParametrization(sq, "weight", toSquare));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 3]"), e.getMessage());
        assertFalse(Parametrize.isParametrized(sq));
        assertSame(sq.getParameter("weight"), sq.weight);
        assertEquals(List.of("weight", "bias"), new ArrayList<>(sq.stateDict().keySet()));
        Module halving = new Scale() {
            @Override
            public Tensor forward(Tensor x) {
                return x.t().matmul(x);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Parametrize.registerParametrization(sq, "weight", halving));
        org.junit.jupiter.api.Assertions.assertArrayEquals(w, sq.weight.toArray(), "refused: the weight as it was");
        e = assertThrows(IllegalArgumentException.class,
                () -> Parametrize.registerParametrization(sq, "nothing", new Symmetric()));
        assertTrue(e.getMessage().contains("'nothing'"), e.getMessage());
    }

    /** transfer_parametrizations_and_params: the same parametrizations and the same original on the other module. */
    @Test
    void transferSharesTheParametrizationsAndTheOriginal() {
        Linear a = new Linear(3, 3, new Generator(3)), b = new Linear(3, 3, new Generator(4));
        Symmetric sym = new Symmetric();
        Parametrize.registerParametrization(a, "weight", sym);
        Parametrize.transferParametrizationsAndParams(a, b);
        assertEquals(List.of("bias", "parametrizations.weight.original"), new ArrayList<>(b.stateDict().keySet()));
        assertSame(a.getParameter("parametrizations.weight.original"),
                b.getParameter("parametrizations.weight.original"));
        assertSame(sym, b.getSubmodule("parametrizations.weight.0"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.weight.toArray(), b.weight.toArray());
        Module empty = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        };
        Parametrize.transferParametrizationsAndParams(a, empty, "weight");
        assertEquals(List.of("parametrizations.weight.original"), new ArrayList<>(empty.stateDict().keySet()));
        assertEquals(Linear.class, Parametrize.typeBeforeParametrizations(a));
    }

    /** A right inverse may change the original's shape (the same tensor still, through set_) when forward undoes it. */
    @Test
    void anOriginalOfAnotherShapeStaysTheSameTensor() {
        Module transposing = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return x.reshape(3, 2);
            }
        };
        class Flat extends Module implements RightInverse {
            @Override
            public Tensor forward(Tensor x) {
                return x.reshape(2, 3);
            }

            @Override
            public Tensor rightInverse(Tensor value) {
                return value.reshape(-1).mul(1f);
            }
        }
        Linear lin = new Linear(3, 2, new Generator(6));
        Tensor original = lin.weight;
        float[] w = original.toArray();
        Parametrize.registerParametrization(lin, "weight", new Flat());
        assertSame(original, lin.getParameter("parametrizations.weight.original"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {6}, original.shape());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 3}, lin.weight.shape());
        lin.call(Tensor.ones(1, 3)).sum().backward();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, original.grad().toArray());
        Parametrize.removeParametrizations(lin, "weight");
        assertSame(original, lin.weight);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 3}, original.shape());
        org.junit.jupiter.api.Assertions.assertArrayEquals(w, original.toArray());
        assertThrows(IllegalArgumentException.class,
                () -> Parametrize.registerParametrization(lin, "weight", transposing));
    }

    /** A module of one's own that keeps a tensor in a final field is refused before anything changes. */
    @Test
    void aFinalFieldIsRefusedByName() {
        class Scaled extends Module {
            final Tensor weight = registerParameter("weight", Tensor.ones(2, 2));

            @Override
            public Tensor forward(Tensor x) {
                return x.matmul(weight);
            }
        }
        Scaled m = new Scaled();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeightNorm.weightNorm(m));
        assertTrue(e.getMessage().contains("final field 'weight'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Parametrize.registerParametrization(m, "weight",
                new Symmetric()));
        assertThrows(IllegalStateException.class, () -> m.deleteAttribute("weight"));
        assertEquals(List.of("weight"), new ArrayList<>(m.stateDict().keySet()));
        assertTrue(m.forwardPreHooks().isEmpty());
    }

    @Test
    void cachedEvaluatesOnceAndAssignGoesThroughTheRightInverse() {
        int[] evaluations = {0};
        Module counting = new Module() {
            @Override
            public Tensor forward(Tensor x) {
                evaluations[0]++;
                return x.mul(3f);
            }
        };
        Linear lin = Parametrize.registerParametrization(new Linear(2, 2, new Generator(4)), "weight", counting);
        int registered = evaluations[0];
        try (var c = Parametrize.cached()) {
            lin.call(Tensor.ones(1, 2));
            lin.call(Tensor.ones(1, 2));
            Parametrize.parametrized(lin, "weight");
        }
        assertEquals(registered + 1, evaluations[0]);
        lin.call(Tensor.ones(1, 2));
        assertEquals(registered + 2, evaluations[0]);
        assertThrows(IllegalStateException.class, () -> Parametrize.assign(lin, "weight", Tensor.ones(2, 2)));

        Linear scaled = Parametrize.registerParametrization(new Linear(2, 2, new Generator(5)), "weight",
                new Scale());
        Parametrize.assign(scaled, "weight", Tensor.full(8f, 2, 2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {4, 4, 4, 4},
                ((ParametrizationList) scaled.getSubmodule("parametrizations.weight")).original.toArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {8, 8, 8, 8}, scaled.weight.toArray());
    }
}
