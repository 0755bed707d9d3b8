package dev.vgrad;

import dev.vgrad.kernels.SymmetricIndefinite;
import java.util.Arrays;
import java.util.List;

/**
 * torch.linalg.ldl_factor, ldl_factor_ex and ldl_solve behind {@link Linalg}: the Bunch-Kaufman factorization of
 * symmetric indefinite matrices in LAPACK's compact form ({@link SymmetricIndefinite}, in double) and solves with it.
 * As in PyTorch 1.13, none of them is differentiable: a backward through them is refused with torch's message.
 */
final class LdlOps {
    private LdlOps() {}

    /** {LD, pivots, info} of each n x n matrix's lower triangle; LD's strict upper triangle is zero, as torch's. */
    static List<Tensor> factorEx(Tensor a, String op) {
        MatrixBatch in = MatrixBatch.square(op, a);
        int n = in.rows;
        Tensor ld = Tensor.zeros(in.shape), pivots = Tensor.zeros(in.batchShape(n));
        Tensor info = Tensor.zeros(in.batchShape());
        float[] p = pivots.array(), inf = info.array();
        int[] steps = new int[n];
        for (int b = 0; b < in.count; b++) {
            double[] matrix = in.matrix(b);
            inf[info.offset + b] = SymmetricIndefinite.factor(matrix, n, steps);
            for (int i = 0; i < n; i++) {
                p[pivots.offset + b * n + i] = steps[i];
                for (int j = i + 1; j < n; j++) {
                    matrix[i * n + j] = 0;
                }
            }
            MatrixBatch.store(matrix, ld, b);
        }
        if (Graph.recording(a)) {   // pivots and info are integers in torch, with no history
            Graph.record(ld, "LinalgLdlFactorExBackward0", a, g -> {
                throw new UnsupportedOperationException("derivative for aten::linalg_ldl_factor_ex is not implemented");
            });
        }
        return List.of(ld, pivots, info);
    }

    /** {LD, pivots}, refusing a singular D (torch.linalg.ldl_factor; torch 1.13 fails an internal assert there). */
    static List<Tensor> factor(Tensor a) {
        List<Tensor> f = factorEx(a, "torch.linalg.ldl_factor");
        Tensor info = f.get(2);
        int b = MatrixBatch.firstFailure(info);
        if (b >= 0) {
            int at = (int) info.array()[info.offset + b];
            throw new IllegalArgumentException("torch.linalg.ldl_factor: " + MatrixBatch.of(a).element(b) + "D[" + at
                    + "," + at + "] is zero (the matrix is singular) and using it on ldl_solve would result in a "
                    + "division by zero. If you still want the factors, call linalg.ldl_factor_ex(A), whose info "
                    + "reports it instead");
        }
        return List.of(f.get(0), f.get(1));
    }

    /** X with A X = B from A's ldl_factor; the batch dimensions of LD (with its pivots) and B broadcast. */
    static Tensor solve(Tensor ld, Tensor pivots, Tensor b) {
        String op = "torch.linalg.ldl_solve";
        MatrixBatch.square(op, ld);
        int n = ld.shape[ld.dim() - 1];
        if (b.dim() < 2) {
            throw new IllegalArgumentException(op + ": The input tensor B must have at least 2 dimensions.");
        }
        if (b.shape[b.dim() - 2] != n) {
            throw new IllegalArgumentException("Incompatible matrix sizes for " + op + ": each A matrix is " + n
                    + " by " + n + " but each b matrix is " + b.shape[b.dim() - 2] + " by " + b.shape[b.dim() - 1]);
        }
        int[] ldBatch = Arrays.copyOf(ld.shape, ld.dim() - 2);
        if (!Arrays.equals(pivots.shape, Shapes.appended(ldBatch, n))) {
            throw new IllegalArgumentException(op + ": pivots " + Shapes.str(pivots.shape) + " do not match LD "
                    + Shapes.str(ld.shape) + " (expected LD's batch dimensions and " + n + ")");
        }
        pivotSteps(op, pivots, n);   // refusals name positions in the pivots as given
        int[] batch = Shapes.broadcast(ldBatch, Arrays.copyOf(b.shape, b.dim() - 2), op);
        int cols = b.shape[b.dim() - 1];
        MatrixBatch rhs = MatrixBatch.of(b.expand(Shapes.appended(batch, n, cols)));
        MatrixBatch factors = MatrixBatch.of(ld.expand(Shapes.appended(batch, n, n)));
        int[] steps = pivotSteps(op, pivots.expand(Shapes.appended(batch, n)), n);
        Tensor out = Tensor.zeros(rhs.shape);
        int[] piv = new int[n];
        for (int i = 0; i < rhs.count; i++) {
            System.arraycopy(steps, i * n, piv, 0, n);
            double[] x = rhs.matrix(i);
            SymmetricIndefinite.solve(factors.matrix(i), n, piv, x, cols);
            MatrixBatch.store(x, out, i);
        }
        if (Graph.recording(ld, b)) {
            Graph.record(out, "LinalgLdlSolveBackward0", Graph.recording(ld) ? ld : b, g -> {
                throw new UnsupportedOperationException("derivative for aten::linalg_ldl_solve is not implemented");
            });
        }
        return out;
    }

    /**
     * The pivots of each matrix checked as sytrf makes them: integers, 1 <= |p| <= n, a negative one the first of an
     * equal pair (a 2 x 2 block) that does not start at the last row.
     */
    private static int[] pivotSteps(String op, Tensor pivots, int n) {
        Tensor dense = pivots.contiguous();
        float[] p = dense.array();
        int[] steps = new int[dense.numel()];
        for (int at = 0; at < steps.length; at++) {
            float v = p[dense.offset + at];
            if (v != Math.rint(v) || v == 0 || Math.abs(v) > n) {
                throw new IllegalArgumentException(op + ": pivot " + v + " at position " + at + " is not a nonzero "
                        + "integer in [-" + n + ", " + n + "] (pivots are LAPACK's sytrf's, 1-based)");
            }
            steps[at] = (int) v;
        }
        for (int start = 0; start < steps.length; start += n) {
            for (int i = 0; i < n; i++) {
                if (steps[start + i] < 0) {
                    if (i == n - 1 || steps[start + i + 1] != steps[start + i]) {
                        throw new IllegalArgumentException(op + ": pivot " + steps[start + i] + " at position "
                                + (start + i) + " opens a 2 x 2 block, whose second pivot must equal it");
                    }
                    i++;
                }
            }
        }
        return steps;
    }
}
