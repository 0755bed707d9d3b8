package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the PyTorch fixtures of prod, cumprod, cummax/cummin and logcumsumexp do not reach: NaN gradients, 0-d, empty. */
class ScansTest {
    private static Tensor gradOf(Tensor out, Tensor x, Tensor g) {
        return Autograd.grad(List.of(out), List.of(x), List.of(g), false, false).get(0);
    }

    @Test
    void aNanGradientReachesEveryElementAtOrBeforeIt() {
        Tensor g = Tensor.of(1f, Float.NaN, 2f, 1f);
        for (int op = 0; op < 2; op++) {
            Tensor x = Tensor.of(0.3f, 0.5f, 1.4f, -0.2f).requiresGrad_(true);
            float[] grad = gradOf(op == 0 ? x.logcumsumexp(0) : x.cumprod(0), x, g).toArray();
            assertTrue(Float.isNaN(grad[0]) && Float.isNaN(grad[1]), "op " + op);
            assertFalse(Float.isNaN(grad[2]) || Float.isNaN(grad[3]), "op " + op);
        }
    }

    @Test
    void zeroDimensionalInputsScanToThemselves() {
        Tensor x = Tensor.scalar(1.5f).requiresGrad_(true);
        assertEquals(1.5f, x.cumprod(0).item());
        assertEquals(1.5f, x.logcumsumexp(-1).item());
        assertEquals(1.5f, x.cummax(0).get(0).item());
        assertEquals(0f, x.cummin(0).get(1).item());
        assertEquals(1.5f, x.prod().item());
        assertEquals(2f, gradOf(x.cumprod(0), x, Tensor.scalar(2f)).item());
        assertEquals(2f, gradOf(x.logcumsumexp(0), x, Tensor.scalar(2f)).item());
    }

    @Test
    void theProductOfAnEmptyLineIsOne() {
        Tensor x = Tensor.zeros(2, 0).requiresGrad_(true);
        Tensor p = x.prod(1, false);
        assertArrayEquals(new float[] {1f, 1f}, p.toArray());
        assertArrayEquals(new int[] {2, 0}, gradOf(p, x, Tensor.ones(2)).shape());
        assertEquals(1f, Tensor.zeros(0).prod().item());
        assertArrayEquals(new int[] {2, 0}, x.cumprod(1).shape());
    }

    @Test
    void aDimensionOutOfRangeIsRefusedByName() {
        Tensor x = Tensor.ones(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.cumprod(2));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.prod(-3, false));
        assertThrows(IllegalArgumentException.class, () -> x.cummax(5));
        assertThrows(IllegalArgumentException.class, () -> x.logcumsumexp(-4));
    }
}
