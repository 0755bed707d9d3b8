package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * index_fill, index_add and index_copy against PyTorch 1.13 on negative and out-of-range indices (a probe of 24
 * indexing ops on indices -1, -4, -5 and 4; BENCHMARKS, "2026-12-07, later morning"): index_fill counts negative
 * indices from the end as torch does, the others refuse them, and each refusal names the op called and leaves self as
 * it was.
 */
class IndexLineTest {
    private static Tensor x() {
        return Tensor.arange(12).reshape(3, 4);
    }

    @Test
    void indexFillCountsNegativeIndicesFromTheEnd() {
        // torch: torch.arange(12.).reshape(3, 4).index_fill_(1, torch.tensor([-1, 0]), -1.)
        assertArrayEquals(new float[] {-1, 1, 2, -1, -1, 5, 6, -1, -1, 9, 10, -1},
                x().indexFill_(1, Tensor.of(-1f, 0f), -1f).toArray());
        // torch: ... index_fill_(1, torch.tensor([-4, 1]), -1.)
        assertArrayEquals(new float[] {-1, -1, 2, 3, -1, -1, 6, 7, -1, -1, 10, 11},
                x().indexFill(1, Tensor.of(-4f, 1f), -1f).toArray());
        Tensor leaf = x().requiresGrad_(true);
        leaf.indexFill(1, Tensor.of(-1f), 5f).sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0}, leaf.grad().toArray());
    }

    @Test
    void refusalsNameTheOpCalledAndChangeNothing() {
        Tensor t = x();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.indexFill_(1, Tensor.of(-5f, 0f), -1f));
        assertEquals("index_fill: index -5 at position [0] is out of bounds for dimension 1 with size 4",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.indexAdd_(0, Tensor.of(0f, -1f), Tensor.ones(2, 4)));
        assertEquals("index_add: index -1 at position [1] is out of bounds for dimension 0 with size 3",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.indexCopy_(0, Tensor.of(3f), Tensor.ones(1, 4)));
        assertEquals("index_copy: index 3 at position [0] is out of bounds for dimension 0 with size 3",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.indexCopy_(0, Tensor.of(0.5f), Tensor.ones(1, 4)));
        assertEquals("index_copy: index 0.5 at position [0] is not an integer (index tensors hold integers as floats)",
                e.getMessage());
        assertArrayEquals(x().toArray(), t.toArray());
    }
}
