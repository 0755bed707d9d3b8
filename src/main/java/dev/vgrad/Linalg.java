package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Factorizations;
import java.util.List;

/**
 * {@code torch.linalg}: inverses, determinants, linear solves and the Cholesky, QR, symmetric eigenvalue and singular
 * value decompositions of float matrices, batched over leading dimensions, each differentiable to any order.
 *
 * <p>The factorizations run in double precision on each matrix ({@link Factorizations}) and round once, so results are
 * at least as accurate as float LAPACK's. Every backward rule is PyTorch's (derivatives.yaml / FunctionsManual),
 * written with differentiable ops, so {@code createGraph} gives second derivatives. Decompositions with several
 * outputs give each output a node of its own whose rule is the joint rule with the other outputs' gradients zero
 * (the rules are linear in the output gradients, so the sum over the outputs used is the joint gradient). Signs of
 * eigenvectors and singular vectors are whatever the algorithm gives, as in PyTorch, where they depend on the LAPACK:
 * a loss that depends on them is not well defined. Errors carry PyTorch's messages.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new float[] {4, 1, 1, 3}, 2, 2).requiresGrad_();
 * Tensor x = Linalg.solve(a, Tensor.of(1f, 2f));   // [0.0909, 0.6364]
 * Linalg.det(a).backward();                         // a.grad() = det(a) * inv(a)^T = [[3, -1], [-1, 4]]
 * }</pre>
 */
public final class Linalg {
    private Linalg() {}

    // ---------------------------------------------------------------- inverse, determinants, solves

    /** The inverse of each square matrix (torch.linalg.inv); a singular one is refused with LAPACK's pivot. */
    public static Tensor inv(Tensor a) {
        return recordInverse(inverse(MatrixBatch.square("linalg.inv", a), true), a);
    }

    /** The inverse's node, PyTorch's rule: gA = -Y^T g Y^T for Y = A^-1. */
    private static Tensor recordInverse(Tensor out, Tensor a) {
        if (!Graph.recording(a)) {
            return out;
        }
        return Graph.record(out, "LinalgInvExBackward0", a, out, (g, y) -> mT(y).matmul(g).matmul(mT(y)).neg());
    }

    /**
     * {inverse, info} of each square matrix (torch.linalg.inv_ex): as inv, but a singular matrix gives its info (the
     * 1-based index of the first zero pivot) instead of an error, and its inverse the infinities and NaNs of that
     * pivot. Differentiable as inv.
     */
    public static List<Tensor> invEx(Tensor a) {
        MatrixBatch in = MatrixBatch.square("linalg.inv_ex", a);
        Tensor info = Tensor.zeros(in.batchShape());
        return List.of(recordInverse(inverse(in, false, info), a), info);
    }

    /** The inverse without the singularity check: a zero pivot gives infinities and NaNs (for backward rules). */
    private static Tensor inverse(MatrixBatch in, boolean check) {
        return inverse(in, check, null);
    }

    /** inverse, each matrix's LU info into info's elements when info is given. */
    private static Tensor inverse(MatrixBatch in, boolean check, Tensor info) {
        int n = in.rows;
        Tensor out = Tensor.zeros(in.shape);
        for (int b = 0; b < in.count; b++) {
            double[] m = in.matrix(b);
            int singular = Factorizations.invert(m, n);
            if (info != null) {
                info.array()[info.offset + b] = singular;
            }
            if (singular != 0 && check) {
                throw new IllegalArgumentException("linalg.inv: " + in.element(b) + "The diagonal element "
                        + singular + " is zero, the inversion could not be completed because the input matrix is "
                        + "singular.");
            }
            MatrixBatch.store(m, out, b);
        }
        return out;
    }

    /** The determinant of each square matrix (torch.linalg.det); 1 for a 0 x 0 matrix. */
    public static Tensor det(Tensor a) {
        MatrixBatch in = MatrixBatch.square("linalg.det", a);
        Tensor out = Tensor.zeros(in.batchShape());
        float[] o = out.array();
        int[] pivots = new int[in.rows];
        boolean singular = false;
        for (int b = 0; b < in.count; b++) {
            double[] m = in.matrix(b);
            singular |= Factorizations.lu(m, in.rows, pivots) != 0;
            o[out.offset + b] = (float) Factorizations.luDeterminant(m, in.rows, pivots);
        }
        if (!Graph.recording(a)) {
            return out;
        }
        boolean anySingular = singular;
        return Graph.record(out, "LinalgDetBackward0", a, a, (g, x) -> detGrad(g, x, anySingular));
    }

    /**
     * det's gradient, g times the cofactor matrix: {@code det(A) A^-T} when every matrix is invertible, else from the
     * SVD, {@code det(U) det(V^T) U diag(prod_{j != i} s_j) V^T}, which holds for singular matrices too (PyTorch 1.13
     * gives zeros there; the cofactors are the derivative).
     */
    private static Tensor detGrad(Tensor g, Tensor a, boolean singular) {
        Tensor scale = g.unsqueeze(-1).unsqueeze(-1);
        if (!singular) {
            return scale.mul(det(a).unsqueeze(-1).unsqueeze(-1)).mul(mT(inv(a)));
        }
        List<Tensor> usv = svd(a, false);
        Tensor u = usv.get(0), s = usv.get(1), vh = usv.get(2);
        int n = s.shape[s.dim() - 1];
        Tensor others = Tensor.where(Tensor.eye(n), Tensor.ones(1), s.unsqueeze(-2)).prod(-1, false);
        Tensor sign;
        try (var off = GradMode.noGrad()) {
            sign = det(u).mul(det(vh)).unsqueeze(-1).unsqueeze(-1);
        }
        return scale.mul(sign).mul(u.mul(others.unsqueeze(-2)).matmul(vh));
    }

    /**
     * The sign and the log of the absolute value of each determinant (torch.linalg.slogdet): sign 0 and -inf for a
     * singular matrix. The sign's gradient is 0 (it requires grad, as PyTorch's does); the log's is {@code A^-T} times
     * its gradient.
     */
    public static List<Tensor> slogdet(Tensor a) {
        MatrixBatch in = MatrixBatch.square("linalg.slogdet", a);
        Tensor sign = Tensor.zeros(in.batchShape()), log = Tensor.zeros(in.batchShape());
        float[] so = sign.array(), lo = log.array();
        int[] pivots = new int[in.rows];
        for (int b = 0; b < in.count; b++) {
            double[] m = in.matrix(b);
            Factorizations.lu(m, in.rows, pivots);
            double s = 1, l = 0;
            for (int k = 0; k < in.rows; k++) {
                double d = m[k * in.rows + k];
                s *= Math.signum(d) * (pivots[k] != k ? -1 : 1);
                l += StrictMath.log(Math.abs(d));
            }
            so[sign.offset + b] = (float) s;
            lo[log.offset + b] = (float) l;
        }
        if (Graph.recording(a)) {
            Graph.record(log, "LinalgSlogdetBackward0", a, a,
                    (g, x) -> g.unsqueeze(-1).unsqueeze(-1).mul(mT(uncheckedInv(x))));
            int[] shape = a.shape.clone();
            Graph.record(sign, "LinalgSlogdetBackward0", a, g -> Tensor.zeros(shape));   // a step: derivative 0
        }
        return List.of(sign, log);
    }

    /** inv without the singularity check, differentiable like inv (slogdet's rule at a singular matrix gives inf). */
    private static Tensor uncheckedInv(Tensor a) {
        return recordInverse(inverse(MatrixBatch.square("linalg.slogdet", a), false), a);
    }

    /** log(det(A)) (torch.logdet): NaN where the determinant is negative, -inf where it is 0. */
    public static Tensor logdet(Tensor a) {
        List<Tensor> sl = slogdet(a);
        return Tensor.where(sl.get(0).lt(0f), Tensor.scalar(Float.NaN), sl.get(1));
    }

    /**
     * X with A X = B (torch.linalg.solve, left side). B is a batch of vectors when it is 1-d or has A's shape without
     * its last dimension, else a batch of matrices; batch dimensions broadcast. A singular A is refused.
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return solve(a, b, null);
    }

    /**
     * X with A X = B ({@code left}, {@link #solve(Tensor, Tensor)}) or X A = B (torch.linalg.solve's left=False, as
     * A^T X^T = B^T); for X A = B, B's last dimension is A's size (a vector B is a column there, so only n = 1 takes
     * one, as in PyTorch).
     */
    public static Tensor solve(Tensor a, Tensor b, boolean left) {
        return left ? solve(a, b, null) : solveRight(a, b, null);
    }

    /** {@link #solveEx(Tensor, Tensor)} with torch.linalg.solve_ex's left option. */
    public static List<Tensor> solveEx(Tensor a, Tensor b, boolean left) {
        Tensor[] info = new Tensor[1];
        Tensor x = left ? solve(a, b, info) : solveRight(a, b, info);
        return List.of(x, info[0]);
    }

    /** Whether B is a (batch of) vector(s) to solve for: 1-d, or A's shape without its last dimension. */
    private static boolean isVectorRhs(Tensor a, Tensor b) {
        return b.dim() == 1 || (b.dim() == a.dim() - 1
                && java.util.Arrays.equals(b.shape, java.util.Arrays.copyOf(a.shape, a.dim() - 1)));
    }

    /** X A = B through A^T X^T = B^T, B checked against the equation it was given for. */
    private static Tensor solveRight(Tensor a, Tensor b, Tensor[] info) {
        MatrixBatch.square("linalg.solve", a);
        if (b.dim() == 0) {
            throw new IllegalArgumentException("linalg.solve: The input tensor B must have at least 2 dimensions.");
        }
        int n = a.shape[a.dim() - 1];
        boolean vector = isVectorRhs(a, b);
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        if (bm.shape[bm.dim() - 1] != n) {
            throw new IllegalArgumentException("linalg.solve: Incompatible shapes of A and B for the equation XA = B ("
                    + n + "x" + n + " and " + bm.shape[bm.dim() - 2] + "x" + bm.shape[bm.dim() - 1] + ")");
        }
        Tensor x = mT(solve(mT(a), mT(bm), info));
        return vector ? x.squeeze(-1) : x;
    }

    /** solve; where info is given, its element 0 receives each matrix's LU info instead of a singular one raising. */
    private static Tensor solve(Tensor a, Tensor b, Tensor[] info) {
        MatrixBatch.square("linalg.solve", a);
        boolean vector = isVectorRhs(a, b);
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        int n = a.shape[a.dim() - 1];
        if (b.dim() == 0) {
            throw new IllegalArgumentException("linalg.solve: The input tensor B must have at least 2 dimensions.");
        }
        if (bm.shape[bm.dim() - 2] != n) {
            throw new IllegalArgumentException("linalg.solve: Incompatible shapes of A and B for the equation AX = B ("
                    + n + "x" + n + " and " + bm.shape[bm.dim() - 2] + "x" + bm.shape[bm.dim() - 1] + ")");
        }
        Tensor[] ab = broadcastBatches("linalg.solve", a, bm);
        Tensor x = solveMatrices(ab[0], ab[1], info);
        return vector ? x.squeeze(-1) : x;
    }

    /**
     * {X, info} (torch.linalg.solve_ex): as solve, but a singular A gives its info (the 1-based index of the first
     * zero pivot) instead of an error, and X the infinities and NaNs of that pivot. Differentiable as solve.
     */
    public static List<Tensor> solveEx(Tensor a, Tensor b) {
        Tensor[] info = new Tensor[1];
        Tensor x = solve(a, b, info);
        return List.of(x, info[0]);
    }

    /** solve on batches of one shape, B a batch of matrices; with info, singular matrices report there. */
    private static Tensor solveMatrices(Tensor a, Tensor b, Tensor[] info) {
        MatrixBatch in = MatrixBatch.square("linalg.solve", a), rhs = MatrixBatch.of(b);
        int n = in.rows, k = rhs.cols;
        Tensor out = Tensor.zeros(rhs.shape);
        int[] pivots = new int[n];
        if (info != null) {
            info[0] = Tensor.zeros(in.batchShape());
        }
        for (int i = 0; i < in.count; i++) {
            double[] m = in.matrix(i);
            int singular = Factorizations.lu(m, n, pivots);
            if (info != null) {
                info[0].array()[info[0].offset + i] = singular;
            } else if (singular != 0) {
                throw new IllegalArgumentException("torch.linalg.solve: " + in.element(i)
                        + "The solver failed because the input matrix is singular.");
            }
            double[] x = rhs.matrix(i);
            Factorizations.luSolve(m, n, pivots, x, k);
            MatrixBatch.store(x, out, i);
        }
        if (!Graph.recording(a, b)) {
            return out;
        }
        return recordSolve(out, "LinalgSolveExBackward0", a, b, a, (g, av, x, needsA) -> {
            Tensor gb = solveMatrices(mT(av), g, null);
            return new Tensor[] {needsA ? gb.matmul(mT(x)).neg() : null, gb};
        });
    }

    /**
     * X with A X = B ({@code left}) or X A = B, A triangular (torch.linalg.solve_triangular): only A's upper or lower
     * triangle is read, and with {@code unitriangular} not its diagonal, taken as ones. B has at least 2 dimensions;
     * batch dimensions broadcast. A zero on A's diagonal gives infinities, as in PyTorch.
     */
    public static Tensor solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular) {
        MatrixBatch.square("linalg.solve_triangular", a);
        if (b.dim() < 2) {
            throw new IllegalArgumentException(
                    "linalg.solve_triangular: The input tensor B must have at least 2 dimensions.");
        }
        int n = a.shape[a.dim() - 1], along = b.shape[b.dim() - (left ? 2 : 1)];
        if (along != n) {
            throw new IllegalArgumentException("linalg.solve_triangular: Incompatible shapes of A and B for the "
                    + "equation " + (left ? "AX = B" : "XA = B") + " (" + n + "x" + n + " and "
                    + b.shape[b.dim() - 2] + "x" + b.shape[b.dim() - 1] + ")");
        }
        Tensor[] ab = broadcastBatches("linalg.solve_triangular", a, b);
        return triangular(ab[0], ab[1], upper, left, unitriangular);
    }

    private static Tensor triangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unit) {
        MatrixBatch in = MatrixBatch.square("linalg.solve_triangular", a), rhs = MatrixBatch.of(left ? b : mT(b));
        Tensor out = Tensor.zeros(rhs.shape);
        int n = in.rows;
        for (int i = 0; i < in.count; i++) {
            double[] t = in.matrix(i);
            if (!left) {
                t = Factorizations.transpose(t, n, n);   // X A = B is A^T X^T = B^T, the other triangle
            }
            double[] x = rhs.matrix(i);
            Factorizations.triangularSolve(t, n, left == upper, unit, x, rhs.cols);
            MatrixBatch.store(x, out, i);
        }
        Tensor result = left ? out : mT(out).contiguous();
        if (!Graph.recording(a, b)) {
            return result;
        }
        return recordSolve(result, "LinalgSolveTriangularBackward0", a, b, a, (g, av, x, needsA) -> {
            Tensor gb = triangular(mT(av), g, !upper, left, unit), ga = null;
            if (needsA) {
                Tensor full = left ? gb.matmul(mT(x)).neg() : mT(x).matmul(gb).neg();
                int diagonal = unit ? 1 : 0;
                ga = upper ? full.triu(diagonal) : full.tril(-diagonal);
            }
            return new Tensor[] {ga, gb};
        });
    }

    // ---------------------------------------------------------------- decompositions

    /** {@link #cholesky(Tensor, boolean)} giving the lower factor. */
    public static Tensor cholesky(Tensor a) {
        return cholesky(a, false);
    }

    // ---------------------------------------------------------------- torch.linalg's names for Tensor ops

    /** The cross product of 3-vectors along the last dimension, broadcasting (torch.linalg.cross). */
    public static Tensor cross(Tensor a, Tensor b) {
        return cross(a, b, -1);
    }

    /** The cross product of 3-vectors along dim, broadcasting (torch.linalg.cross). */
    public static Tensor cross(Tensor a, Tensor b, int dim) {
        return a.cross(b, dim);
    }

    /** The main diagonal of each matrix (torch.linalg.diagonal): a view. */
    public static Tensor diagonal(Tensor a) {
        return a.diagonal(0, -2, -1);
    }

    /** The diagonal at offset of each matrix, between dimensions dim1 and dim2 (torch.linalg.diagonal). */
    public static Tensor diagonal(Tensor a, int offset, int dim1, int dim2) {
        return a.diagonal(offset, dim1, dim2);
    }

    /** The matrix product (torch.linalg.matmul, Tensor.matmul under its torch.linalg name). */
    public static Tensor matmul(Tensor a, Tensor b) {
        return a.matmul(b);
    }

    /** The Vandermonde matrix of the last dimension's n values with n columns (torch.linalg.vander; n > 1). */
    public static Tensor vander(Tensor x) {
        return vander(x, x.dim() == 0 ? 1 : x.shape[x.dim() - 1]);
    }

    /**
     * The Vandermonde matrix of x's last dimension with columns x^0, x^1, ..., x^(columns - 1) (torch.linalg.vander,
     * N = columns, more than 1): shape (*, n, columns), the powers as running products, as PyTorch forms them.
     */
    public static Tensor vander(Tensor x, int columns) {
        if (columns <= 1 || x.dim() == 0) {   // PyTorch's one message for both (a 0-d x means N = 1)
            throw new IllegalArgumentException("N must be greater than 1.");
        }
        int[] shape = java.util.Arrays.copyOf(x.shape, x.dim() + 1);
        shape[x.dim()] = 1;
        Tensor ones = Tensor.ones(shape);
        shape[x.dim()] = columns - 1;
        return Tensor.cat(List.of(ones, x.unsqueeze(-1).expand(shape).cumprod(-1)), -1);
    }

    /**
     * The LU factorization with partial pivoting of each m x n matrix (torch.linalg.lu_factor): LU holds L below the
     * diagonal (its unit diagonal implied) and U on and above it; pivots (batch x min(m, n)) are LAPACK's, 1-based,
     * as floats holding integers. A zero pivot is refused with PyTorch's message (luFactorEx reports it instead).
     * Differentiable in LU (PyTorch's linalg_lu_backward); pivots have no gradient.
     */
    public static List<Tensor> luFactor(Tensor a) {
        return LuOps.factor(a);
    }

    /** luFactor without the check: {LU, pivots, info}, info 0 or the 1-based index of the first zero pivot. */
    public static List<Tensor> luFactorEx(Tensor a) {
        return LuOps.factorEx(a, "linalg.lu_factor_ex");
    }

    /**
     * A = P L U for each m x n matrix (torch.linalg.lu): P m x m a permutation, L m x min(m, n) unit lower
     * triangular, U min(m, n) x n upper triangular. L and U are differentiable; P is not.
     */
    public static List<Tensor> lu(Tensor a) {
        return LuOps.lu(a);
    }

    /**
     * X with A X = B from luFactor's LU and pivots of A (torch.linalg.lu_solve); batch dimensions broadcast.
     * Differentiable in LU and B.
     */
    public static Tensor luSolve(Tensor lu, Tensor pivots, Tensor b) {
        return LuOps.solve(lu, pivots, b);
    }

    /**
     * torch.linalg.lu_solve with its options: A X = B ({@code left}) or X A = B, with A^T for A where {@code adjoint}.
     * Differentiable in LU and B.
     */
    public static Tensor luSolve(Tensor lu, Tensor pivots, Tensor b, boolean left, boolean adjoint) {
        return LuOps.solve(lu, pivots, b, left, adjoint);
    }

    /** P, L and U from luFactor's LU and pivots (torch.lu_unpack); L and U carry LU's gradient. */
    public static List<Tensor> luUnpack(Tensor lu, Tensor pivots) {
        return LuOps.unpackOp(lu, pivots);
    }

    /**
     * The Cholesky factor of each symmetric positive-definite matrix (torch.linalg.cholesky): L with A = L L^T read
     * from A's lower triangle, or with {@code upper} U = L^T read from the upper one. A matrix that is not positive
     * definite is refused with the order of its first such leading minor.
     */
    public static Tensor cholesky(Tensor a, boolean upper) {
        return cholesky(a, upper, null);
    }

    /**
     * {L, info} (torch.linalg.cholesky_ex): as cholesky, but a matrix that is not positive definite gives its info
     * (the order of its first leading minor that is not) instead of an error, and a factor of NaNs, the
     * factorization having stopped there (LAPACK's partial factor is not reproduced). Differentiable as cholesky.
     */
    public static List<Tensor> choleskyEx(Tensor a, boolean upper) {
        Tensor info = Tensor.zeros(MatrixBatch.square("linalg.cholesky_ex", a).batchShape());
        return List.of(cholesky(a, upper, info), info);
    }

    /** cholesky, each matrix's info into info's elements (and NaNs for a failed one) when info is given. */
    private static Tensor cholesky(Tensor a, boolean upper, Tensor info) {
        MatrixBatch in = MatrixBatch.square("linalg.cholesky", upper ? mT(a) : a);
        int n = in.rows;
        Tensor out = Tensor.zeros(in.shape);
        for (int b = 0; b < in.count; b++) {
            double[] m = in.matrix(b);
            int failed = Factorizations.cholesky(m, n);
            if (failed != 0 && info == null) {
                throw new IllegalArgumentException("linalg.cholesky: " + in.element(b) + "The factorization could not "
                        + "be completed because the input is not positive-definite (the leading minor of order "
                        + failed + " is not positive-definite).");
            }
            if (info != null) {
                info.array()[info.offset + b] = failed;
                if (failed != 0) {
                    java.util.Arrays.fill(m, Double.NaN);
                }
            }
            MatrixBatch.store(m, out, b);
        }
        Tensor result = upper ? mT(out).contiguous() : out;
        if (!Graph.recording(a)) {
            return result;
        }
        return Graph.record(result, "LinalgCholeskyExBackward0", a, result,
                (g, f) -> upper ? choleskyGrad(mT(g), mT(f)) : choleskyGrad(g, f));
    }

    /**
     * Murray's rule (arXiv:1602.07527): {@code A-bar = sym(L^-T Phi(L^T L-bar) L^-1)}, Phi keeping the lower triangle
     * with the diagonal halved, symmetrised because A is.
     */
    private static Tensor choleskyGrad(Tensor g, Tensor l) {
        Tensor p = mT(l).matmul(g).tril(0);
        p = p.tril(-1).add(p.triu(0).mul(0.5f));
        Tensor s = triangular(l, triangular(mT(l), p, true, true, false), false, false, false);
        return s.add(mT(s)).mul(0.5f);
    }

    /** {@link #qr(Tensor, String)} in the "reduced" mode. */
    public static List<Tensor> qr(Tensor a) {
        return qr(a, "reduced");
    }

    /**
     * The QR decomposition A = Q R of each m x n matrix (torch.linalg.qr), by Householder reflections with LAPACK's
     * signs. Modes: "reduced" (Q m x k, R k x n, k = min(m, n)), "complete" (Q m x m, R m x n) and "r" (R only, Q
     * empty, not differentiable).
     */
    public static List<Tensor> qr(Tensor a, String mode) {
        if (!mode.equals("reduced") && !mode.equals("complete") && !mode.equals("r")) {
            throw new IllegalArgumentException("qr received unrecognized mode '" + mode
                    + "' but expected one of 'reduced' (default), 'r', or 'complete'");
        }
        MatrixBatch in = MatrixBatch.of("linalg.qr", a);
        int m = in.rows, n = in.cols, k = Math.min(m, n), qCols = mode.equals("complete") ? m : k;
        Tensor q = mode.equals("r") ? Tensor.zeros(0) : Tensor.zeros(in.batchShape(m, qCols));
        Tensor r = Tensor.zeros(in.batchShape(qCols, n));
        double[] qm = new double[m * qCols], rm = new double[qCols * n];
        for (int b = 0; b < in.count; b++) {
            Factorizations.qr(in.matrix(b), m, n, mode.equals("r") ? null : qm, qCols, rm);
            if (!mode.equals("r")) {
                MatrixBatch.store(qm, q, b);
            }
            MatrixBatch.store(rm, r, b);
        }
        if (!Graph.recording(a)) {
            return List.of(q, r);
        }
        String refusal = mode.equals("r") ? "The derivative of linalg.qr depends on Q, which is not computed when "
                + "mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through "
                + "linalg.qr."
                : mode.equals("complete") && m > n ? "The QR decomposition is not differentiable when mode='complete' "
                + "and nrows > ncols." : null;
        if (refusal != null) {
            for (Tensor out : mode.equals("r") ? List.of(r) : List.of(q, r)) {
                Graph.record(out, "LinalgQrBackward0", a, g -> {
                    throw new IllegalStateException(refusal);
                });
            }
            return List.of(q, r);
        }
        Tensor[] qrPair = {q, r};
        recordEach("LinalgQrBackward0", a, qrPair, (which, g, outs) ->
                qrGrad(which == 0 ? g : null, which == 1 ? g : null, outs[0], outs[1], a.shape[a.dim() - 1]));
        return List.of(q, r);
    }

    /**
     * PyTorch's linalg_qr_backward. For m >= n: {@code A-bar = (Q-bar + Q copyltu(M)) R^-T}, {@code M = R R-bar^T -
     * Q-bar^T Q}, copyltu mirroring M's lower triangle. For m < n, A = [X | Y] with X = Q R1 and Y = Q R2: X's gradient
     * is that rule with Q-bar + Y R2-bar^T, Y's is Q R2-bar. Null gradients are zeros.
     */
    private static Tensor qrGrad(Tensor gq, Tensor gr, Tensor q, Tensor r, int n) {
        int m = q.shape[q.dim() - 2];
        if (m >= n) {
            return squareQrGrad(gq, gr, q, r);
        }
        Tensor r1 = r.narrow(-1, 0, m), a2 = q.matmul(r.narrow(-1, m, n - m));
        Tensor gr1 = gr == null ? null : gr.narrow(-1, 0, m), gr2 = gr == null ? null : gr.narrow(-1, m, n - m);
        Tensor gq1 = gr2 == null ? gq : gq == null ? a2.matmul(mT(gr2)) : gq.add(a2.matmul(mT(gr2)));
        Tensor gx = squareQrGrad(gq1, gr1, q, r1);
        Tensor gy = gr2 == null ? Tensor.zeros(a2.shape) : q.matmul(gr2);
        return Tensor.cat(List.of(gx, gy), -1);
    }

    private static Tensor squareQrGrad(Tensor gq, Tensor gr, Tensor q, Tensor r) {
        Tensor mm = gr != null ? r.matmul(mT(gr)) : null;
        if (gq != null) {
            Tensor qq = mT(gq).matmul(q);
            mm = mm == null ? qq.neg() : mm.sub(qq);
        }
        Tensor copyltu = mm.tril(-1).add(mT(mm.tril(0)));
        Tensor b = q.matmul(copyltu);
        if (gq != null) {
            b = b.add(gq);
        }
        return triangular(mT(r), b, false, false, false);
    }

    /**
     * QR of each m x n matrix in LAPACK's compact form (torch.geqrf): {a, tau}, a holding R on and above the diagonal
     * and the Householder vectors below it (their leading 1 implied), tau (batch x min(m, n)) their scalars, with
     * LAPACK's signs. Not differentiable (PyTorch's refusal: "the derivative for 'geqrf' is not implemented.").
     */
    public static List<Tensor> geqrf(Tensor a) {
        return HouseholderOps.geqrf(a);
    }

    /**
     * The first n columns of the product of Householder reflectors H_1 ... H_k (torch.linalg.householder_product,
     * LAPACK's orgqr; torch.orgqr): a is m x n (m >= n), its column i below the diagonal reflector i's vector (1 on the
     * diagonal implied, the rest unread), tau (batch x k, k <= n) their scalars; {@code householderProduct(geqrf(A))}
     * is A's Q. Differentiable in a and tau, to any order.
     */
    public static Tensor householderProduct(Tensor a, Tensor tau) {
        return HouseholderOps.product(a, tau);
    }

    /**
     * Multiplies other by the m x m orthogonal Q = H_1 ... H_k of geqrf-style reflectors without the caller forming
     * it (torch.ormqr): Q C (left), C Q (not left), with Q^T where {@code transpose}. a (m x n) holds the reflectors'
     * vectors below its diagonal, tau (batch x k, k <= n) their scalars; batch dimensions equal. Not differentiable, as
     * in PyTorch 1.13 ("the derivative for 'ormqr' is not implemented.").
     */
    public static Tensor ormqr(Tensor a, Tensor tau, Tensor other, boolean left, boolean transpose) {
        return HouseholderOps.ormqr(a, tau, other, left, transpose);
    }

    /**
     * The Bunch-Kaufman factorization A = P L D L^T P^T of each symmetric (possibly indefinite) n x n matrix, read
     * from its lower triangle (torch.linalg.ldl_factor; LAPACK's sytrf): {LD, pivots}, LD holding L's multipliers
     * below the diagonal (unit diagonal implied) and D's 1 x 1 and 2 x 2 blocks on it (a 2 x 2 block's off-diagonal
     * entry below it), zeros above; pivots (batch x n) LAPACK's, 1-based, as floats holding integers (a pair of equal
     * negative ones for a 2 x 2 block). A singular D is refused, naming its zero block (ldlFactorEx reports it
     * instead). Not differentiable, as in PyTorch 1.13.
     */
    public static List<Tensor> ldlFactor(Tensor a) {
        return LdlOps.factor(a);
    }

    /**
     * {@link #ldlFactor(Tensor)} with torch's {@code hermitian} flag, which for real matrices changes nothing (a
     * symmetric matrix is its own conjugate transpose).
     */
    public static List<Tensor> ldlFactor(Tensor a, boolean hermitian) {
        return LdlOps.factor(a);
    }

    /**
     * ldlFactor without the check (torch.linalg.ldl_factor_ex): {LD, pivots, info}, info (batch) 0 or the 1-based
     * index of D's first block that is exactly zero (the factors are complete, D is singular).
     */
    public static List<Tensor> ldlFactorEx(Tensor a) {
        return LdlOps.factorEx(a, "torch.linalg.ldl_factor_ex");
    }

    /** {@link #ldlFactorEx(Tensor)} with torch's {@code hermitian} flag (the same for real matrices). */
    public static List<Tensor> ldlFactorEx(Tensor a, boolean hermitian) {
        return LdlOps.factorEx(a, "torch.linalg.ldl_factor_ex");
    }

    /**
     * X with A X = B from ldlFactor's LD and pivots of A (torch.linalg.ldl_solve; LAPACK's sytrs); the batch
     * dimensions of LD (with its pivots) and B broadcast. Pivots that sytrf could not have made are refused with their
     * position. Not differentiable, as in PyTorch 1.13.
     */
    public static Tensor ldlSolve(Tensor ld, Tensor pivots, Tensor b) {
        return LdlOps.solve(ld, pivots, b);
    }

    /** {@link #ldlSolve(Tensor, Tensor, Tensor)} with torch's {@code hermitian} flag (the same for real matrices). */
    public static Tensor ldlSolve(Tensor ld, Tensor pivots, Tensor b, boolean hermitian) {
        return LdlOps.solve(ld, pivots, b);
    }

    /**
     * The inverse of a read as a matrix of its first {@code ind} dimensions by the rest (their products equal), shaped
     * a.shape[ind:] + a.shape[:ind] (torch.linalg.tensorinv): {@code tensordot(tensorinv(a, ind), a, ind)} is the
     * identity.
     */
    public static Tensor tensorinv(Tensor a, int ind) {
        return TensorEquations.tensorinv(a, ind);
    }

    /** {@link #tensorsolve(Tensor, Tensor, int[])} with no dimensions moved. */
    public static Tensor tensorsolve(Tensor a, Tensor b) {
        return TensorEquations.tensorsolve(a, b, null);
    }

    /**
     * x with {@code tensordot(a, x, x.dim())} = b (torch.linalg.tensorsolve): a's dimensions {@code dims} moved to its
     * end first; x has the shape of a's dimensions past b's rank, whose product must equal b's element count.
     */
    public static Tensor tensorsolve(Tensor a, Tensor b, int[] dims) {
        return TensorEquations.tensorsolve(a, b, dims);
    }

    /**
     * The eigenvalues and eigenvectors of each general real matrix (torch.linalg.eig), complex, so written as
     * torch.view_as_real writes them: eigenvalues [..., n, 2] (a complex pair's positive imaginary part first),
     * eigenvectors [..., n, n, 2] (column k for eigenvalue k; unit norm, the largest component real and positive,
     * where LAPACK leaves its sign to the algorithm). The order of the eigenvalues is the QR iteration's, as PyTorch
     * promises none. Gradients as PyTorch's ({@link EigOps}), which need distinct eigenvalues and a loss that does not
     * depend on the eigenvectors' phases (a loss that does is refused in backward, in PyTorch's words). A matrix with
     * an infinity or NaN is refused, as PyTorch's eig refuses it (its eigvals does not, and may return finite values
     * read past the NaN; vgrad's refuses there too).
     */
    public static List<Tensor> eig(Tensor a) {
        return EigOps.eig(a, true, "linalg.eig");
    }

    /** The eigenvalues of each general real matrix (torch.linalg.eigvals): {@link #eig}'s first output. */
    public static Tensor eigvals(Tensor a) {
        return EigOps.eig(a, false, "linalg.eigvals").get(0);
    }

    /** {@link #eigh(Tensor, String)} reading the lower triangle. */
    public static List<Tensor> eigh(Tensor a) {
        return eigh(a, "L");
    }

    /**
     * Eigenvalues (ascending) and eigenvectors (columns) of each symmetric matrix, read from its lower ("L") or upper
     * ("U") triangle (torch.linalg.eigh). Gradients: {@code V (diag(L-bar) + skew(V^T V-bar) / E) V^T} with {@code
     * E_ij = L_j - L_i}, symmetric, as PyTorch's; repeated eigenvalues make the eigenvectors' gradient infinite.
     */
    public static List<Tensor> eigh(Tensor a, String uplo) {
        if (!uplo.equals("L") && !uplo.equals("U")) {
            throw new IllegalArgumentException("Expected UPLO argument to be 'L' or 'U', but got " + uplo);
        }
        MatrixBatch in = MatrixBatch.square("linalg.eigh", uplo.equals("U") ? mT(a) : a);
        int n = in.rows;
        Tensor values = Tensor.zeros(in.batchShape(n)), vectors = Tensor.zeros(in.shape);
        double[] l = new double[n], v = new double[n * n];
        for (int b = 0; b < in.count; b++) {
            Factorizations.symmetricEigen(in.matrix(b), n, l, v);
            MatrixBatch.store(l, values, b);
            MatrixBatch.store(v, vectors, b);
        }
        if (Graph.recording(a)) {
            recordEach("LinalgEighBackward0", a, new Tensor[] {values, vectors}, (which, g, outs) ->
                    which == 0 ? eighValuesGrad(g, outs[1]) : eighVectorsGrad(g, outs[0], outs[1]));
        }
        return List.of(values, vectors);
    }

    /**
     * The eigenvalues of each symmetric matrix, ascending (torch.linalg.eigvalsh): eigh's first output, so that its
     * second derivative reaches the eigenvectors the first one is made of.
     */
    public static Tensor eigvalsh(Tensor a) {
        MatrixBatch.square("linalg.eigvalsh", a);
        return eigh(a).get(0);
    }

    private static Tensor eighValuesGrad(Tensor g, Tensor v) {
        return v.mul(g.unsqueeze(-2)).matmul(mT(v));
    }

    private static Tensor eighVectorsGrad(Tensor g, Tensor l, Tensor v) {
        Tensor x = mT(v).matmul(g);
        Tensor skew = x.sub(mT(x)).mul(0.5f);
        return v.matmul(skew.div(gaps(l.unsqueeze(-2).sub(l.unsqueeze(-1))))).matmul(mT(v));
    }

    /** e with its diagonal set to 1: the divisor of a skew matrix, whose diagonal is 0. */
    private static Tensor gaps(Tensor e) {
        int n = e.shape[e.dim() - 1];
        return e.add(Tensor.eye(n));
    }

    /**
     * A rank-q approximation A ~ U diag(S) V^T by randomized subspace iteration (torch.svd_lowrank): [U [*, m, q], S
     * [*, q], V [*, n, q]] for q at most min(m, n), of A - M when M (A's shape) is given. The Gaussian sketch is drawn
     * from g as torch.randn draws it, so with PyTorch's generator state the factors are PyTorch's (up to the signs of
     * each pair of singular vectors). Differentiable.
     */
    public static List<Tensor> svdLowrank(Tensor a, int q, int niter, Tensor m, Generator g) {
        return LowRank.svd(a, q, niter, m, g);
    }

    /** {@link #svdLowrank(Tensor, int, int, Tensor, Generator)} with PyTorch's defaults: q 6, 2 iterations. */
    public static List<Tensor> svdLowrank(Tensor a, Generator g) {
        return LowRank.svd(a, 6, 2, null, g);
    }

    /**
     * Principal components by {@link #svdLowrank}: of A less its column means when center (torch.pca_lowrank); q
     * at most min(m, n), null for min(6, m, n). [U, S, V]: V's columns are the principal directions.
     */
    public static List<Tensor> pcaLowrank(Tensor a, Integer q, boolean center, int niter, Generator g) {
        return LowRank.pca(a, q, center, niter, g);
    }

    /** {@link #svd(Tensor, boolean)} with full matrices, torch.linalg.svd's default. */
    public static List<Tensor> svd(Tensor a) {
        return svd(a, true);
    }

    /**
     * The singular value decomposition A = U diag(S) Vh of each m x n matrix (torch.linalg.svd): S descending (k =
     * min(m, n) values), U m x k and Vh k x n, or m x m and n x n with {@code fullMatrices} (columns past k completed
     * to orthonormal bases, which gradients do not reach, as in PyTorch).
     */
    public static List<Tensor> svd(Tensor a, boolean fullMatrices) {
        MatrixBatch in = MatrixBatch.of("linalg.svd", a);
        int m = in.rows, n = in.cols, k = Math.min(m, n), uCols = fullMatrices ? m : k, vRows = fullMatrices ? n : k;
        Tensor u = Tensor.zeros(in.batchShape(m, uCols)), s = Tensor.zeros(in.batchShape(k));
        Tensor vh = Tensor.zeros(in.batchShape(vRows, n));
        double[] um = new double[m * uCols], sm = new double[k], vm = new double[vRows * n];
        for (int b = 0; b < in.count; b++) {
            Factorizations.svd(in.svdMatrix(b), m, n, um, uCols, sm, vm, vRows);
            MatrixBatch.store(um, u, b);
            MatrixBatch.store(sm, s, b);
            MatrixBatch.store(vm, vh, b);
        }
        if (Graph.recording(a)) {
            recordEach("LinalgSvdBackward0", a, new Tensor[] {u, s, vh}, (which, g, outs) -> {
                Tensor uk = outs[0].narrow(-1, 0, k), vk = outs[2].narrow(-2, 0, k);
                return switch (which) {
                    case 0 -> svdUGrad(g.narrow(-1, 0, k), uk, outs[1], vk);
                    case 1 -> uk.mul(g.unsqueeze(-2)).matmul(vk);
                    default -> svdVhGrad(g.narrow(-2, 0, k), uk, outs[1], vk);
                };
            });
        }
        return List.of(u, s, vh);
    }

    /**
     * The singular values of each matrix, descending (torch.linalg.svdvals): svd's second output, gradient {@code U
     * diag(S-bar) Vh}, whose own derivative reaches U and Vh.
     */
    public static Tensor svdvals(Tensor a) {
        MatrixBatch.of("linalg.svdvals", a);
        return svd(a, false).get(1);
    }

    /** {@code F_ij = 1 / (s_j^2 - s_i^2)} off the diagonal, the diagonal's divisor 1 (the skew numerators are 0). */
    private static Tensor svdGaps(Tensor s) {
        Tensor sq = s.mul(s);
        return gaps(sq.unsqueeze(-2).sub(sq.unsqueeze(-1)));
    }

    /**
     * U's part of PyTorch's svd_backward: {@code U (skew(U^T U-bar) / E) S Vh + (I - U U^T) U-bar S^-1 Vh}, skew(X) =
     * X - X^T.
     */
    private static Tensor svdUGrad(Tensor gu, Tensor u, Tensor s, Tensor vh) {
        Tensor x = mT(u).matmul(gu);
        Tensor inner = x.sub(mT(x)).div(svdGaps(s)).mul(s.unsqueeze(-2));
        Tensor ga = u.matmul(inner).matmul(vh);
        if (u.shape[u.dim() - 2] > u.shape[u.dim() - 1]) {
            Tensor outside = gu.sub(u.matmul(x)).div(s.unsqueeze(-2));
            ga = ga.add(outside.matmul(vh));
        }
        return ga;
    }

    /** Vh's part: {@code U S (skew(V^T V-bar) / E) Vh + U S^-1 Vh-bar (I - V Vh)}, with V-bar = Vh-bar^T. */
    private static Tensor svdVhGrad(Tensor gvh, Tensor u, Tensor s, Tensor vh) {
        Tensor x = vh.matmul(mT(gvh));
        Tensor inner = x.sub(mT(x)).div(svdGaps(s)).mul(s.unsqueeze(-1));
        Tensor ga = u.matmul(inner).matmul(vh);
        if (vh.shape[vh.dim() - 1] > vh.shape[vh.dim() - 2]) {
            Tensor outside = gvh.sub(gvh.matmul(mT(vh)).matmul(vh)).div(s.unsqueeze(-1));
            ga = ga.add(u.matmul(outside));
        }
        return ga;
    }

    // ---------------------------------------------------------------- exponential and Cholesky solves

    /**
     * The matrix exponential of each square matrix (torch.linalg.matrix_exp), by scaling and squaring with Pade(13) in
     * double. Its gradient is PyTorch's: the upper-right block of {@code exp([[A^T, G], [0, A^T]])}, itself a matrix
     * exponential, so every order is available.
     */
    public static Tensor matrixExp(Tensor a) {
        MatrixBatch in = MatrixBatch.square("linalg.matrix_exp", a);
        Tensor out = Tensor.zeros(in.shape);
        for (int b = 0; b < in.count; b++) {
            MatrixBatch.store(Factorizations.matrixExp(in.matrix(b), in.rows), out, b);
        }
        if (!Graph.recording(a)) {
            return out;
        }
        int n = in.rows;
        return Graph.record(out, "LinalgMatrixExpBackward0", a, a, (g, x) -> {
            Tensor xt = mT(x);
            Tensor top = Tensor.cat(List.of(xt, g), -1), bottom = Tensor.cat(List.of(Tensor.zeros(x.shape), xt), -1);
            return matrixExp(Tensor.cat(List.of(top, bottom), -2)).narrow(-2, 0, n).narrow(-1, n, n);
        });
    }

    /**
     * X with A X = B for A = L L^T given its Cholesky factor L, or U^T U given U with {@code upper}
     * (torch.cholesky_solve(B, L)): two triangular solves, batch dimensions broadcast. Gradients are PyTorch's, L's
     * not confined to its triangle: {@code B-bar = cholesky_solve(X-bar, L)}, {@code L-bar = -(C + C^T) L} with
     * {@code C = B-bar X^T} (for U: {@code -U (C + C^T)}).
     */
    public static Tensor choleskySolve(Tensor b, Tensor l, boolean upper) {
        if (b.dim() < 2) {
            throw new IllegalArgumentException("b should have at least 2 dimensions, but has " + b.dim()
                    + " dimensions instead");
        }
        MatrixBatch.square("cholesky_solve", l);
        int n = l.shape[l.dim() - 1];
        if (b.shape[b.dim() - 2] != n) {
            throw new IllegalArgumentException("Incompatible matrix sizes for cholesky_solve: each A matrix is " + n
                    + " by " + n + " but each b matrix is " + b.shape[b.dim() - 2] + " by " + b.shape[b.dim() - 1]);
        }
        Tensor[] bl = broadcastBatches("cholesky_solve", b, l);
        Tensor x;
        try (var off = GradMode.noGrad()) {
            Tensor lower = upper ? mT(bl[1]) : bl[1];
            x = triangular(mT(lower), triangular(lower, bl[0], false, true, false), true, true, false);
        }
        if (!Graph.recording(bl[0], bl[1])) {
            return x;
        }
        // saved: the factor, the second input
        return recordSolve(x, "CholeskySolveBackward0", bl[0], bl[1], bl[1], (g, factor, solution, needsB) -> {
            Tensor gb = choleskySolve(g, factor, upper);
            Tensor c = gb.matmul(mT(solution));
            c = c.add(mT(c));
            return new Tensor[] {gb, upper ? factor.matmul(c).neg() : c.matmul(factor).neg()};
        });
    }

    /**
     * The inverse of A = L L^T (or U^T U with {@code upper}) from its Cholesky factor (torch.cholesky_inverse):
     * choleskySolve of the identity, so its gradient is that rule's ({@code L-bar = -R (G + G^T) R L}, R the result).
     */
    public static Tensor choleskyInverse(Tensor l, boolean upper) {
        MatrixBatch.square("cholesky_inverse", l);
        int n = l.shape[l.dim() - 1];
        return choleskySolve(Tensor.eye(n), l, upper);
    }

    // ---------------------------------------------------------------- functions of matrices (MatrixFunctions)

    /**
     * The Moore-Penrose pseudo-inverse of each m x n matrix (torch.linalg.pinv), from its SVD with the singular values
     * at or below {@code max(m, n) * eps(float)} times the largest taken as zero, PyTorch's default.
     */
    public static Tensor pinv(Tensor a) {
        return MatrixFunctions.pinv(a, 0, -1);
    }

    /**
     * pinv with singular values at or below {@code max(atol, rtol * largest)} taken as zero; a negative rtol means
     * PyTorch's default (0 when atol > 0, else {@code max(m, n) * eps(float)}).
     */
    public static Tensor pinv(Tensor a, double atol, double rtol) {
        return MatrixFunctions.pinv(a, atol, rtol);
    }

    /**
     * pinv with torch.linalg.pinv's {@code hermitian}: where true, each matrix is taken as symmetric (its lower
     * triangle read) and inverted through its eigendecomposition, eigenvalues at or below the tolerance in magnitude
     * taken as zero.
     */
    public static Tensor pinv(Tensor a, double atol, double rtol, boolean hermitian) {
        return hermitian ? MatrixFunctions.pinvHermitian(a, atol, rtol) : MatrixFunctions.pinv(a, atol, rtol);
    }

    /**
     * The least-squares solution X of A X = B (torch.linalg.lstsq) and, as PyTorch's default CPU driver gives them, the
     * residuals (empty), the rank (one float per matrix) and the singular values (empty). B is a matrix, or a vector
     * when it has one dimension fewer than A. The solution is pinv(A) B and differentiable in both.
     */
    public static List<Tensor> lstsq(Tensor a, Tensor b) {
        return MatrixFunctions.lstsq(a, b);
    }

    /**
     * torch.linalg.lstsq with {@code rcond} (negative for PyTorch's default, float's epsilon times max(m, n)) and a
     * {@code driver} ("gelsy", PyTorch's CPU default; "gelsd", "gelss" or "gels"), which decides what comes beside the
     * solution, as in PyTorch: the rank for gelsy, gelsd and gelss (empty for gels); A's singular values for gelsd and
     * gelss (else empty); and where A is taller than wide, for every driver but gelsy, the squared residuals of each
     * column of B (for gelsd and gelss only when every matrix has full rank; else empty). The solution drops singular
     * values at or below rcond times the largest (the minimum-norm solution, which gels's QR gives for a full-rank A)
     * and is differentiable in A and B; the other outputs are not, as in PyTorch. An unknown driver is refused.
     */
    public static List<Tensor> lstsq(Tensor a, Tensor b, double rcond, String driver) {
        return MatrixFunctions.lstsq(a, b, rcond, driver);
    }

    /** The number of singular values above PyTorch's default tolerance, per matrix, as floats (linalg.matrix_rank). */
    public static Tensor matrixRank(Tensor a) {
        return MatrixFunctions.matrixRank(a, 0, -1);
    }

    /** matrixRank with the tolerance {@code max(atol, rtol * largest)}; a negative rtol means PyTorch's default. */
    public static Tensor matrixRank(Tensor a, double atol, double rtol) {
        return MatrixFunctions.matrixRank(a, atol, rtol);
    }

    /** matrixRank with torch.linalg.matrix_rank's {@code hermitian}: where true, eigenvalues counted by magnitude. */
    public static Tensor matrixRank(Tensor a, double atol, double rtol, boolean hermitian) {
        return hermitian ? MatrixFunctions.matrixRankHermitian(a, atol, rtol)
                : MatrixFunctions.matrixRank(a, atol, rtol);
    }

    /** A^k of each square matrix for any integer k (torch.linalg.matrix_power); the identity for k = 0. */
    public static Tensor matrixPower(Tensor a, int k) {
        return MatrixFunctions.matrixPower(a, k);
    }

    /** The Frobenius norm of each matrix (torch.linalg.matrix_norm's default). */
    public static Tensor matrixNorm(Tensor a) {
        return MatrixFunctions.matrixNorm(a, "fro", false);
    }

    /** The matrix norm "fro" or "nuc" of each matrix (torch.linalg.matrix_norm). */
    public static Tensor matrixNorm(Tensor a, String ord, boolean keepdim) {
        return MatrixFunctions.matrixNorm(a, ord, keepdim);
    }

    /**
     * The matrix norm of order 1, -1, 2, -2, infinity or -infinity of each matrix (torch.linalg.matrix_norm): column
     * sums of magnitudes for +-1, row sums for +-infinity, singular values for +-2; the largest or the smallest.
     */
    public static Tensor matrixNorm(Tensor a, double ord, boolean keepdim) {
        return MatrixFunctions.matrixNorm(a, ord, keepdim);
    }

    /** The 2-norm of all of x's elements (torch.linalg.vector_norm's default). */
    public static Tensor vectorNorm(Tensor x) {
        return MatrixFunctions.vectorNorm(x, 2, null, false);
    }

    /**
     * The vector norm of order ord (any, as Tensor.norm) over the dimensions dims, or all of them when dims is empty
     * (torch.linalg.vector_norm).
     */
    public static Tensor vectorNorm(Tensor x, double ord, int[] dims, boolean keepdim) {
        return MatrixFunctions.vectorNorm(x, ord, dims, keepdim);
    }

    /** The 2-norm of x's elements, a vector's or a matrix's Frobenius norm (torch.linalg.norm with no order). */
    public static Tensor norm(Tensor x) {
        return vectorNorm(x);
    }

    /**
     * torch.linalg.norm with an order: the vector norm of a 1-d x, the matrix norm of a 2-d one; other ranks are
     * refused, as PyTorch refuses them without a dim.
     */
    public static Tensor norm(Tensor x, double ord) {
        return switch (x.dim()) {
            case 1 -> MatrixFunctions.vectorNorm(x, ord, null, false);
            case 2 -> MatrixFunctions.matrixNorm(x, ord, false);
            default -> throw new IllegalArgumentException("linalg.norm: If dim is not specified but ord is, the input "
                    + "must be 1D or 2D. Got " + x.dim() + "D.");
        };
    }

    /** The 2-norm condition number of each matrix, its largest singular value over its smallest (torch.linalg.cond). */
    public static Tensor cond(Tensor a) {
        return MatrixFunctions.cond(a);
    }

    /**
     * The condition number in the matrix norm of order ord, 2, -2, 1, -1, infinity or -infinity (torch.linalg.cond):
     * singular values for +-2, {@code ||A|| ||A^-1||} of square matrices otherwise, infinite for a singular one.
     */
    public static Tensor cond(Tensor a, double ord) {
        return MatrixFunctions.cond(a, ord);
    }

    /**
     * The condition number in the "fro" or "nuc" norm, {@code ||A|| ||A^-1||} of square matrices (torch.linalg.cond).
     */
    public static Tensor cond(Tensor a, String ord) {
        return MatrixFunctions.cond(a, ord);
    }

    /**
     * The product of the matrices in the order that costs the fewest multiplications (torch.linalg.multi_dot); the
     * first may be a 1-d row vector and the last a 1-d column vector.
     */
    public static Tensor multiDot(List<Tensor> tensors) {
        return MatrixFunctions.multiDot(tensors);
    }

    /** The dot products of x and y along dim, their other dimensions broadcast (torch.linalg.vecdot). */
    public static Tensor vecdot(Tensor x, Tensor y, int dim) {
        return x.mul(y).sum(dim, false);
    }

    // ---------------------------------------------------------------- plumbing

    /** A decomposition's rule for output {@code which} given that output's gradient and all the outputs. */
    @FunctionalInterface
    private interface OutputRule {
        Tensor apply(int which, Tensor gradient, Tensor[] outputs);
    }

    /**
     * Gives each output its own node over input a, all saving every output: output i's node applies the rule with
     * the gradient of output i alone.
     */
    private static void recordEach(String name, Tensor a, Tensor[] outputs, OutputRule rule) {
        for (int i = 0; i < outputs.length; i++) {
            int which = i;
            Tensor out = outputs[i];
            out.setGradFn(new Node(name, a) {
                private final SavedTensor[] saved = saveAll(outputs, out);

                private SavedTensor[] saveAll(Tensor[] ts, Tensor own) {
                    SavedTensor[] s = new SavedTensor[ts.length];
                    for (int j = 0; j < ts.length; j++) {
                        s[j] = ts[j] == own ? saveOutput(ts[j]) : save(ts[j]);
                    }
                    return s;
                }

                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor[] outs = new Tensor[saved.length];
                    for (int j = 0; j < outs.length; j++) {
                        outs[j] = saved[j].get();
                    }
                    return grads(rule.apply(which, g, outs));
                }
            });
        }
    }

    /** A solve's rule: both inputs' gradients from the output's, the saved operand and the solution. */
    @FunctionalInterface
    private interface SolveRule {
        Tensor[] apply(Tensor gradient, Tensor saved, Tensor solution, boolean firstNeedsGrad);
    }

    /** Records a two-input solve whose rule needs one operand ({@code saved}) and its own output. */
    private static Tensor recordSolve(Tensor out, String name, Tensor first, Tensor second, Tensor saved,
            SolveRule rule) {
        out.setGradFn(new Node(name, first, second) {
            private final SavedTensor operand = save(saved), solution = saveOutput(out);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor[] both = rule.apply(g, operand.get(), solution.get(), needsGrad(0));
                return grads(both[0], both[1]);
            }
        });
        return out;
    }

    private static Tensor mT(Tensor t) {
        return t.transpose(-2, -1);
    }

    /** a and b with their batch dimensions (all but the last two) broadcast to one shape. */
    private static Tensor[] broadcastBatches(String op, Tensor a, Tensor b) {
        int[] batch = Shapes.broadcast(java.util.Arrays.copyOf(a.shape, a.dim() - 2),
                java.util.Arrays.copyOf(b.shape, b.dim() - 2), op);
        return new Tensor[] {a.expand(withMatrix(batch, a)), b.expand(withMatrix(batch, b))};
    }

    private static int[] withMatrix(int[] batch, Tensor t) {
        int[] shape = java.util.Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = t.shape[t.dim() - 2];
        shape[batch.length + 1] = t.shape[t.dim() - 1];
        return shape;
    }
}
