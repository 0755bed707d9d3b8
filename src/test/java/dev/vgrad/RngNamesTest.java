package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * torch's names for the default generator: manual_seed, seed, initial_seed, get_rng_state / set_rng_state and
 * torch.random.fork_rng. (torch.manual_seed(3); torch.randn(4) gives the draws of a generator seeded 3, which
 * RandnFixturesTest holds against PyTorch's values.)
 */
class RngNamesTest {
    private Generator.State saved;

    @BeforeEach
    void keep() {
        saved = Tensor.getRngState();
    }

    @AfterEach
    void restore() {
        Tensor.setRngState(saved);
    }

    @Test
    void manualSeedRestartsTheDefaultGenerator() {
        Tensor.manualSeed(3);
        assertEquals(3, Tensor.initialSeed());
        assertArrayEquals(Tensor.randn(new Generator(3), 20).toArray(), Tensor.randn(20).toArray());
        long s = Tensor.seed();
        assertEquals(s, Tensor.initialSeed());
        assertArrayEquals(Tensor.rand(new Generator(s), 5).toArray(), Tensor.rand(5).toArray());
    }

    @Test
    void rngStateAndForkRngReplayTheDraws() {
        Tensor.manualSeed(11);
        Tensor.randn(3);   // a cached second normal is part of the state too
        Generator.State state = Tensor.getRngState();
        float[] first = Tensor.randn(1).toArray();
        Tensor.setRngState(state);
        assertArrayEquals(first, Tensor.randn(1).toArray());

        Tensor.setRngState(state);
        float[] inside;
        try (var fork = Generator.forkRng()) {
            inside = Tensor.rand(6).toArray();
        }
        assertArrayEquals(inside, Tensor.rand(6).toArray(), "the fork left the generator where it was");
        assertFalse(Arrays.equals(inside, Tensor.rand(6).toArray()));
    }
}
