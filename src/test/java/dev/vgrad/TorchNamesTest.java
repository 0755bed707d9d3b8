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
        Tensor rows = Tensor.of(new float[] {1f, -3f, 2f, 0.5f, 0.2f, -0.1f}, 2, 3);
        assertArrayEquals(new float[] {0.5f, -1.5f, 1f, 0.5f, 0.2f, -0.1f},
                rows.renorm(Float.POSITIVE_INFINITY, 0, 1.5f).toArray(), 1e-6f, "torch.renorm with p = inf");
    }

    @Test
    void aliasesAreTheOpsTheyName() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, -4, 5, -6}, 2, 3), y = Tensor.full(2f, 2, 3);
        assertArrayEquals(x.abs().toArray(), x.absolute().toArray());
        assertArrayEquals(x.clamp(-3f, 3f).toArray(), x.clip(-3f, 3f).toArray());
        assertArrayEquals(x.mul(y).toArray(), x.multiply(y).toArray());
        assertArrayEquals(x.div(y).toArray(), x.divide(y).toArray());
        assertArrayEquals(x.sub(y).toArray(), x.subtract(y).toArray());
        assertArrayEquals(x.gt(y).toArray(), x.greater(y).toArray());
        assertArrayEquals(x.le(y).toArray(), x.lessEqual(y).toArray());
        assertArrayEquals(new float[] {3, -2, 1, -6, 5, -4}, x.fliplr().toArray(), "fliplr reverses each row");
        assertArrayEquals(new float[] {-4, 5, -6, 1, -2, 3}, x.flipud().toArray(), "flipud reverses the rows");
        assertArrayEquals(new float[] {-4, -2, -6, 1, 5, 3}, x.msort().toArray(), "msort sorts each column");
        assertArrayEquals(new int[] {6}, x.ravel().shape());
        assertArrayEquals(new int[] {3, 2}, x.swapaxes(0, 1).shape());
        assertEquals((float) Math.sqrt(1 + 16 + 1 + 36 + 9 + 64), x.dist(y, 2f).item(), 1e-5f);
        assertEquals(23f, x.dist(y, 1f).item(), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2f).fliplr());
    }
}
