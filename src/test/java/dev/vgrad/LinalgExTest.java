package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg's _ex ops (info instead of an error) and the names it gives Tensor ops (cross, diagonal, matmul,
 * vander), beyond the PyTorch programs of torch_ops.txt (linalg_ex_*): singular and indefinite matrices in a batch,
 * gradients, and the errors.
 */
class LinalgExTest {
    private final Generator g = new Generator(20261207);

    private Tensor wellConditioned(int... shape) {
        return Matrices.wellConditioned(g, shape);
    }

    @Test
    void exOpsReportInfoPerMatrixInsteadOfRaising() {
        Tensor singular = Tensor.of(new float[] {1, 2, 2, 4}, 2, 2), indefinite = Tensor.of(new float[] {1, 2, 2, 1}, 2,
                2);
        Tensor good = Tensor.of(new float[] {4, 2, 2, 3}, 2, 2);
        List<Tensor> inv = Linalg.invEx(Tensor.stack(List.of(good, singular), 0));
        assertArrayEquals(new float[] {0, 2}, inv.get(1).toArray());
        assertArrayEquals(Linalg.inv(good).toArray(), inv.get(0).select(0, 0).toArray());
        float[] bad = inv.get(0).select(0, 1).toArray();
        for (float v : bad) {
            assertTrue(!Float.isFinite(v), "a singular matrix's inverse is not finite: " + v);
        }
        List<Tensor> chol = Linalg.choleskyEx(Tensor.stack(List.of(indefinite, good), 0), false);
        assertArrayEquals(new float[] {2, 0}, chol.get(1).toArray());
        assertArrayEquals(Linalg.cholesky(good).toArray(), chol.get(0).select(0, 1).toArray());
        for (float v : chol.get(0).select(0, 0).toArray()) {
            assertTrue(Float.isNaN(v), "a failed factor is NaN, not a number that looks like one");
        }
        Tensor b = Tensor.of(new float[] {1, 1}, 2);
        List<Tensor> solved = Linalg.solveEx(singular, b);
        assertEquals(2f, solved.get(1).item());
        assertArrayEquals(new int[] {2}, solved.get(0).shape());
        List<Tensor> fine = Linalg.solveEx(good, b);
        assertArrayEquals(Linalg.solve(good, b).toArray(), fine.get(0).toArray());
        assertEquals(0f, fine.get(1).item());
    }

    @Test
    void exOpsDifferentiateAsTheirPlainOnes() {
        Tensor a = wellConditioned(2, 3, 3), b = Tensor.randn(g, 2, 3, 2);
        assertTrue(GradCheck.gradcheck(x -> Linalg.invEx(x[0]).get(0), a));
        assertTrue(GradCheck.gradcheck(x -> Linalg.solveEx(x[0], x[1]).get(0), a, b));
        Tensor s = a.matmul(a.transpose(-2, -1));
        assertTrue(GradCheck.gradcheck(x -> {
            Tensor sym = x[0].add(x[0].transpose(-2, -1)).mul(0.5f);
            return Linalg.choleskyEx(sym, true).get(0);
        }, s));
    }

    @Test
    void vanderAndTheTensorOpsUnderTheirLinalgNames() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new float[] {1, 1, 1, 1, 2, 4, 1, 3, 9}, Linalg.vander(x).toArray());
        assertArrayEquals(new float[] {1, 1, 1, 2, 1, 3}, Linalg.vander(x, 2).toArray());
        assertArrayEquals(new int[] {2, 4, 5}, Linalg.vander(Tensor.randn(g, 2, 4), 5).shape());
        assertTrue(GradCheck.gradcheck(t -> Linalg.vander(t[0], 4), Tensor.randn(g, 2, 3)));
        assertEquals("N must be greater than 1.",
                assertThrows(IllegalArgumentException.class, () -> Linalg.vander(x, 1)).getMessage());
        assertEquals("N must be greater than 1.",
                assertThrows(IllegalArgumentException.class, () -> Linalg.vander(Tensor.scalar(2f))).getMessage());
        Tensor m = Tensor.arange(9).reshape(3, 3);
        assertArrayEquals(new float[] {0, 4, 8}, Linalg.diagonal(m).toArray());
        assertArrayEquals(new float[] {1, 5}, Linalg.diagonal(m, 1, -2, -1).toArray());
        Tensor u = Tensor.randn(g, 4, 3), v = Tensor.randn(g, 3);
        assertArrayEquals(u.cross(v.expand(4, 3), 1).toArray(), Linalg.cross(u, v).toArray());
        assertArrayEquals(u.matmul(v).toArray(), Linalg.matmul(u, v).toArray());
    }
}
