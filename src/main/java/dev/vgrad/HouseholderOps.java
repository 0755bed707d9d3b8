package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Factorizations;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.geqrf, torch.linalg.householder_product and torch.ormqr behind {@link Linalg}: QR in LAPACK's compact form (R
 * on and above the diagonal, the reflectors' vectors below it, their taus beside), the orthogonal factor formed back
 * from such reflectors, and products with it, each by {@link Factorizations} in double. householder_product's
 * backward follows the product one reflector at a time as Tensor expressions, so that it differentiates again; geqrf
 * and ormqr, as in PyTorch 1.13, have no gradient.
 */
final class HouseholderOps {
    private HouseholderOps() {}

    /** {a, tau} of each m x n matrix: a's compact QR (LAPACK geqrf's layout and signs) and its min(m, n) taus. */
    static List<Tensor> geqrf(Tensor a) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException("torch.geqrf: input must have at least 2 dimensions.");
        }
        MatrixBatch in = MatrixBatch.of("geqrf", a);
        int m = in.rows, n = in.cols, k = Math.min(m, n);
        Tensor out = Tensor.zeros(in.shape), tau = Tensor.zeros(in.batchShape(k));
        double[] taus = new double[k];
        float[] t = tau.array();
        for (int b = 0; b < in.count; b++) {
            double[] matrix = in.matrix(b);
            Factorizations.geqrf(matrix, m, n, taus);
            MatrixBatch.store(matrix, out, b);
            for (int i = 0; i < k; i++) {
                t[tau.offset + b * k + i] = (float) taus[i];
            }
        }
        if (Graph.recording(a)) {
            for (Tensor result : List.of(out, tau)) {
                Graph.record(result, "GeqrfBackward0", a, g -> {
                    throw new UnsupportedOperationException("the derivative for 'geqrf' is not implemented.");
                });
            }
        }
        return List.of(out, tau);
    }

    /**
     * The first n columns of H_1 ... H_k for each m x n matrix a (m >= n >= k) and its k taus, H_i = I - tau_i v_i
     * v_i^T with v_i 1 at row i, a's column i below it and zero above (torch.linalg.householder_product).
     */
    static Tensor product(Tensor a, Tensor tau) {
        String op = "torch.linalg.householder_product: ";
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + "input must have at least 2 dimensions.");
        }
        int m = a.shape[a.dim() - 2], n = a.shape[a.dim() - 1], k = tau.dim() == 0 ? 1 : tau.shape[tau.dim() - 1];
        if (m < n) {
            throw new IllegalArgumentException(op + "input.shape[-2] must be greater than or equal to input.shape[-1]"
                    + " (input " + Shapes.str(a.shape) + ")");
        }
        if (n < k) {
            throw new IllegalArgumentException(op + "input.shape[-1] must be greater than or equal to tau.shape[-1]"
                    + " (input " + Shapes.str(a.shape) + ", tau " + Shapes.str(tau.shape) + ")");
        }
        requireReflectorsOf(op, a, tau, " (input " + Shapes.str(a.shape) + ")");
        MatrixBatch in = MatrixBatch.of("linalg.householder_product", a);
        Tensor q = Tensor.zeros(a.shape), taus = Compute.dense(tau);
        float[] t = taus.array();
        double[] ts = new double[k], qm = new double[m * n];
        for (int b = 0; b < in.count; b++) {
            for (int i = 0; i < k; i++) {
                ts[i] = t[taus.offset + b * k + i];
            }
            Factorizations.householderProduct(in.matrix(b), m, n, ts, n, qm);
            MatrixBatch.store(qm, q, b);
        }
        if (Graph.recording(a, tau)) {
            q.setGradFn(new Node("LinalgHouseholderProductBackward0", a, tau) {
                private final SavedTensor sa = save(a), st = save(tau);

                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor[] grads = backward(g, sa.get(), st.get(), k);
                    return grads(needsGrad(0) ? grads[0] : null, needsGrad(1) ? grads[1] : null);
                }
            });
        }
        return q;
    }

    /**
     * Q C, Q^T C, C Q or C Q^T (left, transpose) for Q = H_1 ... H_k (m x m) of each m x n input's reflectors and
     * their k taus (torch.ormqr): Q is formed in double and the product taken in double. Not differentiable, as in
     * PyTorch 1.13.
     */
    static Tensor ormqr(Tensor a, Tensor tau, Tensor other, boolean left, boolean transpose) {
        String op = "torch.ormqr: ";
        if (a.dim() < 2) {
            throw new IllegalArgumentException(op + "input must have at least 2 dimensions.");
        }
        if (other.dim() < 2) {
            throw new IllegalArgumentException(op + "other must have at least 2 dimensions.");
        }
        int m = a.shape[a.dim() - 2], n = a.shape[a.dim() - 1], k = tau.dim() == 0 ? 1 : tau.shape[tau.dim() - 1];
        int rows = other.shape[other.dim() - 2], cols = other.shape[other.dim() - 1];
        int side = left ? rows : cols;
        String shapes = " (input " + Shapes.str(a.shape) + ", tau " + Shapes.str(tau.shape) + ", other "
                + Shapes.str(other.shape) + ")";
        if (side != m) {
            throw new IllegalArgumentException(op + "other.shape[" + (left ? -2 : -1) + "] must be equal to "
                    + "input.shape[-2]" + shapes);
        }
        if (k > n) {
            throw new IllegalArgumentException(op + "tau.shape[-1] must be less than or equal to input.shape[-1]"
                    + shapes);
        }
        if (k > side) {
            throw new IllegalArgumentException(op + "other.shape[" + (left ? -2 : -1) + "] must be greater than or "
                    + "equal to tau.shape[-1]" + shapes);
        }
        requireReflectorsOf(op, a, tau, shapes);
        if (other.dim() != a.dim()) {
            throw new IllegalArgumentException(op + "Expected other to have the same number of dimensions as input, "
                    + "but got other.ndim equal to " + other.dim() + " and input.ndim is equal to " + a.dim());
        }
        requireBatchOf(op, a, "other", other, shapes);
        MatrixBatch in = MatrixBatch.of("ormqr", a), by = MatrixBatch.of("ormqr", other);
        Tensor out = Tensor.zeros(other.shape), taus = Compute.dense(tau);
        float[] t = taus.array();
        double[] ts = new double[k], q = new double[m * m], result = new double[rows * cols];
        for (int b = 0; b < in.count; b++) {
            for (int i = 0; i < k; i++) {
                ts[i] = t[taus.offset + b * k + i];
            }
            Factorizations.householderProduct(in.matrix(b), m, n, ts, m, q);
            double[] c = by.matrix(b);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double sum = 0;
                    for (int p = 0; p < m; p++) {
                        // left: (Q or Q^T)[i][p] C[p][j]; right: C[i][p] (Q or Q^T)[p][j]
                        sum += left ? (transpose ? q[p * m + i] : q[i * m + p]) * c[p * cols + j]
                                : c[i * cols + p] * (transpose ? q[j * m + p] : q[p * m + j]);
                    }
                    result[i * cols + j] = sum;
                }
            }
            MatrixBatch.store(result, out, b);
        }
        if (Graph.recording(a, tau, other)) {
            out.setGradFn(new Node("OrmqrBackward0", a, tau, other) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    throw new UnsupportedOperationException("the derivative for 'ormqr' is not implemented.");
                }
            });
        }
        return out;
    }

    /** tau one dimension short of a, with a's batch dimensions (PyTorch's checks and messages, then {@code shapes}). */
    private static void requireReflectorsOf(String op, Tensor a, Tensor tau, String shapes) {
        if (tau.dim() != a.dim() - 1) {
            throw new IllegalArgumentException(op + "Expected tau to have one dimension less than input, but got "
                    + "tau.ndim equal to " + tau.dim() + " and input.ndim is equal to " + a.dim());
        }
        requireBatchOf(op, a, "tau", tau, shapes);
    }

    /** x's leading a.dim() - 2 dimensions equal to a's batch dimensions. */
    private static void requireBatchOf(String op, Tensor a, String name, Tensor x, String shapes) {
        for (int d = 0; d < a.dim() - 2; d++) {
            if (x.shape[d] != a.shape[d]) {
                throw new IllegalArgumentException(op + "Expected batch dimensions of " + name + " to be equal to "
                        + "input.shape[:-2], but got " + Shapes.str(java.util.Arrays.copyOf(x.shape, a.dim() - 2))
                        + shapes);
            }
        }
    }

    /**
     * Q = X_0 with X_k = I[:, :n] and X_{i-1} = H_i X_i = X_i - tau_i v_i (v_i^T X_i), differentiated a reflector at
     * a time, first to last: with G the gradient of X_{i-1}, u = v_i^T G and w = v_i^T X_i, tau_i's gradient is
     * -u . w, v_i's is -tau_i (G w^T + X_i u^T) (its part below row i is a's column i's), and X_i's is H_i G.
     */
    private static Tensor[] backward(Tensor g, Tensor a, Tensor tau, int k) {
        int m = a.shape[a.dim() - 2], n = a.shape[a.dim() - 1];
        if (k == 0) {
            return new Tensor[] {Tensor.zeros(a.shape), Tensor.zeros(tau.shape)};  // Q is I's columns: no dependence
        }
        Tensor v = a.narrow(-1, 0, k).tril(-1).add(Tensor.eye(m).narrow(1, 0, k));
        List<Tensor> vs = new ArrayList<>(), ts = new ArrayList<>(), xs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            vs.add(v.narrow(-1, i, 1));
            ts.add(tau.narrow(-1, i, 1).unsqueeze(-1));
        }
        Tensor x = Tensor.eye(m).narrow(1, 0, n);
        for (int i = k - 1; i >= 0; i--) {
            xs.add(0, x);
            x = x.sub(vs.get(i).mul(ts.get(i)).matmul(mT(vs.get(i)).matmul(x)));
        }
        Tensor[] dv = new Tensor[k], dtau = new Tensor[k];
        for (int i = 0; i < k; i++) {
            Tensor vi = vs.get(i), ti = ts.get(i), xi = xs.get(i);
            Tensor u = mT(vi).matmul(g), w = mT(vi).matmul(xi);
            dtau[i] = u.mul(w).sum(-1, false).neg();
            dv[i] = g.matmul(mT(w)).add(xi.matmul(mT(u))).mul(ti).neg();
            g = g.sub(vi.mul(ti).matmul(u));
        }
        Tensor da = Tensor.cat(List.of(dv), -1).tril(-1);
        if (k < n) {
            int[] rest = a.shape.clone();
            rest[rest.length - 1] = n - k;
            da = Tensor.cat(List.of(da, Tensor.zeros(rest)), -1);
        }
        Tensor dt = Tensor.cat(List.of(dtau), -1);
        return new Tensor[] {da, dt.reshape(tau.shape)};
    }

    /** The last two dimensions swapped. */
    private static Tensor mT(Tensor t) {
        return t.transpose(-2, -1);
    }
}
