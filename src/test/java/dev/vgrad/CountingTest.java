package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Refusals and edges of the counting and searching ops, and of cross (their values against PyTorch are
 * TorchOpsFixturesTest's).
 */
class CountingTest {
    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void badValuesAreNamedNotSkipped() {
        assertMessage(() -> Tensor.of(1f, -2f).bincount(null, 0), "-2.0", "position 1");
        assertMessage(() -> Tensor.of(1f, 0.5f).bincount(null, 0), "0.5");
        assertMessage(() -> Tensor.of(1f, Float.NaN).histc(3, 0f, 2f), "NaN", "position 1");
        assertMessage(() -> Tensor.searchsorted(Tensor.of(1f, 2f), Tensor.of(Float.NaN), false), "NaN");
        assertMessage(() -> Tensor.searchsorted(Tensor.zeros(2, 3), Tensor.zeros(3, 1), false), "[2, 3]", "[3, 1]");
        assertMessage(() -> Tensor.of(1f).bucketize(Tensor.zeros(2, 2), false), "1 dimension");
        assertMessage(() -> Tensor.of(1f).histc(0, 0f, 1f), "bins");
    }

    @Test
    void crossNeedsThreeInBothAtItsDimension() {
        assertMessage(() -> Tensor.zeros(2, 3).cross(Tensor.zeros(1, 3), 0), "[2, 3]", "[1, 3]", "length 3");
        assertMessage(() -> Tensor.zeros(3, 2).cross(Tensor.zeros(2), 0), "[3, 2]", "[2]", "length 3");
    }

    @Test
    void edgesFollowPyTorch() {
        List<Tensor> u = Tensor.of(Float.NaN, 1f, Float.NaN, 1f).unique(true, true);
        // each NaN is its own value, as torch 1.13 lists them; its counts (0) and inverse indices (0) for NaN are not
        // followed: here every element is counted once and points at its own value
        assertEquals(3, u.get(0).numel(), "each NaN is its own value");
        assertArrayEquals(new float[] {2f, 1f, 1f}, u.get(2).toArray());
        assertArrayEquals(new float[] {1f, 0f, 2f, 0f}, u.get(1).toArray());
        assertArrayEquals(new float[] {0f, 3f, 0f}, Tensor.of(4f, 4f, 4f).histc(3, 0f, 0f).toArray(),
                "a single value widened by 1 each side, in the middle bin");
        assertArrayEquals(new int[] {2, 0}, Tensor.triuIndices(0, 3, 0).shape());
        assertArrayEquals(new float[] {0f, 0f, 0f}, Tensor.zeros(0).bincount(null, 3).toArray());
    }
}
