package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg.solve's and solve_ex's left=False and lu_solve's left and adjoint, beyond the PyTorch programs of
 * torch_ops.txt (linalg_sides_*): the equations they solve, gradients to the second order, and PyTorch's messages.
 */
class SolveSidesTest {
    private final Generator g = new Generator(20261205);

    private Tensor wellConditioned(int... shape) {
        return Matrices.wellConditioned(g, shape);
    }

    @Test
    void eachSideSolvesItsEquation() {
        Tensor a = wellConditioned(2, 3, 3), right = Tensor.randn(g, 2, 4, 3), left = Tensor.randn(g, 2, 3, 4);
        assertClose(right, Linalg.solve(a, right, false).matmul(a));
        assertClose(right, Linalg.solveEx(a, right, false).get(0).matmul(a));
        List<Tensor> f = Linalg.luFactor(a);
        Tensor at = a.transpose(-2, -1);
        assertClose(left, a.matmul(Linalg.luSolve(f.get(0), f.get(1), left, true, false)));
        assertClose(left, at.matmul(Linalg.luSolve(f.get(0), f.get(1), left, true, true)));
        assertClose(right, Linalg.luSolve(f.get(0), f.get(1), right, false, false).matmul(a));
        assertClose(right, Linalg.luSolve(f.get(0), f.get(1), right, false, true).matmul(at));
    }

    @Test
    void eachSideDifferentiatesToTheSecondOrder() {
        Tensor a = wellConditioned(3, 3), b = Tensor.randn(g, 2, 3);
        assertTrue(GradCheck.gradcheck(x -> Linalg.solve(x[0], x[1], false), a, b));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.solve(x[0], x[1], false), a, b));
        for (boolean left : new boolean[] {true, false}) {
            Tensor rhs = left ? b.transpose(0, 1).contiguous() : b;
            assertTrue(GradCheck.gradcheck(x -> {
                List<Tensor> f = Linalg.luFactor(x[0]);
                return Linalg.luSolve(f.get(0), f.get(1), x[1], left, true);
            }, a, rhs));
            assertTrue(GradCheck.gradgradcheck(x -> {
                List<Tensor> f = Linalg.luFactor(x[0]);
                return Linalg.luSolve(f.get(0), f.get(1), x[1], left, true);
            }, a, rhs));
        }
    }

    @Test
    void mismatchesAreRefusedAsPyTorchRefusesThem() {
        Tensor a = wellConditioned(3, 3);
        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                () -> Linalg.solve(a, Tensor.ones(3), false));
        assertEquals("linalg.solve: Incompatible shapes of A and B for the equation XA = B (3x3 and 3x1)",
                vector.getMessage());
        List<Tensor> f = Linalg.luFactor(a);
        IllegalArgumentException right = assertThrows(IllegalArgumentException.class,
                () -> Linalg.luSolve(f.get(0), f.get(1), Tensor.ones(3, 2), false, false));
        assertEquals("linalg.lu_solve: Incompatible shapes of A and B for the equation XA = B (3x3 and 3x2)",
                right.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Linalg.luSolve(f.get(0), f.get(1), Tensor.ones(3), true, true));
        assertEquals("linalg.lu_solve: The input tensor B must have at least 2 dimensions.", flat.getMessage());
        Tensor one = Tensor.of(new float[] {2}, 1, 1);
        assertArrayEquals(new float[] {3}, Linalg.solve(one, Tensor.of(new float[] {6}, 1), false).toArray(),
                "with n = 1 a vector B is a 1 x 1 matrix on either side");
    }

    private static void assertClose(Tensor want, Tensor got) {
        Matrices.assertNear(want, got, 2e-5f, "solution");
    }
}
