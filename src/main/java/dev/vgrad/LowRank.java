package dev.vgrad;

import java.util.List;

/**
 * torch.svd_lowrank and torch.pca_lowrank: Halko, Martinsson and Tropp's randomized SVD (their algorithms 4.4 and
 * 5.1), step for step as PyTorch 1.13's _lowrank.py takes them - a Gaussian sketch [n, q] drawn as torch.randn draws
 * it, niter power iterations each re-orthonormalized by QR (with LAPACK's signs), then the SVD of the q-row
 * projection - so with the same generator state the factors are PyTorch's up to the sign of each pair of singular
 * vectors (LAPACK's choice there, which vgrad's SVD does not copy). Differentiable through the ops it is made of.
 */
final class LowRank {
    private LowRank() {}

    /** [U, S, V] with A (minus M if given) ~ U diag(S) V^T; A [*, m, n], q columns (at most min(m, n)), M A's shape. */
    static List<Tensor> svd(Tensor a, int q, int niter, Tensor m, Generator g) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException("svd_lowrank: expected a matrix or a batch of them, got "
                    + Shapes.str(a.shape));
        }
        int rows = a.size(-2), cols = a.size(-1);
        if (niter < 0 || q < 0 || q > Math.min(rows, cols)) {
            // PyTorch 1.13 fails an internal assertion for q past min(m, n) once it iterates; refused here always
            throw new IllegalArgumentException("svd_lowrank: q(=" + q + ") must be in [0, min(m, n)=" + Math.min(rows,
                    cols) + "] and niter(=" + niter + ") non-negative, for A " + Shapes.str(a.shape));
        }
        Tensor at = a.transpose(-2, -1), mt = m == null ? null : m.transpose(-2, -1);
        if (rows < cols || cols > q) {
            // the SVD of the transpose keeps the projection small (PyTorch's choice, taken at the same test)
            Tensor basis = basis(at, q, niter, mt, g);
            Tensor bt = a.matmul(basis);
            if (m != null) {
                bt = bt.sub(m.matmul(basis));
            }
            List<Tensor> usv = Linalg.svd(bt, false);
            return List.of(usv.get(0), usv.get(1), basis.matmul(usv.get(2).transpose(-2, -1)));
        }
        Tensor basis = basis(a, q, niter, m, g);
        Tensor b = at.matmul(basis);
        if (m != null) {
            b = b.sub(mt.matmul(basis));
        }
        List<Tensor> usv = Linalg.svd(b.transpose(-2, -1), false);
        return List.of(basis.matmul(usv.get(0)), usv.get(1), usv.get(2).transpose(-2, -1));
    }

    /** PyTorch's get_approximate_basis: Q with orthonormal columns such that Q Q^T (A - M) approximates A - M. */
    private static Tensor basis(Tensor a, int q, int niter, Tensor m, Generator g) {
        Tensor r = Tensor.randn(g, a.size(-1), q);
        Tensor ah = a.transpose(-2, -1), mh = m == null ? null : m.transpose(-2, -1);
        Tensor basis = Linalg.qr(centered(a, m, r)).get(0);
        for (int i = 0; i < niter; i++) {
            basis = Linalg.qr(centered(ah, mh, basis)).get(0);
            basis = Linalg.qr(centered(a, m, basis)).get(0);
        }
        return basis;
    }

    /** {@code a x - m x}, or {@code a x} without m. */
    private static Tensor centered(Tensor a, Tensor m, Tensor x) {
        Tensor ax = a.matmul(x);
        return m == null ? ax : ax.sub(m.matmul(x));
    }

    /**
     * torch.pca_lowrank: svd_lowrank of A less its column means (center) or of A itself; q at most min(m, n)
     * (default min(6, m, n)).
     */
    static List<Tensor> pca(Tensor a, Integer q, boolean center, int niter, Generator g) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException("pca_lowrank: expected a matrix or a batch of them, got "
                    + Shapes.str(a.shape));
        }
        int rows = a.size(-2), cols = a.size(-1);
        int k = q == null ? Math.min(6, Math.min(rows, cols)) : q;
        if (k < 0 || k > Math.min(rows, cols)) {
            throw new IllegalArgumentException("q(=" + k + ") must be non-negative integer and not greater than "
                    + "min(m, n)=" + Math.min(rows, cols));
        }
        if (niter < 0) {
            throw new IllegalArgumentException("niter(=" + niter + ") must be non-negative integer");
        }
        return svd(center ? a.sub(a.mean(-2, true)) : a, k, niter, null, g);
    }
}
