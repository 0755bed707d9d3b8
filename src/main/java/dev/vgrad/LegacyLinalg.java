package dev.vgrad;

import java.util.Arrays;
import java.util.List;

/**
 * PyTorch 1.13's deprecated but working torch.* linear-algebra entry points (torch.triangular_solve, torch.symeig,
 * torch.lu, torch.qr, torch.cholesky), written on {@link Linalg}, for code written against them.
 */
final class LegacyLinalg {
    private LegacyLinalg() {}

    /**
     * torch.triangular_solve(b, a, upper, transpose, unitriangular): X with {@code op(a) X = b}, op the transpose
     * when asked, the batch dimensions broadcast; and a's clone, broadcast to that batch, as PyTorch returns it.
     */
    static List<Tensor> triangularSolve(Tensor b, Tensor a, boolean upper, boolean transpose, boolean unitriangular) {
        if (a.dim() < 2 || b.dim() < 2) {
            throw new IllegalArgumentException("triangular_solve: expected b and A of at least 2 dimensions, got "
                    + Arrays.toString(b.shape) + " and " + Arrays.toString(a.shape));
        }
        int[] batch = Shapes.broadcast(Arrays.copyOf(b.shape, b.dim() - 2), Arrays.copyOf(a.shape, a.dim() - 2),
                "triangular_solve");
        int[] aShape = Arrays.copyOf(batch, batch.length + 2);
        aShape[batch.length] = a.shape[a.dim() - 2];
        aShape[batch.length + 1] = a.shape[a.dim() - 1];
        Tensor coefficient = a.expand(aShape);
        Tensor op = transpose ? coefficient.mT() : coefficient;
        Tensor x = Linalg.solveTriangular(op, b, transpose != upper, true, unitriangular);
        return List.of(x, coefficient.clone());
    }

    /**
     * torch.symeig(a, eigenvectors, upper): the eigenvalues in ascending order and, when asked, the eigenvectors,
     * from the upper or lower triangle; without them the second tensor is empty, as PyTorch's.
     */
    static List<Tensor> symeig(Tensor a, boolean eigenvectors, boolean upper) {
        List<Tensor> eigh = Linalg.eigh(a, upper ? "U" : "L");
        return List.of(eigh.get(0), eigenvectors ? eigh.get(1) : Tensor.zeros(0));
    }

    /**
     * torch.lu(a, pivot, get_infos): the LU factorization and its pivots (1-based, as floats), and the infos when asked.
     *
     * @throws UnsupportedOperationException without pivoting, which PyTorch does not do on the CPU either
     */
    static List<Tensor> lu(Tensor a, boolean pivot, boolean getInfos) {
        if (!pivot) {
            throw new UnsupportedOperationException("linalg.lu_factor: LU without pivoting is not implemented on the "
                    + "CPU");
        }
        List<Tensor> f = Linalg.luFactorEx(a);
        return getInfos ? f : f.subList(0, 2);
    }
}
