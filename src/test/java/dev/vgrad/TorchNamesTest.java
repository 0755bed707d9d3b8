package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusals and the non-tensor results of the names added from torch's namespace (broadcast_to ... renorm); their
 * values and gradients are checked against PyTorch in TorchOpsFixturesTest ("torch_names" programs).
 */
class TorchNamesTest {
    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        Tensor x = Tensor.arange(12f).reshape(3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> x.tensorSplit(0, 0));
        assertTrue(e.getMessage().contains("must be greater than 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.unflatten(1, 3, 2));
        assertTrue(e.getMessage().contains("don't multiply up to the size of dim 1 (4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.take(Tensor.of(1f, 12f)));
        assertTrue(e.getMessage().contains("index 12.0 at position 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.vdot(x));
        assertEquals("1D tensors expected, but got 2D and 2D tensors", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.kthvalue(5, 1, false));
        assertTrue(e.getMessage().contains("k 5, size 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.renorm(0f, 0, 1f));
        assertThrows(IllegalArgumentException.class, () -> x.isclose(x, -1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Tensor.vstack(List.of()));
    }

    @Test
    void allcloseAndKthvaluesIndicesAnswerAsPyTorchsDo() {
        Tensor a = Tensor.of(1f, Float.NaN, Float.POSITIVE_INFINITY);
        assertFalse(a.allclose(a), "NaN is not close to NaN by default");
        assertTrue(a.allclose(a, 1e-5, 1e-8, true));
        assertFalse(Tensor.of(1f).allclose(Tensor.of(1.001f)));
        List<Tensor> kth = Tensor.of(new float[] {5, 1, 4, 2, 3}, 5).kthvalue(2, 0, false);
        assertEquals(2f, kth.get(0).item());
        assertEquals(3f, kth.get(1).item(), "the index of the second smallest");
        assertArrayEquals(new float[] {1, 0, 0, 1}, Tensor.of(-0f, 0f, 1f, -2f).signbit().toArray());
        assertArrayEquals(new int[] {2, 3, 4}, Tensor.ones(3, 1).broadcastTo(2, 3, 4).shape());
        assertArrayEquals(new int[] {1, 3, 1}, Tensor.atleast3d(Tensor.ones(3)).shape(), "torch: (1, N, 1)");
    }
}
