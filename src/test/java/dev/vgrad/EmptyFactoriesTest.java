package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.empty, empty_like, empty_strided, scalar_tensor and concatenate: shapes and strides as PyTorch gives them
 * (torch.empty_strided((2, 3), (1, 2)).stride() == (1, 2), and its storage holds 6 elements).
 */
class EmptyFactoriesTest {
    @Test
    void shapesAndStridesAsTorchs() {
        Tensor e = Tensor.empty(2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, e.shape());
        assertArrayEquals(new int[] {12, 4, 1}, e.stride());
        assertArrayEquals(new int[] {5, 1}, Tensor.ones(5, 1).emptyLike().shape());
        Tensor s = Tensor.emptyStrided(new int[] {2, 3}, new int[] {1, 2});
        assertArrayEquals(new int[] {2, 3}, s.shape());
        assertArrayEquals(new int[] {1, 2}, s.stride());
        s.copy_(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, s.toArray(), "every element its own place");
        assertEquals(0, Tensor.emptyStrided(new int[] {0, 3}, new int[] {3, 1}).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.emptyStrided(new int[] {2}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.emptyStrided(new int[] {2}, new int[] {-1}));
        assertEquals(0, Tensor.scalarTensor(2.5f).dim());
        assertEquals(2.5f, Tensor.scalarTensor(2.5f).item());
        assertArrayEquals(new float[] {1, 2, 3}, Tensor.concatenate(List.of(Tensor.of(1f), Tensor.of(2f, 3f)), 0)
                .toArray());
    }
}
