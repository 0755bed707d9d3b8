package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The in-place random fills' refusals and histories; their draws are PyTorch's, checked by torch_ops.txt's
 * {@code random_fills_*} programs.
 */
class RandomFillsTest {
    @Test
    void refusalsLeaveTheTensorAndTheGeneratorAsTheyWere() {
        refused("uniform_ expects to return a [from, to) range, but found from=1.0 > to=0.0", (t, g) -> t.uniform_(1, 0, g));
        refused("normal expects std >= 0.0, but found std -1.0", (t, g) -> t.normal_(0, -1, g));
        refused("bernoulli_ expects p to be in [0, 1], but got p=1.5", (t, g) -> t.bernoulli_(1.5, g));
        refused("bernoulli_: expected all probabilities in [0, 1], got 2.0 at flat position 1 of [3]",
                (t, g) -> t.bernoulli_(Tensor.of(0.5f, 2f, 0.1f), g));
        refused("exponential_ expects lambda >= 0.0, but found lambda=-1.0", (t, g) -> t.exponential_(-1, g));
        refused("geometric_ expects p to be in (0, 1), but got p=1.0", (t, g) -> t.geometric_(1, g));
        refused("log_normal_ expects std > 0.0, but found std=0.0", (t, g) -> t.logNormal_(0, 0, g));
        refused("random_ expects 'from' to be less than 'to', but got from=5 >= to=5", (t, g) -> t.random_(5, 5, g));
        refused("random_: the range [0, 33554431] reaches past 2^24 = 16777216, beyond which a float32 tensor cannot "
                + "hold every integer", (t, g) -> t.random_(1L << 25, g));
        refused("a leaf Variable that requires grad is being used in an in-place operation.",
                (t, g) -> t.requiresGrad_().normal_(0, 1, g));
    }

    private interface Fill {
        void apply(Tensor t, Generator g);
    }

    private static void refused(String message, Fill fill) {
        Tensor t = Tensor.of(1f, 2f, 3f);
        Generator g = new Generator(7);
        RuntimeException e = assertThrows(RuntimeException.class, () -> fill.apply(t, g));
        assertEquals(message, e.getMessage());
        assertArrayEquals(new float[] {1f, 2f, 3f}, t.toArray());
        assertEquals(new Generator(7).nextInt(), g.nextInt(), "nothing drawn before the refusal");
    }

    @Test
    void aFilledTensorWithHistoryPassesZeroGradients() {
        Tensor x = Tensor.randn(new Generator(1), 3, 4).requiresGrad_();
        Generator g = new Generator(2);
        check(x, t -> t.uniform_(-1, 1, g), "UniformBackward0");
        check(x, t -> t.normal_(0, 1, g), "NormalBackward0");
        check(x, t -> t.bernoulli_(0.5, g), "BernoulliBackward2");
        check(x, t -> t.bernoulli_(Tensor.full(0.5f, 1), g), "BernoulliBackward1");
        check(x, t -> t.exponential_(2, g), "ExponentialBackward0");
        check(x, t -> t.geometric_(0.5, g), "GeometricBackward0");
        check(x, t -> t.cauchy_(0, 1, g), "CauchyBackward0");
        check(x, t -> t.logNormal_(0, 1, g), "LogNormalBackward0");
        check(x, t -> t.random_(-3, 9, g), "RandomBackward0");
        check(x, t -> t.random_(9, g), "RandomBackward1");
        check(x, t -> t.random_(g), "RandomBackward2");
    }

    private static void check(Tensor x, Consumer<Tensor> fill, String node) {
        Tensor y = x.mul(2f);
        fill.accept(y.narrow(1, 1, 2));
        assertEquals("CopySlices", y.gradFn().name());
        Tensor z = x.mul(2f);
        fill.accept(z);
        assertEquals(node, z.gradFn().name());
        x.setGrad(null);
        y.sum().backward();
        float[] expected = new float[12];
        for (int r = 0; r < 3; r++) {
            expected[r * 4] = 2f;
            expected[r * 4 + 3] = 2f;
        }
        assertArrayEquals(expected, x.grad().toArray(), node + ": the filled region passes no gradient");
    }

    @Test
    void drawsFollowTheirDistributions() {
        Generator g = new Generator(3);
        int n = 200_000;
        assertEquals(0.3, Tensor.zeros(n).bernoulli_(0.3, g).mean().item(), 0.005);
        assertEquals(1 / 0.25, Tensor.zeros(n).geometric_(0.25, g).mean().item(), 0.05);
        assertEquals(1 / 2.0, Tensor.zeros(n).exponential_(2, g).mean().item(), 0.005);
        Tensor r = Tensor.zeros(n).random_(-3, 4, g);
        assertEquals(0.0, r.mean().item(), 0.02);
        assertEquals(-3f, r.min().item());
        assertEquals(3f, r.max().item());
        float[] v = Tensor.zeros(n).logNormal_(0.5, 0.25, g).log().toArray();
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        assertEquals(0.5, mean / n, 0.005);
        assertTrue(Tensor.zeros(1000).random_(g).max().item() <= (1 << 24));
    }
}
