package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.KeyedFixture;
import dev.vgrad.autograd.GradMode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AdaptiveLogSoftmaxWithLoss against PyTorch 1.13 (scripts/torch_adaptive_fixtures.py): the initial weights for a
 * seed, forward's per-row log-probabilities and loss, the loss's gradients with respect to the input and every
 * parameter (none for a cluster no target fell in), log_prob and predict (also with rows predicted inside the
 * clusters), an unbatched input, and a cluster whose hidden size is 0.
 */
class AdaptiveLogSoftmaxTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws IOException {
        fx = KeyedFixture.load("/fixtures/torch_adaptive.txt");
    }

    private static void assertClose(String key, Tensor got) {
        fx.assertClose(key, got, 1e-5f);
    }

    private static AdaptiveLogSoftmaxWithLoss replay(String c, int seed, int in, int classes, int[] cutoffs,
                                                     float div, boolean headBias, int... xShape) {
        Generator g = new Generator(seed);
        AdaptiveLogSoftmaxWithLoss m = new AdaptiveLogSoftmaxWithLoss(in, classes, cutoffs, div, headBias, g);
        m.stateDict().forEach((k, v) -> assertClose(c + ".init." + k, v));
        Tensor x = Tensor.randn(g, xShape).requiresGrad_(true);
        assertClose(c + ".x", x);
        float[] t = fx.get(c + ".target");
        Tensor target = xShape.length == 1 ? Tensor.scalar(t[0]) : Tensor.of(t, t.length);
        AdaptiveLogSoftmaxWithLoss.Output out = m.forward(x, target);
        out.loss().backward();
        assertClose(c + ".output", out.output());
        assertClose(c + ".loss", out.loss());
        assertClose(c + ".xgrad", x.grad());
        m.namedParameters().forEach((k, p) -> {
            if (fx.get(c + ".grad." + k).length == 0) {
                assertTrue(p.grad() == null || p.grad().numel() == 0, k + " should get no gradient");
            } else {
                assertClose(c + ".grad." + k, p.grad());
            }
        });
        if (xShape.length == 2) {
            assertClose(c + ".logprob", m.logProb(x));
            assertClose(c + ".predict", m.predict(x));
        }
        return m;
    }

    @Test
    void matchesTorch() {
        AdaptiveLogSoftmaxWithLoss three = replay("three", 61, 8, 20, new int[] {4, 10, 15}, 2f, true, 9, 8);
        try (var noGrad = GradMode.noGrad()) {
            three.head.bias.narrow(0, 4, 1).add_(2f);
        }
        Tensor x = Tensor.of(fx.get("three.x"), 9, 8);
        assertClose("three.predict2", three.predict(x));
        replay("one", 62, 16, 10, new int[] {3}, 4f, false, 6, 16);
        replay("shortlist", 63, 5, 6, new int[] {4}, 4f, false, 3, 5);
        replay("unbatched", 64, 12, 9, new int[] {2, 5}, 4f, false, 12);
    }

    @Test
    void refusesWhatTorchRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLogSoftmaxWithLoss(4, 10, new int[] {5, 3}));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLogSoftmaxWithLoss(4, 10, new int[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLogSoftmaxWithLoss(4, 10, new int[] {3, 10}));
        AdaptiveLogSoftmaxWithLoss m = new AdaptiveLogSoftmaxWithLoss(4, 10, new int[] {3}, 4f, false,
                new Generator(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.ones(2, 4), Tensor.of(1f, 10f)));
        assertTrue(e.getMessage().contains("[0, 9]") && e.getMessage().contains("target[1] is 10.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.ones(3, 4), Tensor.of(1f, 2f)));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.ones(2, 4), Tensor.of(1f, 2.5f)));
        assertThrows(UnsupportedOperationException.class, () -> m.forward(Tensor.ones(2, 4)));
    }
}
