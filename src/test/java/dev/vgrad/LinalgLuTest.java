package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LU ops beyond what the PyTorch programs (linalg_lu_* in torch_ops.txt) check: finite-difference gradients of
 * first and second order on square, wide and tall matrices, P L U = A on larger odd shapes, unpacking, singular
 * matrices, and PyTorch's errors, each leaving its inputs as they were.
 */
class LinalgLuTest {
    private final Generator g = new Generator(20261206);

    private static Tensor mT(Tensor t) {
        return t.transpose(-2, -1);
    }

    @Test
    void factorsReassembleTheirMatrix() {
        for (int[] shape : new int[][] {{17, 17}, {2, 9, 23}, {23, 9}, {3, 1, 5}, {5, 1}}) {
            Tensor a = Tensor.randn(g, shape);
            float[] before = a.toArray();
            List<Tensor> plu = Linalg.lu(a);
            Tensor back = plu.get(0).matmul(plu.get(1)).matmul(plu.get(2));
            float[] want = a.toArray(), got = back.toArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5, "P L U at " + i);
            }
            assertArrayEquals(before, a.toArray(), "the input is left as it was");
            List<Tensor> factored = Linalg.luFactor(a), unpacked = Linalg.luUnpack(factored.get(0), factored.get(1));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(plu.get(i).toArray(), unpacked.get(i).toArray(), "lu_unpack of lu_factor, " + i);
            }
            int m = shape[shape.length - 2], n = shape[shape.length - 1];
            float[] pivots = factored.get(1).toArray();
            for (int i = 0; i < pivots.length; i++) {   // LAPACK's: 1-based, step k's at least k + 1
                int step = i % Math.min(m, n);
                assertTrue(pivots[i] == Math.rint(pivots[i]) && pivots[i] >= step + 1 && pivots[i] <= m);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (int[] mn : new int[][] {{4, 4}, {3, 5}, {5, 3}}) {
            Tensor a = Tensor.randn(g, 2, mn[0], mn[1]);
            String what = mn[0] + "x" + mn[1];
            assertTrue(GradCheck.gradcheck(x -> Linalg.luFactor(x[0]).get(0), a), "lu_factor " + what);
            assertTrue(GradCheck.gradcheck(x -> {
                List<Tensor> plu = Linalg.lu(x[0]);
                return plu.get(1).matmul(plu.get(2).mul(plu.get(2)));
            }, a), "lu " + what);
            assertTrue(GradCheck.gradcheck(x -> Linalg.lu(x[0]).get(1), a), "lu's L alone " + what);
            assertTrue(GradCheck.gradcheck(x -> Linalg.lu(x[0]).get(2), a), "lu's U alone " + what);
        }
        Tensor a = Tensor.randn(g, 2, 4, 4).add(Tensor.eye(4).mul(3f)), b = Tensor.randn(g, 3, 2, 4, 2);
        Tensor pivots = Linalg.luFactor(a).get(1);
        Tensor lu = Linalg.luFactor(a).get(0);
        assertTrue(GradCheck.gradcheck(x -> Linalg.luSolve(x[0], pivots, x[1]), lu, b), "lu_solve, broadcast");
        assertTrue(GradCheck.gradcheck(x -> {
            List<Tensor> f = Linalg.luFactor(x[0]);
            return Linalg.luSolve(f.get(0), f.get(1), x[1]);
        }, a, b), "lu_factor into lu_solve");
    }

    @Test
    void secondDerivativesMatchFiniteDifferences() {
        Tensor a = Tensor.randn(g, 3, 3).add(Tensor.eye(3).mul(3f)), b = Tensor.randn(g, 3, 2);
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.luFactor(x[0]).get(0), a));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.lu(x[0]).get(2), Tensor.randn(g, 3, 4)));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.lu(x[0]).get(1), Tensor.randn(g, 4, 3)));
        assertTrue(GradCheck.gradgradcheck(x -> {
            List<Tensor> f = Linalg.luFactor(x[0]);
            return Linalg.luSolve(f.get(0), f.get(1), x[1]);
        }, a, b));
    }

    @Test
    void singularMatricesAreRefusedByLuFactorAndReportedByTheOthers() {
        Tensor singular = Tensor.of(new float[] {1, 2, 2, 4}, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linalg.luFactor(singular));
        assertEquals("torch.linalg.lu_factor: U[2,2] is zero and using it on lu_solve would result in a division by "
                + "zero. If you still want to perform the factorization, consider calling linalg.lu(A, pivot) or "
                + "linalg.lu_factor_ex(A, pivot)", e.getMessage());
        Tensor batch = Tensor.stack(List.of(Tensor.eye(2), singular), 0);
        e = assertThrows(IllegalArgumentException.class, () -> Linalg.luFactor(batch));
        assertTrue(e.getMessage().startsWith("torch.linalg.lu_factor: (Batch element 1): U[2,2] is zero"),
                e.getMessage());
        List<Tensor> ex = Linalg.luFactorEx(batch);
        assertArrayEquals(new float[] {0, 2}, ex.get(2).toArray());
        assertArrayEquals(new float[] {1, 2, 2, 2}, ex.get(1).toArray());
        List<Tensor> plu = Linalg.lu(singular);
        assertArrayEquals(new float[] {2, 4, 0, 0}, plu.get(2).toArray());   // PyTorch's U for this matrix
    }

    @Test
    void badInputIsRefusedWithPyTorchsMessages() {
        Tensor vector = Tensor.randn(g, 3);
        assertEquals("torch.lu_factor: Expected tensor with 2 or more dimensions. Got size: [3] instead",
                assertThrows(IllegalArgumentException.class, () -> Linalg.luFactor(vector)).getMessage());
        Tensor a = Tensor.randn(g, 3, 3).add(Tensor.eye(3).mul(3f));
        List<Tensor> f = Linalg.luFactor(a);
        Tensor b = Tensor.randn(g, 4, 2);
        float[] before = b.toArray();
        assertEquals("linalg.lu_solve: Incompatible shapes of A and B for the equation AX = B (3x3 and 4x2)",
                assertThrows(IllegalArgumentException.class, () -> Linalg.luSolve(f.get(0), f.get(1), b))
                        .getMessage());
        assertArrayEquals(before, b.toArray());
        assertEquals("torch.linalg.lu_solve: A must be batches of square matrices, but they are 3 by 2 matrices",
                assertThrows(IllegalArgumentException.class, () -> Linalg.luSolve(Tensor.randn(g, 3, 2),
                        Tensor.of(new float[] {1, 2}, 2), Tensor.randn(g, 3, 2))).getMessage());
        Tensor badPivots = Tensor.of(new float[] {1.5f, 2, 3}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.luSolve(f.get(0), badPivots, Tensor.randn(g, 3, 1)));
        assertTrue(e.getMessage().contains("pivot 1.5 at position 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.luSolve(f.get(0), Tensor.of(new float[] {1, 2}, 2), Tensor.randn(g, 3, 1)));
        assertEquals("linalg.lu_solve: pivots [2] do not match LU [3, 3] (expected LU's batch dimensions and 3)",
                e.getMessage());
        Tensor outOfRange = Tensor.of(new float[] {1, 1, 3}, 3);   // step 1 cannot swap with row 0
        e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.luSolve(f.get(0), outOfRange, Tensor.randn(g, 3, 1)));
        assertTrue(e.getMessage().contains("pivot 1.0 at position 1"), e.getMessage());
    }

    @Test
    void pivotsCarryNoGradient() {
        Tensor a = Tensor.randn(g, 3, 3).requiresGrad_(true);
        List<Tensor> f = Linalg.luFactor(a);
        assertNull(f.get(1).gradFn());
        assertNull(Linalg.lu(a).get(0).gradFn());
        f.get(0).sum().backward();
        assertArrayEquals(new int[] {3, 3}, a.grad().shape());
        Tensor x = Linalg.luSolve(f.get(0), f.get(1), mT(a));
        assertEquals(2, x.dim());
    }
}
