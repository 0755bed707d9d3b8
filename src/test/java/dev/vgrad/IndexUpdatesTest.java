package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Errors and edges of scatter, index_add/copy/fill, masked_select, nonzero, take_along_dim and rot90. */
class IndexUpdatesTest {
    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void aBadIndexIsNamedWithItsPositionAndNothingChanges() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertMessage(() -> x.scatter(1, Tensor.of(new float[] {0, 3}, 1, 2), 0f), "3", "[0, 1]", "out of bounds");
        assertMessage(() -> x.scatter(1, Tensor.of(new float[] {0.5f}, 1, 1), Tensor.ones(1, 1)), "0.5", "[0, 0]",
                "not an integer");
        assertMessage(() -> x.indexAdd(0, Tensor.of(2f), Tensor.ones(1, 3)), "2", "out of bounds");
        assertMessage(() -> x.indexFill(1, Tensor.of(-4f), 0f), "-4", "out of bounds");   // -1 is the last, as in torch
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, x.toArray());
    }

    @Test
    void shapesThatDoNotFitAreNamed() {
        Tensor x = Tensor.ones(2, 3);
        assertMessage(() -> x.indexAdd(1, Tensor.of(0f, 1f), Tensor.ones(2, 3)), "[2, 3]", "dimension 1", "2");
        assertMessage(() -> x.indexCopy(0, Tensor.of(new float[] {0}, 1, 1), Tensor.ones(1, 3)), "vector", "[1, 1]");
        assertMessage(() -> x.maskedSelect(Tensor.ones(4)), "[2, 3]", "[4]");
        assertMessage(() -> x.takeAlongDim(Tensor.zeros(3), 0), "[2, 3]", "[3]");
        assertMessage(() -> x.takeAlongDim(Tensor.zeros(1, 2), 0), "[2, 3]", "[1, 2]", "dimension 1");
        assertMessage(() -> x.rot90(1, 1, -1), "differ");
        assertMessage(() -> Tensor.ones(3).rot90(1, 0, 1), "at least 2");
    }

    @Test
    void nonzeroListsCoordinatesInRowMajorOrder() {
        Tensor x = Tensor.of(new float[] {0, 2, 0, -1, Float.NaN, 0}, 2, 3);
        assertArrayEquals(new int[] {3, 2}, x.nonzero().shape());
        assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1}, x.nonzero().toArray());
        assertArrayEquals(new int[] {1, 0}, Tensor.scalar(3f).nonzero().shape());
        assertArrayEquals(new int[] {0, 2}, Tensor.zeros(2, 0).nonzero().shape());
    }

    @Test
    void scatterKeepsTheLastOfRepeatedWrites() {
        Tensor out = Tensor.zeros(3).scatter(0, Tensor.of(1f, 1f), Tensor.of(5f, 7f));
        assertArrayEquals(new float[] {0, 7, 0}, out.toArray());
    }
}
