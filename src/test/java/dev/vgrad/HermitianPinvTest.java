package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg.pinv's and matrix_rank's hermitian=True beyond the PyTorch programs of torch_ops.txt
 * (linalg_hermitian_*): only the lower triangle is read, the general pinv's values and gradient for a symmetric
 * matrix, and eigenvalues counted by magnitude.
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
}
