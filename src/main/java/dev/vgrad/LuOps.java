package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.kernels.Factorizations;
import java.util.List;

/**
 * torch.linalg's LU ops behind {@link Linalg}: lu_factor(_ex), lu, lu_solve and torch.lu_unpack. Factors are LAPACK
 * getrf's (partial pivoting; pivots 1-based, as floats holding integers, vgrad's index tensors). Backward rules are
 * PyTorch's linalg_lu_backward and linalg_lu_solve's, as Tensor expressions so that they differentiate again; the
 * wide and tall cases reduce to the square one on the leading block, their extra block's gradient folded in.
 */
final class LuOps {
    private LuOps() {}

    /** {LU, pivots, info} of each matrix; info 0, or the 1-based index of the first zero pivot. */
    static List<Tensor> factorEx(Tensor a, String op) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException("torch.lu_factor: Expected tensor with 2 or more dimensions. Got size: "
                    + Shapes.str(a.shape) + " instead");
        }
        MatrixBatch in = MatrixBatch.of(op, a);
        int m = in.rows, n = in.cols, k = Math.min(m, n);
        Tensor lu = Tensor.zeros(in.shape), pivots = Tensor.zeros(in.batchShape(k));
        Tensor info = Tensor.zeros(in.batchShape());
        float[] p = pivots.array(), inf = info.array();
        int[] steps = new int[k];
        for (int b = 0; b < in.count; b++) {
            double[] matrix = in.matrix(b);
            inf[info.offset + b] = Factorizations.lu(matrix, m, n, steps);
            for (int i = 0; i < k; i++) {
                p[pivots.offset + b * k + i] = steps[i] + 1;
            }
            MatrixBatch.store(matrix, lu, b);
        }
        if (Graph.recording(a)) {
            Graph.record(lu, "LinalgLuFactorExBackward0", a, lu, (g, factors) -> {
                Tensor[] plu = unpack(factors, pivots);
                return backward(g.narrow(-1, 0, k).tril(-1), g.narrow(-2, 0, k).triu(0), plu[0], plu[1], plu[2]);
            });
        }
        return List.of(lu, pivots, info);
    }

    /** {LU, pivots}, refusing a zero pivot with PyTorch's message (torch.linalg.lu_factor). */
    static List<Tensor> factor(Tensor a) {
        List<Tensor> f = factorEx(a, "linalg.lu_factor");
        Tensor info = f.get(2);
        int b = MatrixBatch.firstFailure(info);
        if (b >= 0) {
            int at = (int) info.array()[info.offset + b];
            throw new IllegalArgumentException("torch.linalg.lu_factor: " + MatrixBatch.of(a).element(b) + "U[" + at
                    + "," + at + "] is zero and using it on lu_solve would result in a division by zero. If you still "
                    + "want to perform the factorization, consider calling linalg.lu(A, pivot) or "
                    + "linalg.lu_factor_ex(A, pivot)");
        }
        return List.of(f.get(0), f.get(1));
    }

    /** {P, L, U} with A = P L U (torch.linalg.lu): P m x m, L m x k unit lower, U k x n upper; P has no gradient. */
    static List<Tensor> lu(Tensor a) {
        List<Tensor> f;
        try (var off = GradMode.noGrad()) {
            f = factorEx(a, "linalg.lu");
        }
        Tensor[] plu = unpack(f.get(0), f.get(1));
        if (Graph.recording(a)) {
            Tensor l = plu[1].detach(), u = plu[2].detach(), p = plu[0];
            Graph.record(l, "LinalgLuBackward0", a, l, (g, lv) -> backward(g, null, p, lv, u));
            Graph.record(u, "LinalgLuBackward0", a, u, (g, uv) -> backward(null, g, p, l, uv));
            return List.of(p, l, u);
        }
        return List.of(plu[0], plu[1], plu[2]);
    }

    /** torch.lu_unpack: {P, L, U} from lu_factor's output; L and U follow LU's gradient, P has none. */
    static List<Tensor> unpackOp(Tensor lu, Tensor pivots) {
        Tensor[] plu = unpack(lu, pivots);
        return List.of(plu[0], plu[1], plu[2]);
    }

    private static Tensor[] unpack(Tensor lu, Tensor pivots) {
        int m = lu.shape[lu.dim() - 2], n = lu.shape[lu.dim() - 1], k = Math.min(m, n);
        Tensor l = lu.narrow(-1, 0, k).tril(-1).add(Tensor.eye(m).narrow(1, 0, k));
        Tensor u = lu.narrow(-2, 0, k).triu(0);
        return new Tensor[] {permutation(pivots, lu, m, k), l, u};
    }

    /** P (batch x m x m) with P^T A = the rows of A swapped as the pivots say (row k with row pivots[k] - 1). */
    private static Tensor permutation(Tensor pivots, Tensor lu, int m, int k) {
        int[] shape = lu.shape.clone();
        shape[shape.length - 1] = m;
        Tensor p = Tensor.zeros(shape);
        int count = p.numel() / (m * m);
        int[] steps = pivotSteps(pivots, count, m, k, "lu_unpack");
        float[] out = p.array();
        int[] order = new int[m];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int s = steps[b * k + i], t = order[i];
                order[i] = order[s];
                order[s] = t;
            }
            for (int i = 0; i < m; i++) {
                out[b * m * m + order[i] * m + i] = 1;   // row i of P^T A is row order[i] of A
            }
        }
        return p;
    }

    /** The pivots as 0-based row indices, checked: integers with step i's in [i, rows). */
    private static int[] pivotSteps(Tensor pivots, int count, int rows, int k, String op) {
        if (pivots.numel() != count * k) {
            throw new IllegalArgumentException(op + ": expected pivots of shape (*, " + k + ") for " + count
                    + " matrices, got " + Shapes.str(pivots.shape));
        }
        float[] p = Compute.dense(pivots).array();
        int offset = Compute.dense(pivots).offset;
        int[] steps = new int[count * k];
        for (int j = 0; j < count * k; j++) {
            float v = p[offset + j];
            int i = j % k;
            if (v != Math.rint(v) || v < i + 1 || v > rows) {
                throw new IllegalArgumentException(op + ": pivot " + v + " at position " + j + " is not an integer in ["
                        + (i + 1) + ", " + rows + "] (pivots are 1-based, as LAPACK's getrf gives them)");
            }
            steps[j] = (int) v - 1;
        }
        return steps;
    }

    /** B's rows checked against n x n LU and the pivots against LU's batch; the broadcast batch dimensions. */
    private static int[] batchOf(Tensor lu, Tensor pivots, Tensor b, int n) {
        if (b.dim() < 2 || b.shape[b.dim() - 2] != n) {
            throw new IllegalArgumentException("linalg.lu_solve: Incompatible shapes of A and B for the equation AX = B"
                    + " (" + n + "x" + n + " and " + (b.dim() < 2 ? Shapes.str(b.shape)
                    : b.shape[b.dim() - 2] + "x" + b.shape[b.dim() - 1]) + ")");
        }
        int[] batch = Shapes.broadcast(java.util.Arrays.copyOf(lu.shape, lu.dim() - 2),
                java.util.Arrays.copyOf(b.shape, b.dim() - 2), "linalg.lu_solve");
        int[] luBatch = java.util.Arrays.copyOf(lu.shape, lu.dim() - 2);
        if (!java.util.Arrays.equals(pivots.shape, Shapes.appended(luBatch, n))) {
            throw new IllegalArgumentException("linalg.lu_solve: pivots " + Shapes.str(pivots.shape)
                    + " do not match LU " + Shapes.str(lu.shape) + " (expected LU's batch dimensions and " + n + ")");
        }
        return batch;
    }

    /**
     * X with A X = B, A^T X = B ({@code adjoint}), X A = B or X A^T = B (not {@code left}), A = P L U given as LU and
     * pivots. The other three reduce to the adjoint left solve, which runs as the differentiable triangular solves
     * P L^-T U^-T B on the unpacked factors.
     */
    static Tensor solve(Tensor lu, Tensor pivots, Tensor b, boolean left, boolean adjoint) {
        MatrixBatch.square("torch.linalg.lu_solve", lu);
        int n = lu.shape[lu.dim() - 1];
        if (b.dim() < 2) {
            throw new IllegalArgumentException("linalg.lu_solve: The input tensor B must have at least 2 dimensions.");
        }
        if (!left) {
            if (b.shape[b.dim() - 1] != n) {
                throw new IllegalArgumentException("linalg.lu_solve: Incompatible shapes of A and B for the equation "
                        + "XA = B (" + n + "x" + n + " and " + b.shape[b.dim() - 2] + "x" + b.shape[b.dim() - 1] + ")");
            }
            return mT(solve(lu, pivots, mT(b), true, !adjoint));
        }
        if (!adjoint) {
            return solve(lu, pivots, b);
        }
        batchOf(lu, pivots, b, n);
        Tensor[] plu = unpack(lu, pivots);
        Tensor y = Linalg.solveTriangular(mT(plu[2]), b, false, true, false);
        return plu[0].matmul(Linalg.solveTriangular(mT(plu[1]), y, true, true, true));
    }

    /** X with A X = B from A's lu_factor (torch.linalg.lu_solve, left and not adjoint); batches broadcast. */
    static Tensor solve(Tensor lu, Tensor pivots, Tensor b) {
        MatrixBatch.square("torch.linalg.lu_solve", lu);
        int n = lu.shape[lu.dim() - 1];
        int[] batch = batchOf(lu, pivots, b, n);
        Tensor luB = lu.expand(Shapes.appended(batch, n, n));
        Tensor bB = b.expand(Shapes.appended(batch, n, b.shape[b.dim() - 1]));
        Tensor pB = pivots.expand(Shapes.appended(batch, n));
        MatrixBatch factors = MatrixBatch.of(luB), rhs = MatrixBatch.of(bB);
        int k = rhs.cols;
        int[] steps = pivotSteps(pB.contiguous(), factors.count, n, n, "linalg.lu_solve"), piv = new int[n];
        Tensor out = Tensor.zeros(rhs.shape);
        for (int i = 0; i < factors.count; i++) {
            System.arraycopy(steps, i * n, piv, 0, n);
            double[] x = rhs.matrix(i);
            Factorizations.luSolve(factors.matrix(i), n, piv, x, k);
            MatrixBatch.store(x, out, i);
        }
        if (!Graph.recording(lu, b)) {
            return out;
        }
        Tensor[] plu = unpack(luB, pB);
        Tensor p = plu[0], l = plu[1], u = plu[2];
        Tensor result = out;
        result.setGradFn(new dev.vgrad.autograd.Node("LinalgLuSolveBackward0", luB, bB) {
            private final dev.vgrad.autograd.SavedTensor x = saveOutput(result);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor xv = x.get();
                // A^-T g = P L^-T U^-T g; the factors' gradient from gR = -U^-T g X^T (PyTorch's linalg_lu_solve_LU)
                Tensor ug = Linalg.solveTriangular(mT(u), g, false, true, false);
                Tensor gb = p.matmul(Linalg.solveTriangular(mT(l), ug, true, true, true));
                Tensor gLu = null;
                if (needsGrad(0)) {
                    Tensor gr = ug.matmul(mT(xv)).neg();
                    gLu = Linalg.solveTriangular(mT(l), gr, true, true, true).matmul(mT(u)).tril(-1).add(gr.triu(0));
                }
                return grads(gLu, gb);
            }
        });
        return result;
    }

    /**
     * PyTorch's linalg_lu_backward: A's gradient from L's (gl, strictly lower) and U's (gu, upper), either null.
     * Square: gA = P L^-T [tril(L^T gL, -1) + triu(gU U^T)] U^-T. Wide (m < n, U = [U1 U2]): the square rule on A's
     * first m columns with gL less L^-T gU2 U2^T, and P L^-T gU2 for the rest. Tall (m > n, L = [L1; L2]): the square
     * rule on the first n rows with gU less L2^T gL2 U^-T, and P's rows of gL2 U^-T for the rest.
     */
    static Tensor backward(Tensor gl, Tensor gu, Tensor p, Tensor l, Tensor u) {
        int m = l.shape[l.dim() - 2], n = u.shape[u.dim() - 1];
        if (m == n) {
            return p.matmul(square(gl, gu, l, u));
        }
        if (m < n) {
            Tensor gu2 = gu == null ? null : gu.narrow(-1, m, n - m);
            Tensor g2 = gu2 == null ? null : Linalg.solveTriangular(mT(l), gu2, true, true, true);   // L^-T gU2
            Tensor gl1 = g2 == null ? gl : plus(gl, g2.matmul(mT(u.narrow(-1, m, n - m))).neg());
            Tensor g1 = square(gl1, gu == null ? null : gu.narrow(-1, 0, m), l, u.narrow(-1, 0, m));
            return p.matmul(joined(g1, g2, n - m, -1));
        }
        Tensor gl2 = gl == null ? null : gl.narrow(-2, n, m - n);
        Tensor g2 = gl2 == null ? null : Linalg.solveTriangular(mT(u), gl2, false, false, false);   // gL2 U^-T
        Tensor gu1 = g2 == null ? gu : plus(gu, mT(l.narrow(-2, n, m - n)).matmul(g2).neg());
        Tensor g1 = square(gl == null ? null : gl.narrow(-2, 0, n), gu1, l.narrow(-2, 0, n), u);
        return p.matmul(joined(g1, g2, m - n, -2));
    }

    /** L^-T [tril(L^T gL, -1) + triu(gU U^T)] U^-T for square L and U. */
    private static Tensor square(Tensor gl, Tensor gu, Tensor l, Tensor u) {
        Tensor phi = plus(gl == null ? null : mT(l).matmul(gl).tril(-1), gu == null ? null : gu.matmul(mT(u)).triu(0));
        Tensor left = Linalg.solveTriangular(mT(l), phi, true, true, true);
        return Linalg.solveTriangular(mT(u), left, false, false, false);
    }

    /** a + b, where either may be null (no gradient). */
    private static Tensor plus(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** g1 followed along dim by g2, or by zeros of that extent where g2 is null. */
    private static Tensor joined(Tensor g1, Tensor g2, int extent, int dim) {
        int[] shape = g1.shape.clone();
        shape[shape.length + dim] = extent;
        return Tensor.cat(List.of(g1, g2 == null ? Tensor.zeros(shape) : g2), dim);
    }

    private static Tensor mT(Tensor t) {
        return t.transpose(-2, -1);
    }
}
