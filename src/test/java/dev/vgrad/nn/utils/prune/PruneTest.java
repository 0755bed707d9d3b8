package dev.vgrad.nn.utils.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.KeyedFixture;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.BatchNorm1d;
import dev.vgrad.nn.Conv2d;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * torch.nn.utils.prune against PyTorch 1.13's run of the same programs ({@code scripts/torch_prune_fixtures.py}): each
 * method's masks, alone and pruning again through the container, the random ones' draws under a seed, global pruning,
 * the module's layout after pruning and after remove, forward and gradients through the mask, training; and the
 * refusals, each leaving the module as it was.
 */
class PruneTest {
    private static KeyedFixture fx;
    private Generator.State saved;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_prune.txt");
    }

    @BeforeEach
    void keepDefaultGenerator() {
        saved = Generator.defaultGenerator().getState();
    }

    @AfterEach
    void restoreDefaultGenerator() {
        Generator.defaultGenerator().setState(saved);
    }

    private static void seed(long s) {
        Generator.defaultGenerator().manualSeed(s);
    }

    private static void set(Tensor param, String key) {
        try (var s = GradMode.noGrad()) {
            param.copy_(fx.tensor(key));
        }
    }

    private static void layout(String key, Module m) {
        assertEquals(fx.names(key + ".params.keys"), List.copyOf(m.namedParameters().keySet()), key);
        assertEquals(fx.names(key + ".buffers.keys"), List.copyOf(m.namedBuffers().keySet()), key);
        assertEquals(fx.names(key + ".state.keys"), List.copyOf(m.stateDict().keySet()), key);
    }

    private static List<String> hookNames(Module m) {
        List<String> out = new ArrayList<>();
        for (ForwardPreHook h : m.forwardPreHooks()) {
            out.add(h.getClass().getSimpleName());
        }
        return out;
    }

    private static List<String> memberNames(Module m) {
        List<String> out = new ArrayList<>();
        for (BasePruningMethod b : (PruningContainer) m.forwardPreHooks().get(0)) {
            out.add(b.getClass().getSimpleName());
        }
        return out;
    }

    @Test
    void l1PruningOfALinearWeightAsTorchs() {
        Linear m = new Linear(6, 4);
        set(m.weight, "l1.w0");
        set(m.bias, "l1.b0");
        Tensor weight = m.weight;
        assertFalse(Prune.isPruned(m));
        Prune.l1Unstructured(m, "weight", 0.3);
        assertTrue(Prune.isPruned(m));
        fx.assertMatches("l1.mask", m.tensorAttribute("weight_mask"), 0f);
        layout("l1", m);
        assertSame(weight, m.tensorAttribute("weight_orig"), "weight_orig is the parameter itself");
        assertEquals(fx.names("l1.gradfn.keys").get(0), m.weight.gradFn().name());
        Tensor y = m.call(fx.tensor("l1.x"));
        fx.assertMatches("l1.y", y, 1e-5f);
        y.mul(fx.tensor("l1.g")).sum().backward();
        fx.assertMatches("l1.grad_orig", weight.grad(), 1e-5f);
        fx.assertMatches("l1.grad_bias", m.bias.grad(), 1e-5f);

        Prune.remove(m, "weight");
        layout("l1.removed", m);
        assertSame(weight, m.weight, "remove keeps the parameter's identity");
        assertTrue(m.weight.requiresGrad());
        fx.assertMatches("l1.removed.weight", m.weight, 0f);
        assertFalse(Prune.isPruned(m));
        assertEquals(List.of(), m.forwardPreHooks());
    }

    @Test
    void pruningAgainPrunesWhatIsLeftAsTorchs() {
        Conv2d c = new Conv2d(3, 5, 3);
        set(c.weight, "iter.w0");
        set(c.bias, "iter.b0");
        Prune.l1Unstructured(c, "weight", 7);
        fx.assertMatches("iter.mask1", c.tensorAttribute("weight_mask"), 0f);
        Prune.l1Unstructured(c, "weight", 0.5);
        fx.assertMatches("iter.mask2", c.tensorAttribute("weight_mask"), 0f);
        Prune.lnStructured(c, "weight", 2, 2, 0);
        fx.assertMatches("iter.mask3", c.tensorAttribute("weight_mask"), 0f);
        Prune.l1Unstructured(c, "bias", 0.4);
        fx.assertMatches("iter.bias_mask", c.tensorAttribute("bias_mask"), 0f);
        layout("iter", c);
        fx.assertMatches("iter.y", c.call(fx.tensor("iter.x")), 1e-5f);
        List<String> methods = new ArrayList<>(hookNames(c));
        methods.addAll(memberNames(c));
        assertEquals(fx.names("iter.methods.keys"), methods);
    }

    @Test
    void randomMethodsDrawWhatTorchDrawsUnderASeed() {
        Linear r = new Linear(7, 5);
        set(r.weight, "rand.w0");
        seed(5);
        Prune.randomUnstructured(r, "weight", 0.4);
        fx.assertMatches("rand.mask1", r.tensorAttribute("weight_mask"), 0f);
        seed(6);
        Prune.randomUnstructured(r, "weight", 0.5);
        fx.assertMatches("rand.mask2", r.tensorAttribute("weight_mask"), 0f);

        Conv2d c = new Conv2d(4, 6, 2);
        set(c.weight, "rstruct.w0");
        seed(7);
        Prune.randomStructured(c, "weight", 0.5, 0);
        fx.assertMatches("rstruct.mask1", c.tensorAttribute("weight_mask"), 0f);
        seed(8);
        Prune.randomStructured(c, "weight", 1, 1);
        fx.assertMatches("rstruct.mask2", c.tensorAttribute("weight_mask"), 0f);
        seed(9);
        Prune.randomStructured(c, "weight", 0.34, -1);
        fx.assertMatches("rstruct.mask3", c.tensorAttribute("weight_mask"), 0f);
        Prune.lnStructured(c, "weight", 1, 1, 0);
        fx.assertMatches("rstruct.mask4", c.tensorAttribute("weight_mask"), 0f);
    }

    @Test
    void lnStructuredRanksChannelsByTorchsNorms() {
        Tensor t = fx.tensor("ln.t");
        double inf = Double.POSITIVE_INFINITY;
        Object[][] cases = {{1.0, 0, 0.4}, {2.0, 0, 2}, {inf, 1, 1}, {-inf, -3, 0.5}, {0.5, 2, 1}, {3.0, -4, 0.6},
                {0.0, 3, 2}, {2.0, 1, 0}};
        for (int i = 0; i < cases.length; i++) {
            LnStructured ln = new LnStructured((Number) cases[i][2], (Double) cases[i][0], (Integer) cases[i][1]);
            fx.assertMatches("ln." + i, ln.computeMask(t, t.onesLike()), 0f);
        }
        Tensor t3 = fx.tensor("ln.t3");
        fx.assertMatches("ln.nuc", new LnStructured(2, "nuc", 0).computeMask(t3, t3.onesLike()), 0f);
        fx.assertMatches("ln.fro3", new LnStructured(0.5, "fro", 0).computeMask(t3, t3.onesLike()), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LnStructured(1, "fro", 0).computeMask(t, t.onesLike()));
        assertEquals(fx.names("ln.fro4.error.keys").get(0).replace("~", " "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LnStructured(1, "nuc", 0).computeMask(t, t.onesLike()));
        assertThrows(IllegalArgumentException.class, () -> new LnStructured(1, "max"));
    }

    @Test
    void customMasksMultiply() {
        Linear m = new Linear(4, 3);
        Prune.customFromMask(m, "bias", Tensor.of(0f, 1f, 1f));
        Prune.customFromMask(m, "bias", Tensor.of(1f, 0f, 1f));
        fx.assertMatches("custom.bias_mask", m.tensorAttribute("bias_mask"), 0f);
        assertEquals(fx.names("custom.methods.keys"), memberNames(m));
        float[] orig = m.tensorAttribute("bias_orig").toArray();
        assertArrayEquals(new float[] {0 * orig[0], 0 * orig[1], orig[2]}, m.bias.toArray());
    }

    @Test
    void globalPruningRanksAcrossModulesAsTorchs() {
        Linear l1 = new Linear(5, 4), l2 = new Linear(4, 3);
        set(l1.weight, "global.w1");
        set(l1.bias, "global.b1");
        set(l2.weight, "global.w2");
        Prune.l1Unstructured(l2, "weight", 0.25);
        fx.assertMatches("global.mask2_before", l2.tensorAttribute("weight_mask"), 0f);
        Map.Entry<Module, String> b1 = Map.entry(l1, "bias");
        Prune.globalUnstructured(List.of(Map.entry(l1, "weight"), b1, Map.entry(l2, "weight")),
                new L1Unstructured(0.3), Map.of(b1, fx.tensor("global.scores")));
        fx.assertMatches("global.mask_w1", l1.tensorAttribute("weight_mask"), 0f);
        fx.assertMatches("global.mask_b1", l1.tensorAttribute("bias_mask"), 0f);
        fx.assertMatches("global.mask_w2", l2.tensorAttribute("weight_mask"), 0f);
        assertEquals(fx.names("global.methods2.keys"), memberNames(l2));

        Linear g1 = new Linear(3, 4), g2 = new Linear(4, 2);
        seed(10);
        Prune.globalUnstructured(List.of(Map.entry(g1, "weight"), Map.entry(g2, "weight")), new RandomUnstructured(5));
        fx.assertMatches("global_rand.mask1", g1.tensorAttribute("weight_mask"), 0f);
        fx.assertMatches("global_rand.mask2", g2.tensorAttribute("weight_mask"), 0f);
    }

    @Test
    void pruneOnATensorAsTorchs() {
        Tensor t = fx.tensor("direct.t");
        fx.assertMatches("direct.l1", new L1Unstructured(0.5).prune(t), 0f);
        fx.assertMatches("direct.l1_dm", new L1Unstructured(3).prune(t, fx.tensor("direct.dm"), null), 0f);
        fx.assertMatches("direct.l1_imp", new L1Unstructured(0.25).prune(t, null, fx.tensor("direct.imp")), 0f);
        seed(12);
        fx.assertMatches("direct.rs", new RandomStructured(0.5, 1).prune(t), 0f);
        assertThrows(IllegalArgumentException.class, () -> new L1Unstructured(1).prune(t, null, Tensor.ones(4, 3)));
    }

    @Test
    void sharesRoundHalfToEvenAsPython() {
        Tensor t = fx.tensor("round.t");
        Object[][] cases = {{"half", 0.5}, {"three", 0.3}, {"tenth", 0.1}, {"all", 1.0}, {"one", 1}};
        for (Object[] c : cases) {
            fx.assertMatches("round." + c[0], new L1Unstructured((Number) c[1]).computeMask(t, t.onesLike()), 0f);
        }
        // A float share reads as the decimal written: 0.3f of 5 is 1.5, which rounds to 2 as 0.3 does.
        fx.assertMatches("round.three", new L1Unstructured(0.3f).computeMask(t, t.onesLike()), 0f);
    }

    @Test
    void aPrunedLayerTrainsAsTorchs() {
        Linear m = new Linear(6, 4);
        set(m.weight, "train.w0");
        set(m.bias, "train.b0");
        SGD opt = new SGD(m.parameters(), 0.1f);
        Prune.l1Unstructured(m, "weight", 0.5);
        Tensor x = fx.tensor("train.x"), target = fx.tensor("train.t");
        for (int step = 0; step < 2; step++) {
            opt.zeroGrad();
            Tensor loss = Functional.mseLoss(m.call(x), target);
            loss.backward();
            opt.step();
            fx.assertMatches("train.loss" + step, loss, 1e-5f);
        }
        fx.assertMatches("train.orig", m.tensorAttribute("weight_orig"), 1e-5f);
        fx.assertMatches("train.bias", m.bias, 1e-5f);
        m.call(x);
        fx.assertMatches("train.weight", m.weight, 1e-5f);
    }

    @Test
    void aPrunedStateDictLoadsIntoAPrunedModule() {
        Linear a = Prune.l1Unstructured(new Linear(5, 3, new Generator(1)), "weight", 0.4);
        Linear b = Prune.identity(new Linear(5, 3, new Generator(2)), "weight");
        b.loadStateDict(a.stateDict());
        Tensor x = Tensor.randn(new Generator(3), 2, 5);
        assertArrayEquals(a.call(x).toArray(), b.call(x).toArray());
    }

    @Test
    void refusedAmountsAndTargetsLeaveTheModuleAsItWas() {
        Linear m = new Linear(3, 2);
        Tensor weight = m.weight, bias = m.bias;
        assertEquals("amount=-1 should either be a float in the range [0, 1] or a non-negative integer",
                assertThrows(IllegalArgumentException.class, () -> new L1Unstructured(-1)).getMessage());
        assertEquals("amount=1.5 should either be a float in the range [0, 1] or a non-negative integer",
                assertThrows(IllegalArgumentException.class, () -> new L1Unstructured(1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L1Unstructured(Double.NaN));
        assertEquals("amount=7 should be smaller than the number of parameters to prune=6",
                assertThrows(IllegalArgumentException.class, () -> Prune.l1Unstructured(m, "weight", 7)).getMessage());
        assertEquals("Structured pruning can only be applied to multidimensional tensors. Found tensor of shape [2] "
                + "with 1 dims", assertThrows(IllegalArgumentException.class,
                        () -> Prune.lnStructured(m, "bias", 1, 2, 0)).getMessage());
        assertEquals("Invalid index 2 for tensor of size [2, 3]", assertThrows(IllegalArgumentException.class,
                () -> Prune.lnStructured(m, "weight", 1, 2, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Prune.randomStructured(m, "weight", 1, -3));
        assertThrows(IllegalArgumentException.class,
                () -> Prune.l1Unstructured(m, "weight", 0.3, Tensor.ones(3)));
        assertThrows(IllegalArgumentException.class, () -> Prune.l1Unstructured(m, "nothing", 0.3));
        assertEquals("Parameter 'weight' of module " + m + " has to be pruned before pruning can be removed",
                assertThrows(IllegalArgumentException.class, () -> Prune.remove(m, "weight")).getMessage());
        assertEquals(List.of("weight", "bias"), List.copyOf(m.namedParameters().keySet()));
        assertSame(weight, m.weight);
        assertSame(bias, m.bias);
        assertEquals(List.of(), m.forwardPreHooks());
        assertTrue(m.namedBuffers().isEmpty());

        BatchNorm1d bn = new BatchNorm1d(3);
        assertThrows(IllegalArgumentException.class, () -> Prune.l1Unstructured(bn, "running_mean", 0.3));
    }

    @Test
    void aRefusedSecondPruningKeepsTheFirst() {
        Linear m = Prune.l1Unstructured(new Linear(3, 2), "weight", 2);
        Tensor mask = m.tensorAttribute("weight_mask");
        ForwardPreHook hook = m.forwardPreHooks().get(0);
        // Four entries are left: six is too many.
        assertThrows(IllegalArgumentException.class, () -> Prune.l1Unstructured(m, "weight", 6));
        assertSame(mask, m.tensorAttribute("weight_mask"));
        assertEquals(List.of(hook), m.forwardPreHooks());
        assertNull(((BasePruningMethod) hook).dim());
        Prune.l1Unstructured(m, "weight", 4);
        assertEquals(0f, m.tensorAttribute("weight_mask").sum().item());
    }

    @Test
    void globalPruningChecksEverythingFirst() {
        Linear a = new Linear(3, 2), b = new Linear(2, 2);
        List<Map.Entry<Module, String>> twice = List.of(Map.entry(a, "weight"), Map.entry(a, "weight"));
        assertThrows(IllegalArgumentException.class, () -> Prune.globalUnstructured(twice, new L1Unstructured(1)));
        List<Map.Entry<Module, String>> unknown = List.of(Map.entry(a, "weight"), Map.entry(b, "gamma"));
        assertThrows(IllegalArgumentException.class, () -> Prune.globalUnstructured(unknown, new L1Unstructured(1)));
        List<Map.Entry<Module, String>> both = List.of(Map.entry(a, "weight"), Map.entry(b, "weight"));
        assertThrows(IllegalArgumentException.class, () -> Prune.globalUnstructured(both, new L1Unstructured(11)));
        assertThrows(IllegalArgumentException.class,
                () -> Prune.globalUnstructured(both, new LnStructured(1, 2.0, 0)));
        assertThrows(IllegalArgumentException.class, () -> Prune.globalUnstructured(both, new L1Unstructured(1),
                Map.of(Map.entry(b, "weight"), Tensor.ones(4))));
        assertFalse(Prune.isPruned(a));
        assertFalse(Prune.isPruned(b));
    }

    @Test
    void aMethodPrunesOneTensorAndAContainerOneName() {
        Linear m = new Linear(3, 2);
        L1Unstructured method = new L1Unstructured(1);
        assertSame(method, BasePruningMethod.apply(m, "weight", method, null));
        assertEquals("weight", method.tensorName());
        assertThrows(IllegalArgumentException.class, () -> BasePruningMethod.apply(m, "bias", method, null));
        L1Unstructured other = new L1Unstructured(1);
        BasePruningMethod.apply(m, "bias", other, null);
        PruningContainer container = new PruningContainer(method);
        assertThrows(IllegalArgumentException.class, () -> container.addPruningMethod(other));
        assertEquals(1, container.size());
    }

    @Test
    void aFrozenParameterStaysFrozen() {
        Linear m = new Linear(3, 2);
        m.weight.requiresGrad_(false);
        Prune.l1Unstructured(m, "weight", 1);
        assertFalse(m.tensorAttribute("weight_orig").requiresGrad());
        Prune.remove(m, "weight");
        assertFalse(m.weight.requiresGrad());
    }

    @Test
    void theModuleAsAWholeIsPrunedWhenASubmoduleIs() {
        dev.vgrad.nn.Sequential net = new dev.vgrad.nn.Sequential(new Linear(3, 3), new Linear(3, 1));
        assertFalse(Prune.isPruned(net));
        Prune.randomUnstructured((Linear) net.get(1), "weight", 1);
        assertTrue(Prune.isPruned(net));
    }
}
