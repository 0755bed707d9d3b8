package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.RemovableHandle;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine's contract: PyTorch's semantics and PyTorch's error wording. */
class AutogradSemanticsTest {
    @Test
    void secondBackwardThroughFreedGraphIsRefusedUnlessRetained() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.pow(2).sum();
        y.backward(null, true);
        y.backward();
        assertArrayEquals(new float[] {4f, 8f}, x.grad().toArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"), e.getMessage());
        assertArrayEquals(new float[] {4f, 8f}, x.grad().toArray(), "a refused backward must not touch grads");
    }

    @Test
    void graphWithoutSavedTensorsMayBeReplayedAsInPyTorch() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.add(1f).sum();
        y.backward();
        y.backward();
        assertArrayEquals(new float[] {2f, 2f}, x.grad().toArray());
    }

    @Test
    void inPlaceOnLeafThatRequiresGradIsRefusedAndChangesNothing() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.add_(1f));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, x.toArray());
        assertEquals(0, x.version());
        try (var g = GradMode.noGrad()) {
            x.add_(1f);
        }
        assertArrayEquals(new float[] {2f, 3f}, x.toArray());
        assertEquals(1, x.version());
    }

    @Test
    void savedTensorChangedInPlaceIsRefusedAtBackward() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.exp();
        Tensor z = y.sum();
        y.add_(1f);
        IllegalStateException e = assertThrows(IllegalStateException.class, z::backward);
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified "
                + "by an inplace operation: [torch.FloatTensor [2]], which is output 0 of ExpBackward0, is at version 1;"
                + " expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to "
                + "compute its gradient, with torch.autograd.set_detect_anomaly(True)."), e.getMessage());
    }

    @Test
    void changesThroughDataAreNotTrackedAsInPyTorch() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.pow(2).sum();
        x.data().mul_(10f);
        y.backward();
        assertArrayEquals(new float[] {20f, 40f}, x.grad().toArray(), "PyTorch's .data bypasses the version check");
    }

    @Test
    void shapeErrorsNameBothShapesAndTheDimensionAndChangeNothing() {
        Tensor a = Tensor.ones(2, 3), b = Tensor.ones(2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]")
                && e.getMessage().contains("dimension 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.mm(b));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x4)", e.getMessage());
        Tensor c = Tensor.ones(3);
        e = assertThrows(IllegalArgumentException.class, () -> c.add_(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertArrayEquals(new float[] {1, 1, 1}, c.toArray());
        assertEquals(0, c.version());
        assertThrows(IllegalArgumentException.class, () -> a.view(4, 2));
        assertThrows(IllegalArgumentException.class, () -> a.sum(2, false));
    }

    @Test
    void chainOfAHundredThousandOpsBackpropagatesWithoutRecursion() {
        Tensor x = Tensor.scalar(0f).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(1f).mul(1f);
        }
        y.backward();
        assertEquals(1f, x.grad().item());
        assertEquals(100_000f, y.item());
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Tensor w = Tensor.of(3f).requiresGrad_();
            Callable<Boolean> noGradThread = () -> {
                try (var g = GradMode.noGrad()) {
                    Thread.sleep(50);
                    return w.mul(2f).requiresGrad();
                }
            };
            Callable<Float> gradThread = () -> {
                Thread.sleep(10);
                Tensor a = Tensor.of(2f).requiresGrad_();
                Tensor y = a.mul(a).sum();
                return Autograd.grad(List.of(y), List.of(a)).get(0).item();
            };
            Future<Boolean> f1 = pool.submit(noGradThread);
            Future<Float> f2 = pool.submit(gradThread);
            assertFalse(f1.get());
            assertEquals(4f, f2.get());
            assertTrue(GradMode.isEnabled());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void autogradGradLeavesDotGradUntouched() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor w = Tensor.of(0.5f).requiresGrad_();
        Tensor y = x.mul(w).pow(2).sum();
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x, w));
        // dy/dx = 2 x w^2, dy/dw = 2 w sum(x^2)
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f}, g.get(0).toArray(), 1e-6f);
        assertEquals(14f, g.get(1).item(), 1e-5f);
        assertNull(x.grad());
        assertNull(w.grad());
        Tensor unused = Tensor.of(1f).requiresGrad_();
        Tensor y2 = x.sum();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autograd.grad(List.of(y2), List.of(unused)));
        assertTrue(e.getMessage().startsWith("One of the differentiated Tensors appears to not have been used"));
        Tensor y3 = x.sum();
        assertNull(Autograd.grad(List.of(y3), List.of(x, unused), null, false, false, true).get(1));
    }

    @Test
    void autogradGradOfNonLeafInput() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.mul(3f);
        Tensor y = h.pow(2).sum();
        assertArrayEquals(new float[] {6f, 12f}, Autograd.grad(List.of(y), List.of(h)).get(0).toArray());
    }

    @Test
    void hooksSeeAndReplaceGradientsAndCanBeRemoved() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        float[] seen = new float[1];
        RemovableHandle h = x.registerHook(g -> g.mul(10f));
        Tensor mid = x.mul(2f);
        RemovableHandle h2 = mid.registerHook(g -> {
            seen[0] = g.sum().item();
            return null;
        });
        mid.sum().backward();
        assertArrayEquals(new float[] {20f, 20f}, x.grad().toArray());
        assertEquals(2f, seen[0]);
        h.remove();
        h2.remove();
        x.setGrad(null);
        x.mul(2f).sum().backward();
        assertArrayEquals(new float[] {2f, 2f}, x.grad().toArray());
        assertThrows(IllegalStateException.class, () -> Tensor.of(1f).registerHook(g -> g));
    }

    @Test
    void retainGradKeepsAndAccumulatesNonLeafGrads() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.mul(3f);
        y.retainGrad();
        assertTrue(y.retainsGrad());
        Tensor z = y.pow(2).sum();
        z.backward(null, true);
        assertArrayEquals(new float[] {6f, 12f}, y.grad().toArray());
        z.backward();
        assertArrayEquals(new float[] {12f, 24f}, y.grad().toArray());
        Tensor nonRetained = x.mul(1f);
        nonRetained.sum().backward();
        assertNull(nonRetained.grad());
    }

    @Test
    void leafGradsNeverAliasEachOtherOrTheSeed() {
        Tensor a = Tensor.of(1f).requiresGrad_(), b = Tensor.of(2f).requiresGrad_();
        Tensor seed = Tensor.of(5f);
        a.add(b).backward(seed);
        assertNotSame(a.grad(), b.grad());
        a.grad().zero_();
        assertEquals(5f, b.grad().item());
        assertEquals(5f, seed.item());
    }

    @Test
    void detachDataAndLeafRules() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.mul(2f);
        assertFalse(y.isLeaf());
        Tensor d = y.detach();
        assertTrue(d.isLeaf());
        assertFalse(d.requiresGrad());
        try (var g = GradMode.noGrad()) {
            d.add_(1f);
        }
        assertArrayEquals(new float[] {3f, 5f}, y.toArray(), "detach shares storage");
        assertEquals(1, y.version(), "and the version counter");
        assertTrue(Tensor.ones(2).mul(Tensor.ones(2)).isLeaf(), "ops on tensors without grad make leaves");
        y.detach_();
        assertTrue(y.isLeaf());
        assertFalse(y.requiresGrad());
        Tensor z = x.mul(1f);
        assertThrows(IllegalStateException.class, () -> z.requiresGrad_(false));
    }

    @Test
    void backwardArgumentErrors() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor y = x.mul(2f);
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.of(1f).backward());
        assertEquals("element 0 of tensors does not require grad and does not have a grad_fn", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.setGrad(Tensor.ones(3)));
    }

    @Test
    void nanAndInfinityPassThroughForwardAndBackward() {
        Tensor x = Tensor.of(Float.NaN, 1f, Float.POSITIVE_INFINITY).requiresGrad_();
        Tensor y = x.mul(2f);
        assertEquals("tensor([nan, 2., inf], grad_fn=<MulBackward0>)", y.toString());
        y.relu().sum().backward();
        assertArrayEquals(new float[] {2f, 2f, 2f}, x.grad().toArray());
        assertTrue(Float.isNaN(Tensor.of(1f, Float.NaN).max().item()));
        assertTrue(Float.isNaN(Tensor.of(Float.NaN, 3f).softmax(0).toArray()[1]));
    }

    @Test
    void inPlaceThroughAViewRewritesTheBaseHistory() {
        Tensor x = Tensor.of(1f, 2f, 3f, 4f).requiresGrad_();
        Tensor y = x.mul(1f);
        Tensor v = y.narrow(0, 1, 2);
        v.mul_(10f);
        assertEquals("CopySlices", y.gradFn().name());
        assertEquals("AsStridedBackward0", v.gradFn().name());
        assertArrayEquals(new float[] {1f, 20f, 30f, 4f}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new float[] {1f, 10f, 10f, 1f}, x.grad().toArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.narrow(0, 0, 1).add_(1f));
        assertEquals("a view of a leaf Variable that requires grad is being used in an in-place operation.",
                e.getMessage());
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, x.toArray());
    }

    @Test
    void versionCounterIsSharedByViews() {
        Tensor x = Tensor.zeros(2, 3);
        Tensor v = x.t();
        v.add_(1f);
        assertEquals(1, x.version());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, x.toArray());
        x.narrow(1, 0, 1).fill_(7f);
        assertArrayEquals(new float[] {7, 1, 1, 7, 1, 1}, x.toArray());
        assertEquals(2, v.version());
    }
}
