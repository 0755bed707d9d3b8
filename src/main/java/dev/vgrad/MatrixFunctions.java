package dev.vgrad;

import dev.vgrad.kernels.Factorizations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * torch.linalg's functions of matrices built on the factorizations: the pseudo-inverse, least squares, powers, norms,
 * condition numbers, ranks and chained products. Each is composed of differentiable ops except the pseudo-inverse,
 * whose forward runs on the double SVD and whose rule is PyTorch's closed form (it stays finite where the SVD's own
 * rule divides by equal singular values).
 */
final class MatrixFunctions {
    /** float's machine epsilon: PyTorch's default relative tolerance is it times max(m, n) for float inputs. */
    static final double FLOAT_EPS = 0x1p-23;

    private MatrixFunctions() {}

    /**
     * The singular values (or eigenvalues' magnitudes) at or below max(atol, rtol * largest) count as zero; rtol < 0
     * means PyTorch's default.
     */
    private static double tolerance(double largest, int m, int n, double atol, double rtol) {
        double r = rtol >= 0 ? rtol : atol > 0 ? 0 : FLOAT_EPS * Math.max(m, n);
        return Math.max(atol, r * largest);
    }

    static Tensor pinv(Tensor a, double atol, double rtol) {
        return pinvAndRank(a, atol, rtol, true)[0];
    }

    /**
     * pinv and matrix_rank from one SVD of each matrix (lstsq needs both; the rank has no gradient). A NaN in a matrix
     * is refused as PyTorch's SVD refuses it ({@code refuseNaN}, pinv); otherwise a NaN or infinity gives a NaN
     * pseudo-inverse and rank 0 (PyTorch's pinv of an infinity is NaN, its lstsq of a NaN a NaN solution).
     */
    private static Tensor[] pinvAndRank(Tensor a, double atol, double rtol, boolean refuseNaN) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException("linalg.pinv(Float{" + Shapes.str(a.shape) + "}): expected a tensor "
                    + "with 2 or more dimensions of float, double, cfloat or cdouble types");
        }
        MatrixBatch in = MatrixBatch.of("linalg.pinv", a);
        int m = in.rows, n = in.cols, k = Math.min(m, n);
        Tensor out = Tensor.zeros(in.batchShape(n, m)), rank = Tensor.zeros(in.batchShape());
        double[] u = new double[m * k], s = new double[k], vt = new double[k * n];
        for (int b = 0; b < in.count; b++) {
            Factorizations.svd(refuseNaN ? in.svdMatrix(b) : in.matrix(b), m, n, u, k, s, vt, k);
            double tol = tolerance(s.length == 0 ? 0 : s[0], m, n, atol, rtol);
            double[] x = new double[n * m];
            if (Double.isNaN(tol)) {
                Arrays.fill(x, Double.NaN);  // NaN singular values fail every comparison: not zeros
            }
            for (int c = 0; c < k; c++) {
                if (!(s[c] > tol)) {
                    continue;
                }
                rank.array()[rank.offset + b]++;
                addScaledOuter(x, n, m, 1 / s[c], vt, c * n, 1, u, c, k);
            }
            MatrixBatch.store(x, out, b);
        }
        if (!Graph.recording(a)) {
            return new Tensor[] {out, rank};
        }
        return new Tensor[] {Graph.recordWithOutput(out, "LinalgPinvBackward0", a, (g, av, x) -> pinvGrad(g, x, av)),
            rank};
    }

    /**
     * PyTorch's pinv_backward, from d(A+) = -A+ dA A+ + A+ A+^T dA^T (I - A A+) + (I - A+ A) dA^T A+^T A+ (Golub and
     * Pereyra): {@code A-bar = -X^T G X^T + (G^T - A X G^T) X X^T + X^T X (G^T - G^T X A)}, X = A+, G = X-bar.
     */
    private static Tensor pinvGrad(Tensor g, Tensor x, Tensor a) {
        Tensor xt = mT(x), gt = mT(g);
        Tensor first = xt.matmul(g).matmul(xt).neg();
        Tensor second = gt.sub(a.matmul(x.matmul(gt))).matmul(x.matmul(xt));
        Tensor third = xt.matmul(x).matmul(gt.sub(gt.matmul(x).matmul(a)));
        return first.add(second).add(third);
    }

    /**
     * The least-squares solution of A X = B and torch.linalg.lstsq's other outputs as its default CPU driver (gelsy)
     * gives them: residuals and singular values empty, the rank as a 0-d float per matrix. The solution is pinv(A) B,
     * so its gradient is pinv's.
     */
    static List<Tensor> lstsq(Tensor a, Tensor b) {
        return lstsq(a, b, -1, "gelsy");
    }

    /** The LAPACK drivers torch.linalg.lstsq names; what each reports beside the solution differs. */
    private static final List<String> DRIVERS = List.of("gels", "gelsy", "gelsd", "gelss");

    /**
     * torch.linalg.lstsq with rcond (negative: PyTorch's default, float's epsilon times max(m, n)) and a driver: the
     * solution pinv(A) B with singular values at or below rcond times the largest dropped (the minimum-norm solution;
     * gels assumes A has full rank, where this is the same); the rank for gelsy, gelsd and gelss; A's singular values
     * for gelsd and gelss; for m > n and every driver but gelsy, the residuals {@code sum((A X - B)^2)} over each
     * column of B (in double), and for gelsd and gelss only where every matrix has rank n. Only the solution is
     * differentiable, as in PyTorch.
     */
    static List<Tensor> lstsq(Tensor a, Tensor b, double rcond, String driver) {
        if (!DRIVERS.contains(driver)) {
            throw new IllegalArgumentException("torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, "
                    + "gelsd, gelss), got " + driver);
        }
        MatrixBatch in = MatrixBatch.of("linalg.lstsq", a);
        boolean vector = b.dim() == a.dim() - 1;
        Tensor bm = vector ? b.unsqueeze(-1) : b;
        if (bm.dim() < 2 || bm.shape[bm.dim() - 2] != a.shape[a.dim() - 2]) {
            throw new IllegalArgumentException("torch.linalg.lstsq: input.size(-2) should match other.size(-2) (shapes "
                    + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + ")");
        }
        Tensor[] pinvAndRank = pinvAndRank(a, 0, rcond, false);
        Tensor solution = pinvAndRank[0].matmul(bm);
        Tensor rank = driver.equals("gels") ? Tensor.zeros(0) : pinvAndRank[1];
        boolean svd = driver.equals("gelsd") || driver.equals("gelss");
        Tensor singular;
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            singular = svd ? Linalg.svdvals(a) : Tensor.zeros(0);
        }
        Tensor residuals = Tensor.zeros(0);
        if (in.rows > in.cols && !driver.equals("gelsy")
                && (!svd || pinvAndRank[1].eq((float) in.cols).all().item() != 0f)) {
            residuals = residuals(a, bm, solution.detach());
        }
        return List.of(vector ? solution.squeeze(-1) : solution, residuals, rank, singular);
    }

    /** {@code sum((A X - B)^2)} down each column, [*, k], in double from A, B and the float solution X. */
    private static Tensor residuals(Tensor a, Tensor b, Tensor x) {
        int[] batch = Shapes.broadcast(Arrays.copyOf(a.shape, a.dim() - 2), Arrays.copyOf(b.shape, b.dim() - 2),
                "linalg.lstsq");
        int m = a.shape[a.dim() - 2], n = a.shape[a.dim() - 1], k = b.shape[b.dim() - 1];
        MatrixBatch as = MatrixBatch.of(a.expand(Shapes.appended(batch, m, n)));
        MatrixBatch bs = MatrixBatch.of(b.expand(Shapes.appended(batch, m, k)));
        MatrixBatch xs = MatrixBatch.of(x.expand(Shapes.appended(batch, n, k)));
        Tensor out = Tensor.zeros(Shapes.appended(batch, k));
        double[] sums = new double[k];
        for (int e = 0; e < as.count; e++) {
            double[] am = as.matrix(e), bv = bs.matrix(e), xv = xs.matrix(e);
            Arrays.fill(sums, 0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    double r = -bv[i * k + j];
                    for (int p = 0; p < n; p++) {
                        r += am[i * n + p] * xv[p * k + j];
                    }
                    sums[j] += r * r;
                }
            }
            MatrixBatch.store(sums, out, e);
        }
        return out;
    }

    /**
     * pinv of each symmetric matrix (torch's hermitian=True, reading the lower triangle) from its eigendecomposition
     * in double: {@code V diag(1 / L) V^T} over the eigenvalues whose magnitude is above the tolerance (of the largest
     * magnitude). Its gradient is the general pinv's, as in PyTorch, whose pinv_backward serves both.
     */
    static Tensor pinvHermitian(Tensor a, double atol, double rtol) {
        MatrixBatch in = MatrixBatch.square("linalg.eigh", a);
        int n = in.rows;
        Tensor out = Tensor.zeros(in.shape);
        double[] values = new double[n], vectors = new double[n * n];
        for (int b = 0; b < in.count; b++) {
            double tol = tolerance(eigen(in, b, values, vectors), n, n, atol, rtol);
            double[] x = new double[n * n];
            if (Double.isNaN(tol)) {
                Arrays.fill(x, Double.NaN);  // as PyTorch's eigh-based pinv: NaNs, not zeros
            }
            for (int c = 0; c < n; c++) {
                if (!(Math.abs(values[c]) > tol)) {
                    continue;
                }
                addScaledOuter(x, n, n, 1 / values[c], vectors, c, n, vectors, c, n);
            }
            MatrixBatch.store(x, out, b);
        }
        if (!Graph.recording(a)) {
            return out;
        }
        return Graph.recordWithOutput(out, "LinalgPinvBackward0", a, (g, av, x) -> pinvGrad(g, x, av));
    }

    /**
     * x (rows x cols) += (scale left) right^T, left's i-th element at {@code left[leftOff + i * leftStep]} and right's
     * likewise: one term of pinv's sum, V diag(1 / s) U^T.
     */
    private static void addScaledOuter(double[] x, int rows, int cols, double scale, double[] left, int leftOff,
                                       int leftStep, double[] right, int rightOff, int rightStep) {
        for (int i = 0; i < rows; i++) {
            double li = left[leftOff + i * leftStep] * scale;
            for (int j = 0; j < cols; j++) {
                x[i * cols + j] += li * right[rightOff + j * rightStep];
            }
        }
    }

    /** Matrix b of in (symmetric, its lower triangle read) into eigenvalues and vectors; the largest magnitude. */
    private static double eigen(MatrixBatch in, int b, double[] values, double[] vectors) {
        Factorizations.symmetricEigen(in.matrix(b), in.rows, values, vectors);
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    /** How many eigenvalues of each symmetric matrix exceed the tolerance in magnitude (matrix_rank, hermitian). */
    static Tensor matrixRankHermitian(Tensor a, double atol, double rtol) {
        MatrixBatch in = MatrixBatch.square("linalg.eigh", a);
        int n = in.rows;
        Tensor out = Tensor.zeros(in.batchShape());
        double[] values = new double[n], vectors = new double[n * n];
        for (int b = 0; b < in.count; b++) {
            double tol = tolerance(eigen(in, b, values, vectors), n, n, atol, rtol);
            for (double v : values) {
                out.array()[out.offset + b] += Math.abs(v) > tol ? 1 : 0;
            }
        }
        return out;
    }

    /** How many singular values of each matrix exceed the tolerance (torch.linalg.matrix_rank), as floats. */
    static Tensor matrixRank(Tensor a, double atol, double rtol) {
        if (a.dim() < 2) {
            throw new IllegalArgumentException(
                    "torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.");
        }
        MatrixBatch in = MatrixBatch.of("linalg.matrix_rank", a);
        int m = in.rows, n = in.cols, k = Math.min(m, n);
        Tensor out = Tensor.zeros(in.batchShape());
        double[] u = new double[m * k], s = new double[k], vt = new double[k * n];
        float[] o = out.array();
        for (int b = 0; b < in.count; b++) {
            Factorizations.svd(in.svdMatrix(b), m, n, u, k, s, vt, k);
            double tol = tolerance(s.length == 0 ? 0 : s[0], m, n, atol, rtol);
            int rank = 0;
            for (double v : s) {
                rank += v > tol ? 1 : 0;
            }
            o[out.offset + b] = rank;
        }
        return out;
    }

    /** A^k for any integer k (torch.linalg.matrix_power): squarings and products, inv(A)^-k for negative k. */
    static Tensor matrixPower(Tensor a, int k) {
        MatrixBatch in = MatrixBatch.square("linalg.matrix_power", a);
        if (k == 0) {   // PyTorch copies the identity into a clone of A: the result depends on A, with derivative 0
            Tensor identity = Tensor.eye(in.rows).expand(in.shape).contiguous();
            int[] shape = a.shape.clone();
            return Graph.recording(a) ? Graph.record(identity, "CopyBackwards", a, g -> Tensor.zeros(shape)) : identity;
        }
        Tensor base = k < 0 ? Linalg.inv(a) : a, result = null;
        // PyTorch's fast paths, in its association order (which decides where infinities meet zeros), and a new
        // tensor for k = 1 rather than A itself.
        switch (Math.abs(k)) {
            case 1 -> {
                return base.clone();
            }
            case 3 -> {
                return base.matmul(base).matmul(base);
            }
            default -> { }
        }
        for (int e = Math.abs(k); ; e >>= 1) {
            if ((e & 1) != 0) {
                result = result == null ? base : result.matmul(base);
            }
            if (e <= 1) {
                return result;
            }
            base = base.matmul(base);
        }
    }

    /**
     * A matrix norm over the last two dimensions (torch.linalg.matrix_norm): "fro" (the root of the sum of squares)
     * or "nuc" (the sum of the singular values).
     */
    static Tensor matrixNorm(Tensor a, String ord, boolean keepdim) {
        MatrixBatch.of("linalg.matrix_norm", a);
        Tensor out = switch (ord) {
            // As a vector norm, so that a zero matrix's gradient is 0, as PyTorch's, not sqrt's 0/0.
            case "fro" -> vectorNorm(a, 2, new int[] {-2, -1}, false);
            case "nuc" -> Linalg.svdvals(a).sum(-1, false);
            default -> throw new IllegalArgumentException("linalg.matrix_norm: Order " + ord + " not supported.");
        };
        return keepdim ? out.unsqueeze(-1).unsqueeze(-1) : out;
    }

    /**
     * A matrix norm of a numeric order: 1 and -1 the largest and smallest column sum of magnitudes, infinity and
     * -infinity the same over rows, 2 and -2 the largest and smallest singular value.
     */
    static Tensor matrixNorm(Tensor a, double ord, boolean keepdim) {
        MatrixBatch.of("linalg.matrix_norm", a);
        Tensor out;
        if (ord == 2 || ord == -2) {
            Tensor s = Linalg.svdvals(a);
            out = ord == 2 ? s.amax(-1, false) : s.amin(-1, false);
        } else if (ord == 1 || ord == -1 || Double.isInfinite(ord)) {
            Tensor sums = a.abs().sum(Math.abs(ord) == 1 ? -2 : -1, false);
            out = ord > 0 ? sums.amax(-1, false) : sums.amin(-1, false);
        } else {
            throw new IllegalArgumentException("linalg.matrix_norm: Order " + (ord == Math.rint(ord) ? String.valueOf(
                    (long) ord) : String.valueOf(ord)) + " not supported.");
        }
        return keepdim ? out.unsqueeze(-1).unsqueeze(-1) : out;
    }

    /**
     * The vector norm of order ord over dims (all of them when dims is null or empty; torch.linalg.vector_norm): the
     * dimensions are moved last and merged, then reduced by Tensor.norm.
     */
    static Tensor vectorNorm(Tensor x, double ord, int[] dims, boolean keepdim) {
        int r = x.dim();
        if (dims == null || dims.length == 0) {
            Tensor all = x.reshape(-1).norm((float) ord, 0, false);
            return keepdim ? all.reshape(ones(r)) : all;
        }
        boolean[] reduced = new boolean[r];
        for (int d : dims) {
            int w = Shapes.wrapDim(d, Math.max(r, 1));
            if (reduced[w]) {
                throw new IllegalArgumentException("dim " + w + " appears multiple times in the list of dims");
            }
            reduced[w] = true;
        }
        int[] order = new int[r], kept = new int[r];
        int at = 0, keptCount = 0;
        for (int d = 0; d < r; d++) {
            if (!reduced[d]) {
                order[at++] = d;
                kept[keptCount++] = x.shape[d];
            }
        }
        for (int d = 0; d < r; d++) {
            if (reduced[d]) {
                order[at++] = d;
            }
        }
        int[] merged = Arrays.copyOf(kept, keptCount + 1);
        merged[keptCount] = -1;
        Tensor out = x.permute(order).reshape(merged).norm((float) ord, -1, false);
        if (!keepdim) {
            return out;
        }
        int[] shape = x.shape.clone();
        for (int d = 0; d < r; d++) {
            if (reduced[d]) {
                shape[d] = 1;
            }
        }
        return out.reshape(shape);
    }

    private static int[] ones(int r) {
        int[] s = new int[r];
        Arrays.fill(s, 1);
        return s;
    }

    /**
     * The condition number in the 2-norm, the largest singular value over the smallest (torch.linalg.cond with p =
     * None); infinite for a singular matrix.
     */
    static Tensor cond(Tensor a) {
        return cond(a, 2);
    }

    /**
     * torch.linalg.cond of a numeric order: for +-2 the ratio of the largest and smallest singular values (sorted, the
     * first and the last, as PyTorch narrows them); for +-1 and +-infinity {@code ||A|| ||A^-1||} of square matrices,
     * infinite for a singular one (and where the product is 0 times infinity, as PyTorch's nan_to_num makes it).
     */
    static Tensor cond(Tensor a, double ord) {
        MatrixBatch.of("linalg.cond", a);
        if (Math.abs(ord) == 2) {
            Tensor s = Linalg.svdvals(a);
            Tensor max = s.narrow(-1, 0, 1), min = s.narrow(-1, s.size(-1) - 1, 1);
            return (ord == 2 ? max.div(min) : min.div(max)).squeeze(-1);
        }
        if (Math.abs(ord) != 1 && !Double.isInfinite(ord)) {
            throw new IllegalArgumentException("linalg.cond got an invalid norm type: " + ord);
        }
        return condByInverse(a, ord, null);
    }

    /**
     * torch.linalg.cond of "fro" ({@code ||A|| ||A^-1||} of square matrices, as {@link #cond(Tensor, double)}) or "nuc"
     * (from the singular values, sum(s) sum(1/s), as PyTorch computes it: NaN for a zero matrix, infinite for another
     * singular one).
     */
    static Tensor cond(Tensor a, String ord) {
        MatrixBatch.of("linalg.cond", a);
        if (!ord.equals("fro") && !ord.equals("nuc")) {
            throw new IllegalArgumentException("linalg.cond got an invalid norm type: " + ord);
        }
        if (ord.equals("nuc")) {
            MatrixBatch.square("linalg.cond(ord=nuc)", a);
            Tensor s = Linalg.svdvals(a);
            return s.sum(-1, false).mul(s.reciprocal().sum(-1, false));
        }
        return condByInverse(a, 0, ord);
    }

    private static Tensor condByInverse(Tensor a, double ord, String named) {
        MatrixBatch.square("linalg.cond(ord=" + (named != null ? named : String.valueOf(ord)) + ")", a);
        List<Tensor> inverse = Linalg.invEx(a);
        Tensor singular = inverse.get(1).gt(0f).unsqueeze(-1).unsqueeze(-1);
        Tensor inv = inverse.get(0).maskedFill(singular, Float.POSITIVE_INFINITY);
        Tensor product = named != null ? matrixNorm(a, named, false).mul(matrixNorm(inv, named, false))
                : matrixNorm(a, ord, false).mul(matrixNorm(inv, ord, false));
        return product.nanToNum(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    }

    /**
     * The product of the matrices in the cheapest order (torch.linalg.multi_dot): the first may be a 1-d row vector
     * and the last a 1-d column vector, the others are 2-d; the order comes from the classic chain-order dynamic
     * program over the sizes.
     */
    static Tensor multiDot(List<Tensor> tensors) {
        int count = tensors.size();
        if (count < 2) {
            throw new IllegalArgumentException("multi_dot(): expected at least 2 tensors but got " + count);
        }
        List<Tensor> ms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Tensor t = tensors.get(i);
            boolean end = i == 0 || i == count - 1;
            if (!(t.dim() == 2 || (end && t.dim() == 1))) {
                throw new IllegalArgumentException("multi_dot(): " + (i == 0 ? "the first tensor must be 1D or 2D"
                        : i == count - 1 ? "the last tensor must be 1D or 2D" : "tensor " + i + " must be 2D")
                        + " but got " + t.dim() + "D");
            }
            ms.add(t.dim() == 1 ? (i == 0 ? t.unsqueeze(0) : t.unsqueeze(1)) : t);
        }
        long[] dims = new long[count + 1];
        dims[0] = ms.get(0).shape[0];
        for (int i = 0; i < count; i++) {
            Tensor t = ms.get(i);
            if (t.shape[0] != dims[i]) {
                throw new IllegalArgumentException("multi_dot(): tensors " + (i - 1) + " and " + i + " with shapes "
                        + Shapes.str(tensors.get(i - 1).shape) + " and " + Shapes.str(tensors.get(i).shape)
                        + " cannot be multiplied");
            }
            dims[i + 1] = t.shape[1];
        }
        int[][] split = chainOrder(dims);
        Tensor out = chain(ms, split, 0, count - 1);
        boolean rowVector = tensors.get(0).dim() == 1, colVector = tensors.get(count - 1).dim() == 1;
        if (rowVector && colVector) {
            return out.reshape();
        }
        return rowVector ? out.squeeze(0) : colVector ? out.squeeze(1) : out;
    }

    /** split[i][j]: where the cheapest product of matrices i..j divides, from the multiplications each order costs. */
    private static int[][] chainOrder(long[] dims) {
        int n = dims.length - 1;
        long[][] cost = new long[n][n];
        int[][] split = new int[n][n];
        for (int len = 1; len < n; len++) {
            for (int i = 0; i + len < n; i++) {
                int j = i + len;
                cost[i][j] = Long.MAX_VALUE;
                for (int k = i; k < j; k++) {
                    long c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1];
                    if (c < cost[i][j]) {
                        cost[i][j] = c;
                        split[i][j] = k;
                    }
                }
            }
        }
        return split;
    }

    private static Tensor chain(List<Tensor> ms, int[][] split, int i, int j) {
        if (i == j) {
            return ms.get(i);
        }
        int k = split[i][j];
        return chain(ms, split, i, k).mm(chain(ms, split, k + 1, j));
    }

    private static Tensor mT(Tensor t) {
        return t.transpose(-2, -1);
    }
}
