package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Functional;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Rules of linear, layer norm and conv2d add their parameters' gradients straight into existing grads when the pass
 * lets them. What a user sees must not change: the same bits as the returned-gradient path from zeroed grads, sums
 * across passes, hooks on leaves still called with the gradient, autograd.grad and createGraph untouched, and the
 * grad's version bumped as by an in-place add.
 */
class GradIntoLeafTest {
    /** A small model touching all three rules; returns its scalar loss. */
    private static Tensor loss(List<Tensor> p, Tensor x) {
        Tensor h = Functional.conv2d(x, p.get(0), p.get(1), new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);
        Tensor flat = h.reshape(x.shape()[0], -1);
        Tensor n = Functional.layerNorm(flat, new int[] {flat.shape()[1]}, p.get(2), p.get(3), 1e-5f);
        return Functional.linear(n, p.get(4), p.get(5)).tanh().sum();
    }

    private static List<Tensor> params(long seed) {
        Generator g = new Generator(seed);
        List<Tensor> p = new ArrayList<>();
        p.add(Tensor.randn(g, 3, 2, 3, 3));      // conv weight
        p.add(Tensor.randn(g, 3));               // conv bias
        p.add(Tensor.randn(g, 3 * 5 * 4));       // layer norm weight
        p.add(Tensor.randn(g, 3 * 5 * 4));       // layer norm bias
        p.add(Tensor.randn(g, 7, 3 * 5 * 4));    // linear weight
        p.add(Tensor.randn(g, 7));               // linear bias
        p.forEach(Tensor::requiresGrad_);
        return p;
    }

    /** A copy of each parameter's grad. */
    private static List<float[]> gradsOf(List<Tensor> p) {
        List<float[]> out = new ArrayList<>();
        p.forEach(t -> out.add(t.grad().toArray()));
        return out;
    }

    private static Tensor input() {
        return Tensor.randn(new Generator(99), 4, 2, 5, 4);
    }

    @Test
    void withGradsInPlaceNoGradientTensorIsMadeForTheParameters() {
        Tensor w = Tensor.randn(new Generator(11), 6, 5).requiresGrad_(), b = Tensor.randn(new Generator(12), 6)
                .requiresGrad_();
        Tensor x = Tensor.randn(new Generator(13), 8, 5);
        try (Arena arena = Arena.open()) {
            Functional.linear(x, w, b).sum().backward();     // no grads yet: dW and db are made, then copied in
            int fresh = arena.buffersInUse();
            arena.reset();
            Functional.linear(x, w, b).sum().backward();     // grads exist: the rule adds into them
            assertEquals(fresh - 2, arena.buffersInUse(), "dW and db went straight into the grads");
        }
    }

    @Test
    void fromZeroedGradsTheBitsAreThoseOfFreshGradients() {
        List<Tensor> fresh = params(1), zeroed = params(1);
        loss(fresh, input()).backward();           // no grads yet: every gradient is returned and copied in
        for (Tensor t : zeroed) {
            t.setGrad(Tensor.zeros(t.shape()));
        }
        loss(zeroed, input()).backward();          // grads exist: rules add into them
        for (int i = 0; i < fresh.size(); i++) {
            assertArrayEquals(fresh.get(i).grad().toArray(), zeroed.get(i).grad().toArray(), "parameter " + i);
        }
    }

    @Test
    void secondPassAddsToTheFirst() {
        List<Tensor> p = params(2);
        loss(p, input()).backward();
        List<float[]> once = gradsOf(p);
        int[] versions = p.stream().mapToInt(t -> t.grad().version()).toArray();
        loss(p, input()).backward();
        for (int i = 0; i < p.size(); i++) {
            float[] twice = p.get(i).grad().toArray();
            for (int j = 0; j < twice.length; j++) {
                assertEquals(2 * once.get(i)[j], twice[j], 1e-5f * (1 + Math.abs(twice[j])),
                        "parameter " + i + " at " + j);
            }
            assertTrue(p.get(i).grad().version() > versions[i], "parameter " + i + "'s grad changed in place");
        }
    }

    @Test
    void aHookOnAParameterStillSeesItsGradient() {
        List<Tensor> p = params(3);
        loss(p, input()).backward();
        float[] first = p.get(4).grad().toArray();
        List<Tensor> seen = new ArrayList<>();
        p.get(4).registerHook(g -> {
            seen.add(g.clone());
            return null;
        });
        loss(p, input()).backward();
        assertEquals(1, seen.size());
        assertArrayEquals(first, seen.get(0).toArray(), "the hook gets this pass's gradient, not the sum");
    }

    @Test
    void autogradGradLeavesExistingGradsAlone() {
        List<Tensor> p = params(4);
        loss(p, input()).backward();
        List<float[]> before = gradsOf(p);
        List<Tensor> grads = Autograd.grad(List.of(loss(p, input())), p);
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(before.get(i), p.get(i).grad().toArray(), "parameter " + i + "'s grad");
            assertArrayEquals(before.get(i), grads.get(i).toArray(), "autograd.grad's result for parameter " + i);
        }
    }

    @Test
    void createGraphKeepsTheAccumulatedGradDifferentiable() {
        List<Tensor> p = params(5);
        loss(p, input()).backward();
        loss(p, input()).backward(null, false, true);
        Tensor g = p.get(4).grad();
        assertTrue(g.requiresGrad(), "under createGraph the accumulated grad carries a graph");
        assertNotNull(g.gradFn());
    }

    @Test
    void aWeightUsedTwiceGetsBothContributions() {
        Function<Tensor, Tensor> twice = w -> {
            Tensor x = Tensor.randn(new Generator(6), 5, 4);
            return Functional.linear(Functional.linear(x, w, null).tanh(), w, null).sum();
        };
        Tensor fresh = Tensor.randn(new Generator(7), 4, 4).requiresGrad_();
        twice.apply(fresh).backward();
        Tensor held = Tensor.randn(new Generator(7), 4, 4).requiresGrad_();
        held.setGrad(Tensor.full(0.5f, 4, 4));
        twice.apply(held).backward();
        float[] want = fresh.grad().toArray(), got = held.grad().toArray();
        for (int j = 0; j < want.length; j++) {
            assertEquals(want[j] + 0.5f, got[j], 1e-5f * (1 + Math.abs(got[j])), "element " + j);
        }
    }

    @Test
    void aNonContiguousGradIsAddedIntoByTheAccumulator() {
        Tensor w = Tensor.randn(new Generator(8), 3, 4).requiresGrad_();
        Tensor x = Tensor.randn(new Generator(9), 2, 4);
        Functional.linear(x, w, null).sum().backward();
        float[] once = w.grad().toArray();
        Tensor transposedStorage = Tensor.zeros(4, 3).t();
        w.setGrad(transposedStorage);
        Functional.linear(x, w, null).sum().backward();
        assertArrayEquals(once, w.grad().toArray());
        assertEquals(transposedStorage, w.grad(), "the accumulator adds into the grad the user set, in place");
    }

    @Test
    void setToNoneStartsAfresh() {
        List<Tensor> p = params(10);
        loss(p, input()).backward();
        float[] once = p.get(0).grad().toArray();
        p.forEach(t -> t.setGrad(null));
        loss(p, input()).backward();
        assertArrayEquals(once, p.get(0).grad().toArray());
        assertNull(Tensor.randn(new Generator(1), 2).requiresGrad_().grad());
    }
}
