package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.TransformerEncoderLayer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's early give-back of gradients inside an arena (see Engine): the gradients a pass gives are the heap's,
 * step after step; it does give memory back (fewer buffers held at the end of backward than with anomaly mode, which
 * turns it off); and a gradient a hook, retainGrad, a module's backward hook or a user's Function kept stays readable
 * with its values.
 */
class GradientGiveBackTest {
    /** Two steps of a transformer layer (residual sums, layer norms, attention, the feed-forward block). */
    private static List<float[]> layerGradients(boolean inArena, boolean anomaly, int[] heldAfterBackward) {
        Generator g = new Generator(17);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(16, 2, 40, 0f, g);
        Tensor x = Tensor.randn(g, 6, 3, 16).requiresGrad_();
        Tensor mask = Tensor.zeros(6, 6).maskedFill(Tensor.ones(6, 6).triu(1), Float.NEGATIVE_INFINITY);
        List<float[]> out = new ArrayList<>();
        Arena arena = inArena ? Arena.open() : null;
        try {
            for (int step = 0; step < 2; step++) {
                for (Tensor p : layer.parameters()) {
                    p.setGrad(null);
                }
                x.setGrad(null);
                Tensor loss = layer.forward(x, mask).pow(2).mean();
                if (anomaly) {
                    try (var scope = Autograd.detectAnomaly()) {
                        loss.backward();
                    }
                } else {
                    loss.backward();
                }
                if (arena != null) {
                    heldAfterBackward[0] = arena.buffersInUse();
                }
                for (Tensor p : layer.parameters()) {
                    out.add(p.grad().toArray());
                }
                out.add(x.grad().toArray());
                if (arena != null) {
                    arena.reset();
                }
            }
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
        return out;
    }

    @Test
    void gradientsInAnArenaAreTheHeapsAndSomeMemoryGoesBackEarly() {
        int[] held = new int[1], heldUnderAnomaly = new int[1];
        List<float[]> heap = layerGradients(false, false, null), arena = layerGradients(true, false, held);
        List<float[]> anomaly = layerGradients(true, true, heldUnderAnomaly);
        assertEquals(heap.size(), arena.size());
        for (int i = 0; i < heap.size(); i++) {
            assertArrayEquals(heap.get(i), arena.get(i), 0f, "gradient " + i);
            assertArrayEquals(heap.get(i), anomaly.get(i), 0f, "gradient " + i + " under anomaly mode");
        }
        assertTrue(held[0] < heldUnderAnomaly[0], "buffers held after backward: " + held[0] + " with the give-back, "
                + heldUnderAnomaly[0] + " without");
    }

    /** A chain of linear layers whose middle gradient a hook keeps and a retained grad copies. */
    private static float[][] keptGradients(boolean inArena) {
        Generator g = new Generator(5);
        Linear first = new Linear(8, 12, g), second = new Linear(12, 12, g), third = new Linear(12, 3, g);
        Tensor x = Tensor.randn(g, 10, 8);
        List<Tensor> seen = new ArrayList<>();
        try (Arena arena = inArena ? Arena.open() : null) {
            Tensor h1 = first.forward(x), h2 = second.forward(h1);
            h1.registerHook(grad -> {
                seen.add(grad);
                return null;
            });
            h2.retainGrad();
            third.forward(h2).pow(2).sum().backward();
            return new float[][] {seen.get(0).toArray(), h2.grad().toArray(),
                first.parameters().get(0).grad().toArray()};
        }
    }

    /** A Function whose backward keeps the gradient it is given, as user code may. */
    static final class Keeper extends dev.vgrad.autograd.Function {
        final List<Tensor> kept = new ArrayList<>();

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            return in[0].mul(2f);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... grad) {
            kept.add(grad[0]);
            return new Tensor[] {grad[0].mul(2f)};
        }
    }

    /** Linear, a user Function, linear: the Function's gradient in and out stay the Function's. */
    private static float[][] throughAFunction(boolean inArena) {
        Generator g = new Generator(9);
        Linear first = new Linear(6, 10, g), second = new Linear(10, 4, g);
        Tensor x = Tensor.randn(g, 7, 6);
        Keeper keeper = new Keeper();
        try (Arena arena = inArena ? Arena.open() : null) {
            second.forward(keeper.apply(first.forward(x))).pow(2).sum().backward();
            return new float[][] {keeper.kept.get(0).toArray(), first.parameters().get(0).grad().toArray()};
        }
    }

    @Test
    void aGradientAUserFunctionKeptStaysReadable() {
        float[][] heap = throughAFunction(false), arena = throughAFunction(true);
        for (int i = 0; i < heap.length; i++) {
            assertArrayEquals(heap[i], arena[i], 0f, "gradient " + i);
        }
    }

    /** A module's full backward hook keeps both gradients it is shown; read after backward. */
    private static float[][] throughAModuleHook(boolean inArena) {
        Generator g = new Generator(13);
        Linear first = new Linear(5, 9, g), middle = new Linear(9, 9, g), last = new Linear(9, 2, g);
        Tensor x = Tensor.randn(g, 11, 5);
        List<Tensor> seen = new ArrayList<>();
        middle.registerFullBackwardHook((module, gradInput, gradOutput) -> {
            seen.add(gradInput);
            seen.add(gradOutput);
            return null;
        });
        try (Arena arena = inArena ? Arena.open() : null) {
            last.forward(middle.call(first.forward(x))).pow(2).sum().backward();
            return new float[][] {seen.get(0).toArray(), seen.get(1).toArray(),
                first.parameters().get(0).grad().toArray()};
        }
    }

    @Test
    void gradientsAModuleHookKeptStayReadable() {
        float[][] heap = throughAModuleHook(false), arena = throughAModuleHook(true);
        for (int i = 0; i < heap.length; i++) {
            assertArrayEquals(heap[i], arena[i], 0f, "gradient " + i);
        }
    }

    @Test
    void aGradientAHookKeptOrARetainedGradStaysReadable() {
        float[][] heap = keptGradients(false), arena = keptGradients(true);
        for (int i = 0; i < heap.length; i++) {
            assertArrayEquals(heap[i], arena[i], 0f, "kept gradient " + i);
        }
    }
}
