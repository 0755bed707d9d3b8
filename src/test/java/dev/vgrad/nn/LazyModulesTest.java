package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.KeyedFixture;
import dev.vgrad.optim.SGD;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lazy modules against PyTorch 1.13 (scripts/torch_lazy_fixtures.py): an optimizer made before the first call
 * holds the placeholders and trains the real parameters; the first call draws them from the generator after the
 * input, as torch's global generator does; the state dict's names, the output, the gradients and one SGD step match.
 */
class LazyModulesTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws IOException {
        fx = KeyedFixture.load("/fixtures/torch_lazy.txt");
    }

    private static void assertClose(String key, Tensor got) {
        fx.assertClose(key, got, 2e-5f);
    }

    private static void replay(String c, int seed, Function<Generator, Module> make, int... xShape) {
        Generator g = new Generator(seed);
        Module m = make.apply(g);
        List<Tensor> params = m.parameters();
        SGD opt = params.isEmpty() ? null : new SGD(params, 0.1f);
        Tensor x = Tensor.randn(g, xShape);
        assertClose(c + ".x", x);
        Tensor y = m.call(x);
        if (y.requiresGrad()) {
            y.pow(2f).sum().backward();
        }
        assertEquals(fx.names(c + ".keys"), new ArrayList<>(m.stateDict().keySet()), c);
        m.stateDict().forEach((k, v) -> assertClose(c + ".first." + k, v));
        assertClose(c + ".y", y);
        m.namedParameters().forEach((k, p) -> assertClose(c + ".grad." + k, p.grad()));
        assertEquals(params, m.parameters(), c + ": the placeholders became the parameters");
        if (opt != null) {
            opt.step();
        }
        m.namedParameters().forEach((k, p) -> assertClose(c + ".stepped." + k, p));
    }

    @Test
    void matchTorch() {
        replay("linear", 71, g -> new LazyLinear(3, true, g), 4, 5);
        replay("linearnobias", 72, g -> new LazyLinear(2, false, g), 3, 2, 4);
        replay("conv1d", 73, g -> new LazyConv1d(4, 3, 1, 0, 1, 2, false, g), 2, 6, 9);
        replay("conv2d", 74, g -> new LazyConv2d(4, 3, 2, 1, 1, 1, true, g), 2, 3, 7, 6);
        replay("conv3d", 75, g -> new LazyConv3d(2, 2, 1, 0, 1, 1, true, g), 1, 3, 3, 4, 3);
        replay("convt1d", 76, g -> new LazyConvTranspose1d(3, 2, 2, 0, 0, 1, true, 1, g), 2, 4, 5);
        replay("convt2d", 77, g -> new LazyConvTranspose2d(4, 3, 2, 0, 0, 2, true, 1, g), 2, 4, 4, 3);
        replay("convt3d", 78, g -> new LazyConvTranspose3d(2, 2, 1, 0, 0, 1, true, 1, g), 1, 3, 2, 3, 2);
        replay("bn1d", 79, g -> new LazyBatchNorm1d(), 5, 3);
        replay("bn2d", 80, g -> new LazyBatchNorm2d(1e-5f, 0.2f, true, true), 4, 3, 5, 5);
        replay("bn3d", 81, g -> new LazyBatchNorm3d(1e-5f, 0.1f, false, true), 2, 2, 3, 3, 3);
        replay("in1d", 82, g -> new LazyInstanceNorm1d(), 2, 3, 7);
        replay("in2d", 83, g -> new LazyInstanceNorm2d(1e-5f, 0.1f, false, true), 2, 3, 4, 5);
        replay("in3d", 84, g -> new LazyInstanceNorm3d(1e-5f, 0.3f, true, true), 2, 3, 3, 2, 2);
    }

    /** Instance norm's running statistics: moved by a training call, used (and, as torch, rewritten) by eval calls. */
    @Test
    void instanceNormRunningStatisticsMatchTorch() {
        InstanceNorm2d m = new InstanceNorm2d(3, 1e-4f, 0.2f, true, true);
        Tensor x1 = Tensor.of(fx.get("inrun.x1"), 4, 3, 3, 5), x2 = Tensor.of(fx.get("inrun.x2"), 2, 3, 4, 4);
        assertClose("inrun.y1", m.call(x1));
        m.stateDict().forEach((k, v) -> assertClose("inrun.trained." + k, v));
        m.eval();
        x2.requiresGrad_(true);
        Tensor y2 = m.call(x2);
        y2.pow(2f).sum().backward();
        assertClose("inrun.y2", y2);
        assertClose("inrun.x2grad", x2.grad());
        m.namedParameters().forEach((k, p) -> assertClose("inrun.grad." + k, p.grad()));
        m.stateDict().forEach((k, v) -> assertClose("inrun.evaluated." + k, v));
        assertClose("inrun.y3", m.call(x2.detach().select(0, 0)));
        assertEquals("InstanceNorm2d(3, eps=0.0001, momentum=0.2, affine=True, track_running_stats=True)",
                m.toString());
    }

    @Test
    void placeholdersUntilTheFirstCallThenTheEagerLayer() {
        LazyLinear lin = new LazyLinear(3, true, new Generator(1));
        assertTrue(lin.hasUninitializedParams());
        assertEquals(List.of("weight", "bias"), new ArrayList<>(lin.stateDict().keySet()));
        Tensor w = lin.weight;
        assertEquals(0, w.numel());
        lin.forward(Tensor.ones(2, 4));
        assertFalse(lin.hasUninitializedParams());
        assertSame(w, lin.weight);
        assertArrayEquals(new int[] {3, 4}, w.shape());
        assertEquals(4, lin.inFeatures());
        assertEquals("LazyLinear(in_features=4, out_features=3, bias=True)", lin.toString());
        Linear eager = new Linear(4, 3, new Generator(1));
        assertArrayEquals(eager.weight.toArray(), lin.weight.toArray(), "the eager layer's draws");
        assertArrayEquals(eager.bias.toArray(), lin.bias.toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(Tensor.ones(2, 5)));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void aStateDictGivesTheShapesWithoutDrawing() {
        Sequential trained = new Sequential(new Conv2d(3, 4, 3, new Generator(2)), new ReLU(),
                new BatchNorm2d(4), new ConvTranspose2d(4, 2, 2, new Generator(3)), new Flatten(), new Linear(2 * 4 * 4,
                5, new Generator(4)));
        Generator g = new Generator(5);
        Sequential lazy = new Sequential(new LazyConv2d(4, 3, 1, 0, 1, 1, true, g), new ReLU(),
                new LazyBatchNorm2d(), new LazyConvTranspose2d(2, 2, 1, 0, 0, 1, true, 1, g), new Flatten(),
                new LazyLinear(5, true, g));
        lazy.loadStateDict(trained.stateDict());
        assertEquals(new Generator(5).uniformDouble(), g.uniformDouble(), "nothing drawn");
        Tensor x = Tensor.randn(new Generator(6), 2, 3, 5, 5);
        assertArrayEquals(trained.call(x).toArray(), lazy.call(x).toArray());
        assertEquals(trained.toString().replace("Conv2d", "LazyConv2d").replace("BatchNorm2d", "LazyBatchNorm2d")
                .replace("ConvTranspose2d", "LazyConvTranspose2d").replace("(5): Linear", "(5): LazyLinear"),
                lazy.toString());
    }

    @Test
    void refusesInputsThatGiveNoShape() {
        LazyConv2d conv = new LazyConv2d(4, 3, 1, 0, 1, 2, true, new Generator(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.ones(2, 3, 5, 5)));
        assertTrue(e.getMessage().contains("groups") && e.getMessage().contains("[2, 3, 5, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.ones(5, 5)));
        assertTrue(e.getMessage().contains("3D (unbatched) or 4D (batched)"), e.getMessage());
        assertTrue(conv.hasUninitializedParams(), "refused: still lazy");
        assertEquals(0, conv.weight.numel());
    }
}
