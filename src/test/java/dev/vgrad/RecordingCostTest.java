package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What recording an op no longer allocates must still behave: shared shape arrays never alias a caller's array,
 * nodes of more than three inputs keep every edge, and the per-thread array a backward rule returns its gradients in
 * survives a backward run from inside a hook.
 */
class RecordingCostTest {
    @Test
    void reshapeKeepsNoReferenceToTheCallersArray() {
        Tensor x = Tensor.arange(6f);
        int[] requested = {2, 3};
        Tensor y = x.reshape(requested);
        requested[0] = 3;
        requested[1] = 2;
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new int[] {3, 2}, x.reshape(requested).shape());
        assertArrayEquals(new int[] {2, 3}, y.shape(), "a later reshape must not change an earlier tensor's shape");
    }

    @Test
    void viewsOfContiguousTensorsGetRowMajorStridesIncludingUnitDimensions() {
        Tensor x = Tensor.arange(24f).reshape(2, 3, 4);
        Tensor v = x.view(-1, 4);
        assertArrayEquals(new int[] {6, 4}, v.shape());
        assertArrayEquals(new int[] {4, 1}, v.stride());
        Tensor u = Tensor.arange(6f).reshape(1, 6).view(2, 1, 3);
        assertArrayEquals(new int[] {3, 3, 1}, u.stride());   // torch.arange(6.).reshape(1, 6).view(2, 1, 3).stride()
        assertEquals(4f, u.select(0, 1).select(0, 0).select(0, 1).item());
    }

    @Test
    void sharedShapesHoldTheirValuesWhileManyShapesEvictEachOther() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            int a = r.nextInt(1, 600), b = r.nextInt(1, 600), c = r.nextInt(1, 600);
            assertArrayEquals(new int[] {a}, Shapes.of(a));
            assertArrayEquals(new int[] {a, b}, Shapes.of(a, b));
            int[] abc = Shapes.of(a, b, c);
            assertArrayEquals(new int[] {a, b, c}, abc);
            assertArrayEquals(new int[] {a, c, c}, Shapes.with(abc, 1, c));
            assertArrayEquals(new int[] {b * c, c, 1}, Shapes.contiguousStrides(abc));
            assertArrayEquals(new int[] {a, b, c}, abc, "a shape handed out must never change");
        }
    }

    @Test
    void nodesOfMoreThanThreeInputsKeepEveryEdge() {
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parts.add(Tensor.full(i + 1f, 2).requiresGrad_());
        }
        parts.set(3, parts.get(3).detach());   // one input that needs no gradient: its edge is null
        Tensor y = Tensor.cat(parts, 0);
        assertEquals(5, y.gradFn().nextFunctions().size());
        assertNull(y.gradFn().nextFunctions().get(3));
        y.mul(Tensor.arange(10f)).sum().backward();
        assertArrayEquals(new float[] {0f, 1f}, parts.get(0).grad().toArray());
        assertArrayEquals(new float[] {4f, 5f}, parts.get(2).grad().toArray());
        assertNull(parts.get(3).grad());
        assertArrayEquals(new float[] {8f, 9f}, parts.get(4).grad().toArray());
    }

    @Test
    void aBackwardRunFromInsideAHookLeavesTheOuterGradientsRight() {
        Tensor a = Tensor.scalar(2f).requiresGrad_();
        Tensor b = Tensor.scalar(3f).requiresGrad_();
        Tensor p = a.mul(b);
        float[] inner = new float[1];
        p.registerHook(g -> {
            // Runs after the outer pass has had a two-input rule's result (loss = p * a) and before p's own rule.
            // Hooks run with grad mode off, as in PyTorch: the inner graph is recorded under enableGrad.
            try (var on = dev.vgrad.autograd.GradMode.enableGrad()) {
                Tensor c = Tensor.scalar(5f).requiresGrad_();
                c.mul(c).mul(Tensor.scalar(7f).requiresGrad_()).backward();
                inner[0] = c.grad().item();
            }
            return null;
        });
        p.mul(a).backward();   // a^2 b: d/da = 2ab = 12, d/db = a^2 = 4
        assertEquals(70f, inner[0]);
        assertEquals(12f, a.grad().item());
        assertEquals(4f, b.grad().item());
    }
}
