package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg at singular and non-finite inputs, against PyTorch 1.13's values (from a probe of 14 matrices through
 * 31 ops; BENCHMARKS, "2026-12-07, later morning"): cond in every order, the Frobenius norm's gradient at zero, and
 * matrix_power's association order where infinities meet zeros.
 */
class LinalgEdgesTest {
    private static final float INF = Float.POSITIVE_INFINITY;

    private static float cond(Tensor a, Object ord) {
        return (ord instanceof String s ? Linalg.cond(a, s) : Linalg.cond(a, ((Number) ord).doubleValue())).item();
    }

    @Test
    void condInEveryOrderAsTorch() {
        Object[] ords = {"fro", "nuc", 1, -1, INF, -INF, -2, 2};
        Tensor spd = Tensor.of(new float[] {2, -1, 0, -1, 2, -1, 0, -1, 2}, 3, 3);
        float[] spdWant = {7.2111025f, 15f, 8f, 4.5f, 8f, 4.5f, 0.17157288f, 5.8284268f};
        Tensor negdef = Tensor.of(new float[] {-1, 0, 0, -2}, 2, 2);
        float[] negdefWant = {2.5f, 4.5f, 2f, 0.5f, 2f, 0.5f, 0.5f, 2f};
        Tensor singular = Tensor.of(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 2}, 3, 3);
        float[] singularWant = {INF, INF, INF, INF, INF, INF, 0f, INF};
        float[] zerosWant = {INF, Float.NaN, INF, INF, INF, INF, Float.NaN, Float.NaN};
        for (int i = 0; i < ords.length; i++) {
            assertEquals(spdWant[i], cond(spd, ords[i]), 2e-6f * spdWant[i], "spd " + ords[i]);
            assertEquals(negdefWant[i], cond(negdef, ords[i]), 1e-6f, "negdef " + ords[i]);
            assertEquals(singularWant[i], cond(singular, ords[i]), "singular " + ords[i]);
            assertEquals(zerosWant[i], cond(Tensor.zeros(3, 3), ords[i]), "zeros " + ords[i]);
        }
    }

    @Test
    void condGradientsMatchFiniteDifferences() {
        // no ties among the row or column sums, no zero in A^-1 (abs's kink)
        Tensor a = Tensor.of(new float[] {3, 1, 0.5f, -1, 2, 0.3f, 0.25f, -0.4f, 1.7f}, 3, 3);
        for (Object ord : new Object[] {"fro", "nuc", 1, INF, -2, 2}) {
            assertTrue(GradCheck.gradcheck(x -> ord instanceof String s ? Linalg.cond(x[0], s)
                    : Linalg.cond(x[0], ((Number) ord).doubleValue()), a), String.valueOf(ord));
        }
    }

    @Test
    void frobeniusNormOfZerosHasGradientZero() {
        Tensor z = Tensor.zeros(2, 3).requiresGrad_(true);
        Linalg.matrixNorm(z).backward();
        assertArrayEquals(new float[6], z.grad().toArray());
    }

    @Test
    void matrixPowerAssociatesAsTorch() {
        Tensor m = Tensor.of(new float[] {1, 2, 0, 3, INF, 1, 0, 1, 1}, 3, 3);
        float nan = Float.NaN;
        assertArrayEquals(new float[] {INF, INF, INF, nan, INF, nan, INF, INF, INF},
                Linalg.matrixPower(m, 3).toArray());
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor one = Linalg.matrixPower(a, 1);
        assertNotSame(a, one);
        one.fill_(0f);
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.toArray(), "k = 1 is a new tensor, as PyTorch's clone");
    }
}
