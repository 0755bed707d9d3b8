package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * torch.linalg.ldl_factor, ldl_factor_ex and ldl_solve beyond the PyTorch programs of torch_ops.txt (linalg_ldl_*,
 * up to 6 x 6): solves of larger symmetric indefinite systems, with the 2 x 2 blocks a small diagonal forces; only
 * the lower triangle read; a singular D refused or reported; the batch broadcast torch 1.13 crashes on; no gradient,
 * as in torch; pivots sytrf could not have made refused.
 */
class LdlTest {
    private final Generator g = new Generator(41);

    /** Symmetric, indefinite, with a diagonal small beside the rest: 2 x 2 blocks and interchanges throughout. */
    private Tensor indefinite(int... shape) {
        int n = shape[shape.length - 1];
        Tensor x = Tensor.randn(g, shape);
        Tensor sym = x.add(x.transpose(-2, -1));
        return sym.sub(sym.mul(Tensor.eye(n)).mul(0.95f));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 40, 97})
    void solvesSymmetricIndefiniteSystems(int n) {
        Tensor a = indefinite(2, n, n), b = Tensor.randn(g, 2, n, 3);
        var f = Linalg.ldlFactor(a);
        Tensor ld = f.get(0), pivots = f.get(1);
        assertArrayEquals(new int[] {2, n}, pivots.shape());
        assertEquals(0f, ld.triu(1).abs().sum().item(), "LD's upper triangle is zero");
        if (n >= 40) {
            assertTrue(pivots.lt(0f).sum().item() > 0, "the small diagonal gives 2 x 2 blocks");
        }
        Tensor x = Linalg.ldlSolve(ld, pivots, b);
        // A X = B, to float's rounding of a solve in double times the system's condition
        Tensor residual = a.matmul(x).sub(b).abs().flatten(-2, -1).amax(-1, false);
        Tensor scale = a.abs().flatten(-2, -1).amax(-1, false).mul(x.abs().flatten(-2, -1).amax(-1, false));
        assertTrue(residual.div(scale).amax().item() < 1e-5f, "relative residual " + residual.div(scale));
        Matrices.assertNear(Linalg.solve(a, b), x, 2e-3f * Math.max(1f, x.abs().amax().item()), "against solve");
    }

    @Test
    void readsTheLowerTriangleOnly() {
        Tensor a = Tensor.randn(g, 5, 5);
        Tensor symmetric = a.tril(0).add(a.tril(-1).transpose(0, 1));
        var f = Linalg.ldlFactor(a);
        var s = Linalg.ldlFactor(symmetric);
        assertArrayEquals(s.get(0).toArray(), f.get(0).toArray(), 0f);
        assertArrayEquals(s.get(1).toArray(), f.get(1).toArray(), 0f);
        assertArrayEquals(f.get(0).toArray(), Linalg.ldlFactor(a, true).get(0).toArray(), 0f, "hermitian: real");
    }

    @Test
    void aSingularDIsRefusedOrReported() {
        Tensor a = Tensor.of(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 0}, 3, 3);
        var ex = Linalg.ldlFactorEx(a);
        assertEquals(3f, ex.get(2).item(), "info names D's zero block, 1-based");
        assertArrayEquals(new float[] {-2, -2, 3}, ex.get(1).toArray(), "torch's pivots");
        var e = assertThrows(IllegalArgumentException.class, () -> Linalg.ldlFactor(a));
        assertTrue(e.getMessage().startsWith("torch.linalg.ldl_factor: D[3,3] is zero"), e.getMessage());
        Tensor batch = Tensor.stack(java.util.List.of(Tensor.eye(3), a), 0);
        e = assertThrows(IllegalArgumentException.class, () -> Linalg.ldlFactor(batch));
        assertTrue(e.getMessage().contains("(Batch element 1): D[3,3]"), e.getMessage());
        assertArrayEquals(new float[] {0, 3}, Linalg.ldlFactorEx(batch).get(2).toArray());
        assertEquals(1f, Linalg.ldlFactorEx(Tensor.of(new float[] {Float.NaN, 1, 1, 2}, 2, 2)).get(2).item(),
                "a NaN on the diagonal is reported as LAPACK does");
    }

    @Test
    void batchesBroadcastBothWays() {
        Tensor a = indefinite(2, 4, 4), b = Tensor.randn(g, 3, 2, 4, 2);
        var f = Linalg.ldlFactor(a);
        Tensor x = Linalg.ldlSolve(f.get(0), f.get(1), b);
        assertArrayEquals(new int[] {3, 2, 4, 2}, x.shape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                Tensor one = Linalg.ldlSolve(f.get(0).select(0, j), f.get(1).select(0, j), b.select(0, i).select(0, j));
                assertArrayEquals(one.toArray(), x.select(0, i).select(0, j).toArray(), 0f);
            }
        }
        Tensor single = Tensor.randn(g, 4, 1);
        Tensor y = Linalg.ldlSolve(f.get(0), f.get(1), single);
        assertArrayEquals(new int[] {2, 4, 1}, y.shape());
    }

    @Test
    void noGradientAsInPyTorch() {
        Tensor a = indefinite(3, 3).requiresGrad_(true);
        var f = Linalg.ldlFactorEx(a);
        assertFalse(f.get(1).requiresGrad(), "pivots are integers");
        assertFalse(f.get(2).requiresGrad(), "info is an integer");
        var e = assertThrows(UnsupportedOperationException.class, () -> f.get(0).sum().backward());
        assertEquals("derivative for aten::linalg_ldl_factor_ex is not implemented", e.getMessage());
        Tensor b = Tensor.randn(g, 3, 2).requiresGrad_(true);
        Tensor x = Linalg.ldlSolve(f.get(0).detach(), f.get(1), b);
        e = assertThrows(UnsupportedOperationException.class, () -> x.sum().backward());
        assertEquals("derivative for aten::linalg_ldl_solve is not implemented", e.getMessage());
        assertNull(a.grad());
        assertNull(b.grad());
    }

    @Test
    void badShapesAndPivotsAreRefusedWithWhatIsWrong() {
        Tensor ld = Linalg.ldlFactor(indefinite(3, 3)).get(0), b = Tensor.randn(g, 3, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Linalg.ldlFactor(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("2 by 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.ldlSolve(ld, Tensor.of(1f, 2f, 3f), Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("each A matrix is 3 by 3 but each b matrix is 4 by 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Linalg.ldlSolve(ld, Tensor.of(1f, 2f), b));
        assertTrue(e.getMessage().contains("pivots [2] do not match LD [3, 3]"), e.getMessage());
        for (float[] bad : new float[][] {{1, 2.5f, 3}, {1, 0, 3}, {1, 4, 3}, {1, 2, -3}, {-2, 1, 3}}) {
            e = assertThrows(IllegalArgumentException.class, () -> Linalg.ldlSolve(ld, Tensor.of(bad), b));
            assertTrue(e.getMessage().startsWith("torch.linalg.ldl_solve: pivot "), e.getMessage());
        }
        Tensor before = b.clone();
        assertThrows(IllegalArgumentException.class, () -> Linalg.ldlSolve(ld, Tensor.of(1f, 2.5f, 3f), b));
        assertArrayEquals(before.toArray(), b.toArray(), 0f, "B is left as it was");
    }
}
