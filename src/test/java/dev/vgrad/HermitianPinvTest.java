package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg.pinv's and matrix_rank's hermitian=True beyond the PyTorch programs of torch_ops.txt
 * (linalg_hermitian_*): only the lower triangle is read, the general pinv's values and gradient for a symmetric
 * matrix, eigenvalues counted by magnitude; and a NaN or infinity in a matrix, which PyTorch's SVD refuses (NaN) or
 * spreads (infinity) and its eigh spreads, is never lost (the tolerance test had turned such matrices into zeros).
 */
class HermitianPinvTest {
    private final Generator g = new Generator(20261205);

    @Test
    void readsTheLowerTriangleAndAgreesWithTheGeneralPinv() {
        Tensor x = Tensor.randn(g, 2, 4, 4), sym = x.add(x.transpose(-2, -1));
        Tensor upperGarbage = sym.tril(0).add(Tensor.ones(4, 4).triu(1).mul(100f));
        float[] want = Linalg.pinv(sym).toArray(), got = Linalg.pinv(upperGarbage, 0, -1, true).toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4f * Math.max(1f, Math.abs(want[i])), "at " + i);
        }
        assertTrue(GradCheck.gradcheck(t -> Linalg.pinv(t[0].add(t[0].transpose(-2, -1)), 0, -1, true), x));
    }

    @Test
    void rankCountsEigenvaluesOfEitherSign() {
        // eigenvalues 3, -2 and 0: rank 2, where counting signed eigenvalues above the tolerance would give 1
        Tensor q = Linalg.qr(Tensor.randn(g, 3, 3)).get(0);
        Tensor a = q.mul(Tensor.of(new float[] {3, -2, 0}, 3).unsqueeze(0)).matmul(q.transpose(0, 1));
        assertArrayEquals(new float[] {2}, Linalg.matrixRank(a, 0, 1e-3, true).reshape(1).toArray());
        assertArrayEquals(new float[] {2}, Linalg.matrixRank(a, 0, 1e-3, false).reshape(1).toArray());
    }

    @Test
    void nanIsRefusedOrSpreadAsPyTorchDoesNeverTurnedIntoZeros() {
        Tensor a = Tensor.of(new float[] {1, Float.NaN, 2, 3}, 2, 2), lower = a.transpose(0, 1);
        for (Runnable svdBased : new Runnable[] {() -> Linalg.pinv(a), () -> Linalg.matrixRank(a),
            () -> Linalg.svdvals(a), () -> Linalg.cond(a)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, svdBased::run);
            assertEquals("linalg.svd: The algorithm failed to converge because the input matrix contained non-finite "
                    + "values.", e.getMessage());
        }
        IllegalArgumentException batched = assertThrows(IllegalArgumentException.class,
                () -> Linalg.svd(Tensor.stack(java.util.List.of(Tensor.eye(2), a), 0)));
        assertTrue(batched.getMessage().startsWith("linalg.svd: (Batch element 1): "), batched.getMessage());
        for (float v : Linalg.pinv(lower, 0, -1, true).toArray()) {
            assertTrue(Float.isNaN(v), "eigh reads the NaN below the diagonal: " + v);
        }
        assertArrayEquals(new float[] {0}, Linalg.matrixRank(lower, 0, -1, true).reshape(1).toArray());
        for (float v : Linalg.lstsq(a, Tensor.ones(2, 1)).get(0).toArray()) {
            assertTrue(Float.isNaN(v), "lstsq's solution: " + v);
        }
        // an infinity: PyTorch's SVD gives NaN factors, its pinv NaN and its rank 0
        Tensor infinite = Tensor.of(new float[] {1, Float.POSITIVE_INFINITY, 2, 3}, 2, 2);
        for (float v : Linalg.pinv(infinite).toArray()) {
            assertTrue(Float.isNaN(v), "pinv of an infinity: " + v);
        }
        assertArrayEquals(new float[] {0}, Linalg.matrixRank(infinite).reshape(1).toArray());
    }
}
