package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * torch.as_strided_scatter against PyTorch 1.13's values, and its gradients by finite differences (PyTorch 1.13's own
 * self-gradient is reversed: g at the written elements, 0 elsewhere).
 */
class AsStridedScatterTest {
    @Test
    void writesTheViewAsTorch() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        // torch.as_strided_scatter(torch.arange(12.).reshape(3, 4), -torch.arange(6.).reshape(2, 3) - 1, (2, 3), (4,
        // 2), 1): the view names element 5 twice; the later write (-4) stays
        Tensor src = Tensor.arange(6).neg().sub(1f).reshape(2, 3);
        assertArrayEquals(new float[] {0, -1, 2, -2, 4, -4, 6, -5, 8, -6, 10, 11},
                x.asStridedScatter(src, new int[] {2, 3}, new int[] {4, 2}, 1).toArray());
        // a transposed self: the strides count in its own storage order, which torch's clone keeps (element 5 of the
        // storage is t[1][1])
        assertArrayEquals(new float[] {0, 4, 8, 1, 0, 9, 2, 6, 0, 3, 7, 11},
                x.t().asStridedScatter(Tensor.zeros(3), new int[] {3}, new int[] {5}, 0).toArray());
        // a narrowed self is not dense: torch's clone is row-major, and so are the strides
        assertArrayEquals(new float[] {0, 1, 2, 4, 0, 6, 8, 9, 0},
                x.narrow(1, 0, 3).asStridedScatter(Tensor.zeros(3), new int[] {3}, new int[] {4}, 0).toArray());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Generator g = new Generator(8);
        assertTrue(GradCheck.gradcheck(t -> t[0].asStridedScatter(t[1], new int[] {2, 2}, new int[] {4, 1}, 1).square(),
                Tensor.randn(g, 3, 4), Tensor.randn(g, 2, 2)));
        Tensor x = Tensor.arange(12).reshape(3, 4).requiresGrad_(true);
        Tensor src = Tensor.ones(2, 2).requiresGrad_(true);
        x.asStridedScatter(src, new int[] {2, 2}, new int[] {4, 1}, 1).backward(Tensor.arange(12).reshape(3, 4)
                .div(4f).add(1f));
        assertArrayEquals(new float[] {1, 0, 0, 1.75f, 2, 0, 0, 2.75f, 3, 3.25f, 3.5f, 3.75f}, x.grad().toArray());
        assertArrayEquals(new float[] {1.25f, 1.5f, 2.25f, 2.5f}, src.grad().toArray());
    }

    @Test
    void refusesAViewPastTheEndAndMismatchedSizes() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> x.asStridedScatter(Tensor.zeros(2, 3), new int[] {2, 3}, new int[] {4, 2}, 5));
        assertTrue(e.getMessage().contains("13") && e.getMessage().contains("12 elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> x.asStridedScatter(Tensor.zeros(3, 2), new int[] {2, 3}, new int[] {4, 1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> x.asStridedScatter(Tensor.zeros(2, 3), new int[] {2, 3}, new int[] {4}, 0));
    }
}
