package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** multinomial, bernoulli and randperm: their frequencies, what they may never draw, their refusals, their seeds. */
class SamplingTest {
    @Test
    void multinomialDrawsEachCategoryInProportionToItsWeight() {
        Tensor w = Tensor.of(1f, 0f, 3f, 6f);
        float[] draws = w.multinomial(20000, true, new Generator(7)).toArray();
        int[] count = new int[4];
        for (float d : draws) {
            count[(int) d]++;
        }
        assertEquals(0, count[1], "a category of weight 0 is never drawn");
        assertEquals(0.1, count[0] / 20000.0, 0.01);
        assertEquals(0.3, count[2] / 20000.0, 0.015);
        assertEquals(0.6, count[3] / 20000.0, 0.015);
        assertArrayEquals(draws, w.multinomial(20000, true, new Generator(7)).toArray(), "the same seed, the same draws");
    }

    @Test
    void withoutReplacementEachRowDrawsDistinctCategoriesOfNonzeroWeight() {
        Tensor w = Tensor.of(new float[] {0.1f, 0f, 5f, 2f, 1f, 1f, 1f, 1f}, 2, 4);
        Generator g = new Generator(3);
        for (int round = 0; round < 50; round++) {
            float[] s = w.multinomial(3, false, g).toArray();
            Set<Float> first = new HashSet<>(Set.of(s[0], s[1], s[2]));
            assertEquals(Set.of(0f, 2f, 3f), first, "row 0 has exactly three categories of nonzero weight");
            assertEquals(3, new HashSet<>(Set.of(s[3], s[4], s[5])).size());
        }
        assertArrayEquals(new int[] {2, 3}, w.multinomial(3, false, g).shape());
    }

    @Test
    void multinomialRefusesWhatIsNoDistribution() {
        Generator g = new Generator(1);
        var negative = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, -1f).multinomial(1, true, g));
        assertTrue(negative.getMessage().contains("-1.0") && negative.getMessage().contains("[1]"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, Float.NaN).multinomial(1, true, g));
        var zero = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).multinomial(1, true, g));
        assertTrue(zero.getMessage().contains("sum of probabilities"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(3).multinomial(4, false, g));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 0f, 1f).multinomial(3, false, g));
        assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 2, 2).multinomial(1, true, g));
    }

    @Test
    void doubleWeightsAreRefusedAsFloatOnesAre() {
        Generator g = new Generator(1);
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Tensor.multinomial(new double[] {1, Double.NaN}, 1, true, g));
        assertTrue(nan.getMessage().contains("NaN at [1]"), nan.getMessage());
        var zero = assertThrows(IllegalArgumentException.class,
                () -> Tensor.multinomial(new double[] {0, 0}, 1, true, g));
        assertTrue(zero.getMessage().contains("sum of probabilities <= 0"), zero.getMessage());
        var overflow = assertThrows(IllegalArgumentException.class,
                () -> Tensor.multinomial(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, 1, true, g));
        assertTrue(overflow.getMessage().contains("infinite"), overflow.getMessage());
        var few = assertThrows(IllegalArgumentException.class,
                () -> Tensor.multinomial(new double[] {1, 0, 1}, 3, false, g));
        assertTrue(few.getMessage().contains("3 samples without replacement from 2 nonzero"), few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.multinomial(new double[] {1}, 0, true, g));
        int[] distinct = Tensor.multinomial(new double[] {1, 0, 1, 2}, 3, false, g);
        assertArrayEquals(new int[] {0, 2, 3}, java.util.Arrays.stream(distinct).sorted().toArray());
    }

    @Test
    void bernoulliDrawsOnesWithTheGivenProbability() {
        Tensor p = Tensor.full(0.25f, 100, 100);
        float[] draws = p.bernoulli(new Generator(5)).toArray();
        double mean = 0;
        for (float d : draws) {
            assertTrue(d == 0f || d == 1f);
            mean += d / draws.length;
        }
        assertEquals(0.25, mean, 0.02);
        assertArrayEquals(new float[] {0f, 1f}, Tensor.of(0f, 1f).bernoulli(new Generator(5)).toArray());
        var bad = assertThrows(IllegalArgumentException.class, () -> Tensor.of(0.5f, 1.5f).bernoulli(new Generator(5)));
        assertTrue(bad.getMessage().contains("1.5"), bad.getMessage());
        assertFalse(p.bernoulli(new Generator(5)).requiresGrad());
    }

    @Test
    void randpermIsGeneratorsPermutationAsFloats() {
        int[] expected = new Generator(9).randperm(10);
        float[] got = Tensor.randperm(10, new Generator(9)).toArray();
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], got[i]);
        }
    }
}
