package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.nn.Functional;
import org.junit.jupiter.api.Test;

/**
 * Cross entropy and NLL per position ([N, C, d1, ...] against [N, d1, ...]) taken where the input lies
 * ({@link PositionCrossEntropy}: cross entropy below 16 classes with vectors, NLL always) against the same classes
 * moved last and taken as rows: the same bits for the loss under every reduction, for its gradient, and for the recorded gradient's own
 * gradient; on one thread and three; and a bad target refused before anything is computed. On the scalar path and from
 * 16 classes both sides are the rows' path, and the comparison still holds.
 */
class PositionCrossEntropyTest {
    private static final int[][] SHAPES = {{2, 10, 5, 7}, {3, 4, 17}, {1, 15, 33}, {5, 1, 3}, {2, 3, 16}, {2, 20, 9}};

    @Test
    void lossesAndGradientsAreTheRowsBits() {
        Generator g = new Generator(7);
        for (int[] shape : SHAPES) {
            Tensor logits = Tensor.randn(g, shape).mul(4f);
            Tensor target = Tensor.randint(g, 0, shape[1], targetShape(shape));
            for (String reduction : new String[] {"none", "mean", "sum"}) {
                String what = java.util.Arrays.toString(shape) + " " + reduction;
                Tensor x = logits.detach().requiresGrad_();
                Tensor loss = Functional.crossEntropy(x, target, reduction);
                loss.sum().backward();
                Tensor y = logits.detach().requiresGrad_();
                Tensor rowsLoss = Functional.crossEntropy(asRows(y), target.reshape(-1), reduction);
                rowsLoss.sum().backward();
                assertArrayEquals(rowsLoss.toArray(), loss.toArray(), what + " loss");
                assertArrayEquals(y.grad().toArray(), x.grad().toArray(), what + " gradient");
                Loss.Reduction r = Loss.Reduction.valueOf(reduction.toUpperCase(java.util.Locale.ROOT));
                Tensor u = logits.detach().requiresGrad_(), v = logits.detach().requiresGrad_();
                Tensor nll = Loss.nllLoss(u, target, r), rowsNll = Loss.nllLoss(asRows(v), target.reshape(-1), r);
                nll.sum().backward();
                rowsNll.sum().backward();
                assertArrayEquals(rowsNll.toArray(), nll.toArray(), what + " NLL");
                assertArrayEquals(v.grad().toArray(), u.grad().toArray(), what + " NLL's gradient");
            }
        }
    }

    @Test
    void theRecordedGradientDifferentiatesAsTheRowsOnesDoes() {
        Generator g = new Generator(8);
        int[] shape = {2, 6, 3, 5};
        Tensor logits = Tensor.randn(g, shape);
        Tensor target = Tensor.randint(g, 0, shape[1], targetShape(shape));
        Tensor x = logits.detach().requiresGrad_(), y = logits.detach().requiresGrad_();
        Tensor gx = Autograd.grad(java.util.List.of(Functional.crossEntropy(x, target)), java.util.List.of(x), null,
                true, true).get(0);
        Tensor gy = Autograd.grad(java.util.List.of(Functional.crossEntropy(asRows(y), target.reshape(-1))),
                java.util.List.of(y), null, true, true).get(0);
        assertArrayEquals(gy.toArray(), gx.toArray(), "first gradient, recorded");
        Tensor weights = Tensor.randn(g, shape);
        gx.mul(weights).sum().backward();
        gy.mul(weights).sum().backward();
        assertArrayEquals(y.grad().toArray(), x.grad().toArray(), "gradient of the gradient");
        // NLL of log-probabilities, differentiated twice through log_softmax
        Tensor u = logits.detach().requiresGrad_(), v = logits.detach().requiresGrad_();
        Tensor gu = Autograd.grad(java.util.List.of(Loss.nllLoss(u.logSoftmax(1), target, Loss.Reduction.MEAN)),
                java.util.List.of(u), null, true, true).get(0);
        Tensor gv = Autograd.grad(java.util.List.of(Loss.nllLoss(asRows(v).logSoftmax(1), target.reshape(-1),
                Loss.Reduction.MEAN)), java.util.List.of(v), null, true, true).get(0);
        assertArrayEquals(gv.toArray(), gu.toArray(), "NLL's first gradient, recorded");
        gu.mul(weights).sum().backward();
        gv.mul(weights).sum().backward();
        assertArrayEquals(v.grad().toArray(), u.grad().toArray(), "NLL's gradient of the gradient");
    }

    @Test
    void theBitsDoNotDependOnTheThreadCount() {
        Generator g = new Generator(9);
        int[] shape = {8, 10, 32, 32};  // 8 192 positions of 10 classes: three parts on three threads
        Tensor logits = Tensor.randn(g, shape);
        Tensor target = Tensor.randint(g, 0, shape[1], targetShape(shape));
        float[][] got = new float[2][];
        int before = Parallel.threads();
        try {
            for (int run = 0; run < 2; run++) {
                Parallel.setThreads(run == 0 ? 1 : 3);
                Tensor x = logits.detach().requiresGrad_();
                Tensor loss = Functional.crossEntropy(x, target, "mean");
                loss.backward();
                float[] value = loss.toArray(), grad = x.grad().toArray();
                got[run] = java.util.Arrays.copyOf(value, value.length + grad.length);
                System.arraycopy(grad, 0, got[run], value.length, grad.length);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(got[0], got[1], "1 and 3 threads");
    }

    @Test
    void aTargetOutsideTheClassesIsRefusedBeforeAnythingRuns() {
        Tensor x = Tensor.zeros(2, 4, 3).requiresGrad_();
        Tensor target = Tensor.of(new float[] {0, 1, 2, 3, 0, 4}, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(x, target));
        assertTrue(e.getMessage().contains("Target 4.0 is out of bounds") && e.getMessage().contains("sample 5"),
                e.getMessage());
        Tensor half = Tensor.of(new float[] {0, 1, 2, 3, 0, 1.5f}, 2, 3);
        e = assertThrows(IllegalArgumentException.class, () -> Functional.crossEntropy(x, half));
        assertTrue(e.getMessage().contains("Target 1.5"), e.getMessage());
        assertNull(x.grad());
        assertArrayEquals(new float[24], x.toArray());
    }

    @Test
    void aTargetChangedBehindTheVersionCounterIsCaughtInBackward() {
        for (boolean fromLogits : new boolean[] {true, false}) {
            Tensor x = Tensor.zeros(2, 4, 3).requiresGrad_();
            Tensor target = Tensor.of(new float[] {0, 1, 2, 3, 0, 1}, 2, 3);
            Tensor loss = fromLogits ? Functional.crossEntropy(x, target)
                    : Loss.nllLoss(x, target, Loss.Reduction.MEAN);
            target.sharedArray()[target.offset + 4] = 7f;
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            assertTrue(e.getMessage().contains("target 7.0 of sample 4"), e.getMessage());
        }
    }

    private static int[] targetShape(int[] shape) {
        int[] t = new int[shape.length - 1];
        t[0] = shape[0];
        System.arraycopy(shape, 2, t, 1, t.length - 1);
        return t;
    }

    /** [N, C, d1, ...] as rows of C: the classes moved last, flattened (differentiable, so gradients flow back). */
    private static Tensor asRows(Tensor x) {
        return x.movedim(1, -1).reshape(-1, x.size(1));
    }
}
