package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.distributions.Binomial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * torch.binomial draw for draw against PyTorch 1.13 ({@code scripts/torch_binomial_fixtures.py}): each branch of its
 * sampler, the edges it defines, broadcasting, the generator's state after, and Binomial.sample through it.
 */
class BinomialSamplingTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_binomial.txt");
    }

    private static void replay(String name, long seed) {
        Generator g = new Generator(seed);
        Tensor y = Tensor.binomial(fx.tensor(name + ".count"), fx.tensor(name + ".prob"), g);
        assertArrayEquals(fx.get(name + ".y"), y.contiguous().toArray(), name);
        assertArrayEquals(fx.get(name + ".after"), Tensor.rand(g, 3).toArray(), name + ": the generator afterwards");
    }

    @Test
    void inversionBelowTenExpectedSuccesses() {
        replay("small", 3);
    }

    @Test
    void transformedRejectionFromTen() {
        replay("large", 4);
        replay("huge", 5);
        replay("mixed", 7);
    }

    @Test
    void edgesAndBroadcasting() {
        replay("edges", 6);
        replay("broadcast", 8);
    }

    @Test
    void theDistributionSamplesThroughIt() {
        Generator.defaultGenerator().manualSeed(9);
        Binomial d = new Binomial(Tensor.of(10f, 60f, 300f), Tensor.of(0.25f, 0.5f, 0.8f));
        Tensor s = d.sample(Generator.defaultGenerator(), 4, 2);
        assertArrayEquals(new int[] {4, 2, 3}, s.shape());
        assertArrayEquals(fx.get("dist.y"), s.toArray());
        assertArrayEquals(fx.get("dist.after"), Tensor.rand(3).toArray());
    }

    @Test
    void aNanProbabilityGivesNanAndAnInfiniteCountIsRefused() {
        assertTrue(Float.isNaN(Tensor.binomial(Tensor.of(3f), Tensor.of(Float.NaN), new Generator(1)).item()));
        Generator g = new Generator(2);
        Generator.State before = g.getState();
        String msg = assertThrows(IllegalArgumentException.class, () -> Tensor.binomial(Tensor.of(4f,
                Float.POSITIVE_INFINITY), Tensor.of(0.5f), g)).getMessage();
        assertEquals("binomial: expected every count finite, got Infinity at flat position 1", msg);
        assertArrayEquals(Tensor.rand(new Generator(2).setState(before), 2).toArray(), Tensor.rand(g, 2).toArray(),
                "nothing drawn before the refusal");
    }

    @Test
    void withGradItRecordsANodeWhoseBackwardNamesTheOp() {
        Tensor p = Tensor.of(0.5f, 0.2f).requiresGrad_();
        Tensor y = Tensor.binomial(Tensor.of(3f, 9f), p, new Generator(4));
        assertEquals("NotImplemented", y.gradFn().name());
        assertEquals("the derivative for 'binomial' is not implemented.",
                assertThrows(UnsupportedOperationException.class, () -> y.sum().backward()).getMessage());
    }
}
