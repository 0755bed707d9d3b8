package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.Checkpoint;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.Dropout;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.ReLU;
import dev.vgrad.nn.Sequential;
import dev.vgrad.nn.Tanh;
import dev.vgrad.nn.utils.CheckpointSequential;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradient checkpointing gives the gradients the plain computation gives, to the bit (vgrad's kernels are
 * deterministic), in every way a graph can meet it: parameters whose inputs need no gradient, weights used inside and
 * outside, nested checkpoints, autograd.grad, double backward, dropout; and it does free what it promises to.
 */
class CheckpointTest {
    private static Sequential block(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(5, 7, g), new Tanh(), new Linear(7, 7, g), new ReLU(), new Linear(7, 3, g));
    }

    private static List<float[]> grads(Module m) {
        List<float[]> out = new ArrayList<>();
        for (Tensor p : m.parameters()) {
            out.add(p.grad() == null ? null : p.grad().toArray());
        }
        return out;
    }

    private static void assertSameGrads(List<float[]> want, List<float[]> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertNotNull(want.get(i), "parameter " + i + " has a gradient");
            assertArrayEquals(want.get(i), got.get(i), "parameter " + i);
        }
    }

    @Test
    void parametersGetThePlainGradientsWhenTheInputNeedsNone() {
        Sequential plain = block(1), checked = block(1);
        Tensor x = Tensor.randn(new Generator(2), 4, 5);
        Tensor yp = plain.call(x), yc = Checkpoint.checkpoint(checked::call, x);
        assertEquals("CheckpointFunctionBackward", yc.gradFn().name());
        assertArrayEquals(yp.toArray(), yc.toArray());
        yp.pow(2f).sum().backward();
        yc.pow(2f).sum().backward();
        assertSameGrads(grads(plain), grads(checked));
    }

    @Test
    void inputGradientsWeightsUsedOutsideTooAndNestedCheckpoints() {
        Sequential plain = block(3), checked = block(3);
        Tensor xp = Tensor.randn(new Generator(4), 6, 5).requiresGrad_();
        Tensor xc = xp.detach().requiresGrad_();
        Tensor wp = plain.parameters().get(0), wc = checked.parameters().get(0);
        // the first weight is also used after the block, so backward meets its accumulator from both sides
        UnaryOperator<Tensor> outer = x -> {
            Tensor h = Checkpoint.checkpoint(in -> checked.get(0).call(in), x);
            return Checkpoint.checkpoint(in -> checked.get(4).call(checked.get(3).call(checked.get(2).call(
                    checked.get(1).call(in)))), h);
        };
        Tensor yp = plain.call(xp.mul(2f)).sum().add(wp.sum().mul(3f));
        Tensor yc = Checkpoint.checkpoint(outer, xc.mul(2f)).sum().add(wc.sum().mul(3f));
        assertEquals(yp.item(), yc.item());
        yp.backward();
        yc.backward();
        assertArrayEquals(xp.grad().toArray(), xc.grad().toArray());
        assertSameGrads(grads(plain), grads(checked));
    }

    @Test
    void autogradGradAndDoubleBackwardThroughACheckpoint() {
        Sequential plain = block(5), checked = block(5);
        Tensor x = Tensor.randn(new Generator(6), 3, 5).requiresGrad_();
        Tensor w = plain.parameters().get(2), wc = checked.parameters().get(2);
        // retainGraph with createGraph, as PyTorch's default: the gradient's own graph runs back through the forward's
        List<Tensor> gp = Autograd.grad(List.of(plain.call(x).pow(2f).sum()), List.of(x, w), null, true, true);
        List<Tensor> gc = Autograd.grad(List.of(Checkpoint.checkpoint(checked::call, x).pow(2f).sum()), List.of(x, wc),
                null, true, true);
        assertArrayEquals(gp.get(0).toArray(), gc.get(0).toArray());
        assertArrayEquals(gp.get(1).toArray(), gc.get(1).toArray());
        assertNull(w.grad());
        assertNull(wc.grad(), "autograd.grad leaves the parameters' grads alone");
        // a gradient penalty: the input gradient's norm, differentiated again. The paths into a weight now meet in
        // another order (some through the checkpoint's node, run again), so the sums may differ in their last bit.
        gp.get(0).pow(2f).sum().backward();
        gc.get(0).pow(2f).sum().backward();
        List<float[]> want = grads(plain), got = grads(checked);
        for (int i = 0; i < want.size(); i++) {
            for (int j = 0; j < want.get(i).length; j++) {
                float a = want.get(i)[j], b = got.get(i)[j];
                assertEquals(a, b, 1e-5f * Math.abs(a) + 1e-7f, "parameter " + i + " [" + j + "]");
            }
        }
    }

    @Test
    void dropoutDrawsTheSameMasksWhenRecomputedAndTheGeneratorIsLeftAsBackwardFoundIt() {
        Generator.defaultGenerator().manualSeed(11);
        Sequential plain = new Sequential(new Linear(5, 8, new Generator(7)), new Dropout(0.5f), new Linear(8, 2,
                new Generator(8)));
        Tensor x = Tensor.randn(new Generator(9), 4, 5);
        plain.call(x).sum().backward();
        List<float[]> want = grads(plain);
        Sequential checked = new Sequential(new Linear(5, 8, new Generator(7)), new Dropout(0.5f), new Linear(8, 2,
                new Generator(8)));
        Generator.defaultGenerator().manualSeed(11);
        Tensor y = Checkpoint.checkpoint(checked::call, x);
        Generator.State afterForward = Generator.defaultGenerator().getState();
        y.sum().backward();
        assertSameGrads(want, grads(checked));
        float next = Generator.defaultGenerator().uniform(0f, 1f);
        assertEquals(Generator.defaultGenerator().setState(afterForward).uniform(0f, 1f), next);
    }

    @Test
    void aGeneratorNotNamedIsCaughtAndANamedOneIsRestored() {
        Generator own = new Generator(12);
        Sequential model = new Sequential(new Linear(5, 8, new Generator(7)), new Dropout(0.5f, own));
        Tensor x = Tensor.randn(new Generator(9), 4, 5);
        Tensor y = Checkpoint.checkpoint(model::call, x);
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("gave another output than its forward pass did"), e.getMessage());
        model.zeroGrad(true);
        Generator.State start = own.getState();
        model.call(x).sum().backward();
        List<float[]> want = grads(model);
        model.zeroGrad(true);
        own.setState(start);
        Checkpoint.checkpoint(in -> model.call(in[0]), List.of(own), x).sum().backward();
        assertSameGrads(want, grads(model));
    }

    @Test
    void aSecondBackwardNeedsRetainGraphAndNoGradRunsPlainly() {
        Sequential m = block(13);
        Tensor x = Tensor.randn(new Generator(14), 2, 5);
        Tensor y = Checkpoint.checkpoint(m::call, x).sum();
        y.backward(null, true);
        float[] once = m.parameters().get(0).grad().toArray();
        y.backward();
        float[] twice = m.parameters().get(0).grad().toArray();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-6f * Math.abs(once[i]));
        }
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
        try (var off = GradMode.noGrad()) {
            assertNull(Checkpoint.checkpoint(m::call, x).gradFn());
        }
    }

    @Test
    void theFunctionsIntermediatesAreNotKept() {
        Sequential m = block(15);
        Tensor x = Tensor.randn(new Generator(16), 64, 5);
        List<WeakReference<Tensor>> kept = new ArrayList<>();
        UnaryOperator<Tensor> watched = in -> {
            Tensor h = m.get(1).call(m.get(0).call(in));   // tanh's output, which the next Linear saves for backward
            kept.add(new WeakReference<>(h));
            return m.get(4).call(m.get(3).call(m.get(2).call(h)));
        };
        Tensor plain = watched.apply(x);
        Tensor checked = Checkpoint.checkpoint(watched, x);
        for (int i = 0; i < 5 && kept.get(1).get() != null; i++) {
            System.gc();
        }
        assertNotNull(kept.get(0).get(), "the plain graph keeps tanh's output (the test can see a kept tensor)");
        assertNull(kept.get(1).get(), "the checkpointed graph does not");
        checked.sum().backward();
        assertNotNull(plain.gradFn());
    }

    @Test
    void checkpointSequentialGivesThePlainGradients() {
        Sequential plain = block(17), checked = block(17);
        Tensor x = Tensor.randn(new Generator(18), 4, 5).requiresGrad_();
        Tensor xc = x.detach().requiresGrad_();
        plain.call(x).pow(2f).sum().backward();
        List<Module> layers = new ArrayList<>(checked.children());
        CheckpointSequential.checkpointSequential(layers, 2, xc).pow(2f).sum().backward();
        assertArrayEquals(x.grad().toArray(), xc.grad().toArray());
        assertSameGrads(grads(plain), grads(checked));
        var e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointSequential.checkpointSequential(layers, 6, xc));
        assertTrue(e.getMessage().contains("(5), got 6"), e.getMessage());
    }
}
