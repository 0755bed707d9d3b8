package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What the PyTorch programs of torch_ops.txt (linalg_*) do not reach: finite-difference gradients of first and second
 * order, factorizations of larger, odd and rank-deficient matrices checked by what they must satisfy, singular
 * matrices, NaN, empty batches, and the errors.
 */
class LinalgTest {
    private final Generator g = new Generator(20261205);

    private Tensor wellConditioned(int... shape) {
        return Matrices.wellConditioned(g, shape);
    }

    private Tensor spd(int batch, int n) {
        Tensor x = Tensor.randn(g, batch, n, n);
        return x.matmul(x.transpose(-2, -1)).div(n).add(Tensor.eye(n));
    }

    private static Tensor sym(Tensor t) {
        return t.add(mT(t)).mul(0.5f);
    }

    private static Tensor mT(Tensor t) {
        return t.transpose(-2, -1);
    }

    private static void assertNear(Tensor expected, Tensor actual, float tol, String what) {
        Matrices.assertNear(expected, actual, tol, what);
    }

    @Test
    void firstDerivativesMatchFiniteDifferences() {
        Tensor a = wellConditioned(2, 3, 3), b = Tensor.randn(g, 2, 3, 2), s = spd(2, 3);
        assertTrue(GradCheck.gradcheck(x -> Linalg.inv(x[0]), a));
        assertTrue(GradCheck.gradcheck(x -> Linalg.det(x[0]), a));
        assertTrue(GradCheck.gradcheck(x -> Linalg.slogdet(x[0]).get(1), a));
        assertTrue(GradCheck.gradcheck(x -> Linalg.logdet(x[0]), s));
        assertTrue(GradCheck.gradcheck(x -> Linalg.solve(x[0], x[1]), a, b));
        assertTrue(GradCheck.gradcheck(x -> Linalg.solve(x[0], x[1]), a, Tensor.randn(g, 3)));
        for (int k = 0; k < 8; k++) {
            boolean upper = (k & 1) != 0, left = (k & 2) != 0, unit = (k & 4) != 0;
            Tensor rhs = left ? b : mT(b);
            assertTrue(GradCheck.gradcheck(x -> Linalg.solveTriangular(x[0], x[1], upper, left, unit), a, rhs),
                    "solveTriangular " + k);
        }
        // cholesky and eigh read one triangle; their gradients are PyTorch's symmetric ones, so the checks go
        // through a symmetric input, as PyTorch's own gradchecks of them do
        assertTrue(GradCheck.gradcheck(x -> Linalg.cholesky(sym(x[0])), s));
        assertTrue(GradCheck.gradcheck(x -> Linalg.cholesky(sym(x[0]), true), s));
    }

    @Test
    void decompositionGradientsMatchFiniteDifferences() {
        for (int[] mn : new int[][] {{5, 3}, {3, 5}, {4, 4}}) {
            Tensor a = Tensor.randn(g, 2, mn[0], mn[1]);
            assertTrue(GradCheck.gradcheck(x -> {
                List<Tensor> qr = Linalg.qr(x[0]);
                return qr.get(0).matmul(qr.get(1).mul(qr.get(1)));   // Q's and R's gradients, tied together
            }, a), "qr " + mn[0] + "x" + mn[1]);
            for (boolean full : new boolean[] {false, true}) {
                int k = Math.min(mn[0], mn[1]);
                assertTrue(GradCheck.gradcheck(x -> {
                    List<Tensor> usv = Linalg.svd(x[0], full);
                    Tensor u = usv.get(0).narrow(-1, 0, k), vh = usv.get(2).narrow(-2, 0, k);
                    return u.mul(u).mul(usv.get(1).unsqueeze(-2)).matmul(vh.mul(vh));
                }, a), "svd " + mn[0] + "x" + mn[1] + (full ? " full" : ""));
            }
            assertTrue(GradCheck.gradcheck(x -> Linalg.svdvals(x[0]), a));
        }
        Tensor sym = Tensor.randn(g, 2, 4, 4);
        sym = sym.add(mT(sym));
        assertTrue(GradCheck.gradcheck(x -> {
            List<Tensor> lv = Linalg.eigh(sym(x[0]));
            return lv.get(1).mul(lv.get(1)).mul(lv.get(0).unsqueeze(-2));
        }, sym));
        assertTrue(GradCheck.gradcheck(x -> Linalg.eigvalsh(sym(x[0])), sym));
    }

    @Test
    void secondDerivativesMatchFiniteDifferences() {
        Tensor a = wellConditioned(3, 3), b = Tensor.randn(g, 3, 2);
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.inv(x[0]), a));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.det(x[0]), a));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.slogdet(x[0]).get(1), a));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.solve(x[0], x[1]), a, b));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.solveTriangular(x[0], x[1], false, true, false), a, b));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.cholesky(sym(x[0])), spd(1, 3)));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.qr(x[0]).get(1), Tensor.randn(g, 4, 3)));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.svdvals(x[0]), Tensor.randn(g, 4, 3)));
        Tensor sym = Tensor.randn(g, 3, 3);
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.eigvalsh(sym(x[0])), sym));
    }

    @Test
    void factorsOfLargerOddMatricesReassembleTheirInput() {
        for (int[] mn : new int[][] {{17, 9}, {9, 17}, {33, 33}, {1, 6}, {6, 1}}) {
            Tensor a = Tensor.randn(g, 2, mn[0], mn[1]);
            int k = Math.min(mn[0], mn[1]);
            String what = mn[0] + "x" + mn[1];
            List<Tensor> qr = Linalg.qr(a);
            assertNear(a, qr.get(0).matmul(qr.get(1)), 2e-5f, "Q R, " + what);
            assertNear(Tensor.eye(k).expand(2, k, k), mT(qr.get(0)).matmul(qr.get(0)), 2e-6f, "Q^T Q, " + what);
            assertNear(qr.get(1), qr.get(1).triu(0), 0f, "R triangular, " + what);
            List<Tensor> complete = Linalg.qr(a, "complete");
            assertNear(Tensor.eye(mn[0]).expand(2, mn[0], mn[0]), mT(complete.get(0)).matmul(complete.get(0)), 2e-6f,
                    "complete Q, " + what);
            assertNear(a, complete.get(0).matmul(complete.get(1)), 2e-5f, "complete Q R, " + what);
            for (boolean full : new boolean[] {false, true}) {
                List<Tensor> usv = Linalg.svd(a, full);
                Tensor u = usv.get(0), s = usv.get(1), vh = usv.get(2);
                int uc = full ? mn[0] : k, vr = full ? mn[1] : k;
                assertNear(Tensor.eye(uc).expand(2, uc, uc), mT(u).matmul(u), 2e-6f, "U^T U, " + what);
                assertNear(Tensor.eye(vr).expand(2, vr, vr), vh.matmul(mT(vh)), 2e-6f, "Vh Vh^T, " + what);
                Tensor rebuilt = u.narrow(-1, 0, k).mul(s.unsqueeze(-2)).matmul(vh.narrow(-2, 0, k));
                assertNear(a, rebuilt, 2e-5f, "U S Vh, " + what);
                float[] sv = s.toArray();
                for (int i = 1; i < sv.length; i++) {
                    assertTrue(i % k == 0 || sv[i] <= sv[i - 1], "descending, " + what);
                }
            }
        }
        Tensor sym = Tensor.randn(g, 33, 33);
        sym = sym.add(mT(sym));
        List<Tensor> lv = Linalg.eigh(sym);
        Tensor v = lv.get(1);
        assertNear(sym, v.mul(lv.get(0).unsqueeze(-2)).matmul(mT(v)), 5e-5f, "V L V^T");
        assertNear(Tensor.eye(33), mT(v).matmul(v), 2e-6f, "V^T V");
        Tensor s = spd(1, 31);
        Tensor l = Linalg.cholesky(s);
        assertNear(s, l.matmul(mT(l)), 2e-5f, "L L^T");
        Tensor a = wellConditioned(31, 31);
        assertNear(Tensor.eye(31), a.matmul(Linalg.inv(a)), 2e-5f, "A inv(A)");
        Tensor rhs = Tensor.randn(g, 31, 4);
        assertNear(rhs, a.matmul(Linalg.solve(a, rhs)), 2e-5f, "A solve(A, B)");
    }

    @Test
    void rankDeficientMatricesStillGetOrthonormalSingularVectors() {
        Tensor col = Tensor.randn(g, 5, 1), row = Tensor.randn(g, 1, 4);
        for (Tensor a : List.of(Tensor.zeros(5, 4), col.matmul(row), Tensor.zeros(3, 6))) {
            List<Tensor> usv = Linalg.svd(a, true);
            Tensor u = usv.get(0), vh = usv.get(2);
            int m = a.shape()[0], n = a.shape()[1], k = Math.min(m, n);
            assertNear(Tensor.eye(m), mT(u).matmul(u), 2e-6f, "U^T U");
            assertNear(Tensor.eye(n), vh.matmul(mT(vh)), 2e-6f, "Vh Vh^T");
            Tensor rebuilt = u.narrow(-1, 0, k).mul(usv.get(1).unsqueeze(-2)).matmul(vh.narrow(-2, 0, k));
            assertNear(a, rebuilt, 2e-6f, "U S Vh");
        }
        List<Tensor> lv = Linalg.eigh(Tensor.zeros(3, 3));
        assertArrayEquals(new float[3], lv.get(0).toArray());
        assertArrayEquals(Tensor.eye(3).toArray(), lv.get(1).toArray());
    }

    @Test
    void singularMatricesHaveZeroDeterminantsAndCofactorGradients() {
        Tensor a = Tensor.of(new float[] {1, 2, 2, 4}, 2, 2).requiresGrad_();
        Tensor det = Linalg.det(a);
        assertEquals(0.0, det.item(), 0.0);   // -0 from the row swap, as PyTorch's LU gives
        det.backward();
        // the cofactor matrix of [[1, 2], [2, 4]] (PyTorch 1.13 returns zeros here; later versions the cofactors)
        assertNear(Tensor.of(new float[] {4, -2, -2, 1}, 2, 2), a.grad(), 1e-5f, "det's gradient");
        List<Tensor> sl = Linalg.slogdet(a.detach());
        assertEquals(0.0, sl.get(0).item(), 0.0);
        assertEquals(Float.NEGATIVE_INFINITY, sl.get(1).item());
        assertEquals(Float.NEGATIVE_INFINITY, Linalg.logdet(a.detach()).item());
        assertTrue(Float.isNaN(Linalg.logdet(Tensor.of(new float[] {0, 1, 1, 0}, 2, 2)).item()), "negative det");
        assertEquals(1f, Linalg.det(Tensor.zeros(0, 0)).item());
        assertArrayEquals(new int[] {0, 3, 3}, Linalg.inv(Tensor.zeros(0, 3, 3)).shape());
        assertArrayEquals(new int[] {0}, Linalg.det(Tensor.zeros(0, 2, 2)).shape());
    }

    @Test
    void nanAndInfinityArePassedOnNotSwallowed() {
        Tensor nan = Tensor.of(new float[] {Float.NaN, 1, 1, 1}, 2, 2);
        // (a NaN is refused by the SVD, as PyTorch's gesdd refuses it: HermitianPinvTest; an infinity passes on)
        for (Tensor t : List.of(Linalg.inv(nan), Linalg.det(nan), Linalg.eigh(nan).get(0), Linalg.eigh(nan).get(1),
                Linalg.svdvals(Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1, 1, 1}, 2, 2)),
                Linalg.qr(nan).get(1).narrow(0, 0, 1).narrow(1, 0, 1))) {
            for (float x : t.toArray()) {
                assertTrue(Float.isNaN(x), t.toString());
            }
        }
        float[] tri = Linalg.solveTriangular(Tensor.of(new float[] {0, 0, 2, 4}, 2, 2), Tensor.ones(2, 1), false, true,
                false).toArray();
        assertEquals(Float.POSITIVE_INFINITY, tri[0]);   // PyTorch: [[inf], [-inf]]
        assertEquals(Float.NEGATIVE_INFINITY, tri[1]);
    }

    @Test
    void badInputIsRefusedWithPyTorchsMessagesAndLeftAsItWas() {
        Tensor singular = Tensor.of(new float[] {1, 2, 2, 4}, 2, 2);
        assertMessage("linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the "
                + "input matrix is singular.", () -> Linalg.inv(singular));
        assertMessage("linalg.inv: (Batch element 0): The diagonal element 1 is zero, the inversion could not be "
                + "completed because the input matrix is singular.", () -> Linalg.inv(Tensor.zeros(3, 2, 2)));
        assertMessage("linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices",
                () -> Linalg.inv(Tensor.zeros(2, 3)));
        assertMessage("linalg.det: The input tensor A must have at least 2 dimensions.",
                () -> Linalg.det(Tensor.zeros(3)));
        assertMessage("linalg.cholesky: The factorization could not be completed because the input is not "
                + "positive-definite (the leading minor of order 2 is not positive-definite).",
                () -> Linalg.cholesky(Tensor.of(new float[] {1, 2, 2, 1}, 2, 2)));
        Tensor batch = Tensor.stack(List.of(Tensor.eye(2), Tensor.of(new float[] {1, 2, 2, 1}, 2, 2)), 0);
        assertMessage("linalg.cholesky: (Batch element 1): The factorization could not be completed because the input "
                + "is not positive-definite (the leading minor of order 2 is not positive-definite).",
                () -> Linalg.cholesky(batch));
        assertMessage("torch.linalg.solve: The solver failed because the input matrix is singular.",
                () -> Linalg.solve(singular, Tensor.ones(2)));
        assertMessage("linalg.solve: Incompatible shapes of A and B for the equation AX = B (2x2 and 3x2)",
                () -> Linalg.solve(Tensor.eye(2), Tensor.ones(3, 2)));
        assertMessage("linalg.solve: The input tensor B must have at least 2 dimensions.",
                () -> Linalg.solve(Tensor.eye(2), Tensor.scalar(1f)));
        assertMessage("linalg.solve_triangular: The input tensor B must have at least 2 dimensions.",
                () -> Linalg.solveTriangular(Tensor.eye(2), Tensor.ones(2), false, true, false));
        assertMessage("qr received unrecognized mode 'full' but expected one of 'reduced' (default), 'r', or "
                + "'complete'", () -> Linalg.qr(Tensor.eye(2), "full"));
        assertMessage("Expected UPLO argument to be 'L' or 'U', but got X", () -> Linalg.eigh(Tensor.eye(2), "X"));
        assertArrayEquals(new float[] {1, 2, 2, 4}, singular.toArray());
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 2, 2, 1}, batch.toArray());
    }

    @Test
    void qrWithoutQOrCompleteAndTallRefusesToDifferentiate() {
        Tensor a = Tensor.randn(g, 4, 3).requiresGrad_();
        List<Tensor> r = Linalg.qr(a, "r");
        assertEquals(0, r.get(0).numel());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.get(1).sum().backward());
        assertTrue(e.getMessage().startsWith("The derivative of linalg.qr depends on Q, which is not computed"));
        Tensor q = Linalg.qr(a, "complete").get(0);
        e = assertThrows(IllegalStateException.class, () -> q.sum().backward());
        assertEquals("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.",
                e.getMessage());
        assertNear(Linalg.qr(a).get(1), r.get(1), 0f, "mode r's R");
    }

    @Test
    void nodesCarryPyTorchsNames() {
        Tensor a = wellConditioned(3, 3).requiresGrad_(), s = spd(1, 3).requiresGrad_();
        assertEquals("LinalgInvExBackward0", Linalg.inv(a).gradFn().name());
        assertEquals("LinalgDetBackward0", Linalg.det(a).gradFn().name());
        assertEquals("LinalgSlogdetBackward0", Linalg.slogdet(a).get(1).gradFn().name());
        assertEquals("LinalgSolveExBackward0", Linalg.solve(a, Tensor.ones(3, 1)).gradFn().name());
        assertEquals("LinalgSolveTriangularBackward0",
                Linalg.solveTriangular(a, Tensor.ones(3, 1), true, true, false).gradFn().name());
        assertEquals("LinalgCholeskyExBackward0", Linalg.cholesky(s).gradFn().name());
        assertEquals("LinalgQrBackward0", Linalg.qr(a).get(0).gradFn().name());
        assertEquals("LinalgEighBackward0", Linalg.eigh(s).get(1).gradFn().name());
        assertEquals("LinalgSvdBackward0", Linalg.svd(a).get(2).gradFn().name());
        Tensor sign = Linalg.slogdet(a).get(0);
        assertEquals("LinalgSlogdetBackward0", sign.gradFn().name());
        sign.backward();
        assertArrayEquals(new float[9], a.grad().toArray());
    }

    @Test
    void tensorMethodsAreTheLinalgOps() {
        Tensor a = wellConditioned(2, 3, 3);
        assertArrayEquals(Linalg.inv(a).toArray(), a.inverse().toArray());
        assertArrayEquals(Linalg.det(a).toArray(), a.det().toArray());
        Tensor s = spd(2, 3);
        assertArrayEquals(Linalg.slogdet(s).get(1).toArray(), s.logdet().toArray());
    }

    @Test
    void pseudoInversesSatisfyPenroseAndDifferentiate() {
        for (int[] mn : new int[][] {{17, 9}, {9, 17}, {6, 6}}) {
            Tensor a = Tensor.randn(g, mn[0], mn[1]), x = Linalg.pinv(a);
            assertNear(a, a.matmul(x).matmul(a), 2e-5f, "A X A");
            assertNear(x, x.matmul(a).matmul(x), 2e-5f, "X A X");
            assertNear(a.matmul(x), mT(a.matmul(x)), 2e-6f, "A X symmetric");
        }
        Tensor rankOne = Tensor.randn(g, 4, 1).matmul(Tensor.randn(g, 1, 3)).requiresGrad_();
        Linalg.pinv(rankOne).sum().backward();   // the closed form stays finite where svd's rule would divide by 0
        for (float v : rankOne.grad().toArray()) {
            assertTrue(Float.isFinite(v));
        }
        assertTrue(GradCheck.gradcheck(x -> Linalg.pinv(x[0]), Tensor.randn(g, 2, 4, 3)));
        assertTrue(GradCheck.gradcheck(x -> Linalg.pinv(x[0]), Tensor.randn(g, 3, 5)));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.pinv(x[0]), Tensor.randn(g, 4, 3)));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.matrixPower(x[0], -2), wellConditioned(3, 3)));
        Tensor tall = Tensor.randn(g, 6, 3), rhs = Tensor.randn(g, 6);
        assertNear(Linalg.lstsq(tall, rhs.unsqueeze(-1)).get(0).squeeze(-1), Linalg.lstsq(tall, rhs).get(0), 0f,
                "vector right side");
        assertEquals(3f, Linalg.lstsq(tall, rhs).get(2).item());
    }

    /**
     * lstsq's drivers beside the PyTorch programs (linalg_lstsq_*): what each reports, a vector B's residuals as
     * PyTorch shapes them ([*, 1]), no gradient but the solution's, an unknown driver refused.
     */
    @Test
    void lstsqDriversReportWhatPyTorchsDo() {
        Tensor tall = Tensor.randn(g, 2, 6, 3).requiresGrad_(), rhs = Tensor.randn(g, 2, 6);
        var gelsd = Linalg.lstsq(tall, rhs, -1, "gelsd");
        assertArrayEquals(new int[] {2, 3}, gelsd.get(0).shape());
        assertArrayEquals(new int[] {2, 1}, gelsd.get(1).shape(), "a vector B's residuals, as torch 1.13 shapes them");
        Tensor solution = gelsd.get(0).detach().unsqueeze(-1);
        assertNear(tall.detach().matmul(solution).sub(rhs.unsqueeze(-1)).pow(2).sum(-2, false), gelsd.get(1), 1e-5f,
                "residuals");
        assertArrayEquals(new float[] {3, 3}, gelsd.get(2).toArray());
        assertNear(Linalg.svdvals(tall.detach()), gelsd.get(3), 0f, "singular values");
        for (int i = 1; i < 4; i++) {
            assertFalse(gelsd.get(i).requiresGrad(), "output " + i + " has no gradient, as in torch");
        }
        assertTrue(gelsd.get(0).requiresGrad());
        var gels = Linalg.lstsq(tall, rhs, -1, "gels");
        assertEquals(0, gels.get(2).numel(), "gels reports no rank");
        assertEquals(0, gels.get(3).numel());
        assertEquals(0, Linalg.lstsq(tall, rhs, -1, "gelsy").get(1).numel(), "gelsy: no residuals");
        Tensor deficient = Tensor.cat(java.util.List.of(tall.detach(), tall.detach().narrow(-1, 0, 1)), -1);
        var low = Linalg.lstsq(deficient, rhs, -1, "gelss");
        assertArrayEquals(new float[] {3, 3}, low.get(2).toArray());
        assertEquals(0, low.get(1).numel(), "no residuals below full rank");
        var e = assertThrows(IllegalArgumentException.class, () -> Linalg.lstsq(tall, rhs, -1, "gesv"));
        assertTrue(e.getMessage().startsWith("torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, "
                + "gelsd, gelss)"), e.getMessage());
    }

    @Test
    void ranksCountSingularValuesAboveTheTolerance() {
        assertEquals(0f, Linalg.matrixRank(Tensor.zeros(3, 4)).item());
        Tensor rankTwo = Tensor.of(new float[] {1, 2, 3, 2, 4, 6, 1, 0, 1, 0, 2, 2}, 4, 3);
        assertEquals(2f, Linalg.matrixRank(rankTwo).item());
        assertEquals(1f, Linalg.matrixRank(Tensor.of(new float[] {1, 0, 0, 1e-3f}, 2, 2), 0.01, -1).item());
        assertArrayEquals(new float[] {2, 2}, Linalg.matrixRank(Tensor.eye(2).expand(2, 2, 2)).toArray());
        assertEquals(Float.POSITIVE_INFINITY, Linalg.cond(Tensor.of(new float[] {1, 2, 2, 4}, 2, 2)).item(), 0f);
    }

    @Test
    void normsAndChainedProductsRefuseBadArguments() {
        assertMessage("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.",
                () -> Linalg.norm(Tensor.ones(2, 2, 2), 2));
        assertMessage("linalg.matrix_norm: Order 3 not supported.", () -> Linalg.matrixNorm(Tensor.eye(2), 3, false));
        assertMessage("dim 0 appears multiple times in the list of dims",
                () -> Linalg.vectorNorm(Tensor.ones(2, 2), 2, new int[] {0, -2}, false));
        assertMessage("multi_dot(): tensors 0 and 1 with shapes [2, 3] and [4, 2] cannot be multiplied",
                () -> Linalg.multiDot(List.of(Tensor.ones(2, 3), Tensor.ones(4, 2))));
        assertMessage("multi_dot(): tensor 1 must be 2D but got 1D",
                () -> Linalg.multiDot(List.of(Tensor.ones(2, 3), Tensor.ones(3), Tensor.ones(3, 2))));
        assertMessage("multi_dot(): the first tensor must be 1D or 2D but got 3D",
                () -> Linalg.multiDot(List.of(Tensor.ones(2, 2, 3), Tensor.ones(3, 2))));
        assertMessage("torch.linalg.matrix_rank: The input tensor input must have at least 2 dimensions.",
                () -> Linalg.matrixRank(Tensor.ones(3)));
        assertMessage("linalg.pinv(Float{[3]}): expected a tensor with 2 or more dimensions of float, double, cfloat "
                + "or cdouble types", () -> Linalg.pinv(Tensor.ones(3)));
        assertEquals(5f, Linalg.norm(Tensor.of(3f, 4f)).item());
        assertEquals(Linalg.matrixPower(Tensor.eye(3).mul(2f), 3).toString(), Tensor.eye(3).mul(8f).toString());
    }

    @Test
    void matrixExponentialsAndCholeskySolvesDifferentiateAndHoldTheirIdentities() {
        Tensor a = Tensor.randn(g, 2, 3, 3).mul(0.7f);
        assertTrue(GradCheck.gradcheck(x -> Linalg.matrixExp(x[0]), a));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.matrixExp(x[0]), Tensor.randn(g, 3, 3).mul(0.5f)));
        Tensor big = Tensor.randn(g, 6, 6).mul(3f);   // 1-norm well past theta_13: squarings
        assertNear(Tensor.eye(6), Linalg.matrixExp(big).matmul(Linalg.matrixExp(big.neg())), 2e-4f, "exp(A) exp(-A)");
        assertNear(Tensor.eye(4), Linalg.matrixExp(Tensor.zeros(4, 4)), 0f, "exp(0)");
        Tensor diagonal = Tensor.of(new float[] {1, 0, 0, -2}, 2, 2);
        assertNear(Tensor.of(new float[] {(float) Math.E, 0, 0, (float) Math.exp(-2)}, 2, 2),
                Linalg.matrixExp(diagonal), 1e-6f, "exp of a diagonal");
        for (float v : Linalg.matrixExp(Tensor.of(new float[] {Float.NaN, 0, 0, 1}, 2, 2)).toArray()) {
            assertTrue(Float.isNaN(v));
        }
        Tensor l = Linalg.cholesky(spd(2, 3)), rhs = Tensor.randn(g, 2, 3, 2);
        for (boolean upper : new boolean[] {false, true}) {
            Tensor factor = upper ? mT(l) : l;
            // the solve reads one triangle while PyTorch's gradient for the factor is dense: the checks see the
            // factor through tril/triu, as PyTorch's own gradchecks of cholesky_solve do
            UnaryOperator<Tensor> triangle = t -> upper ? t.triu(0) : t.tril(0);
            assertTrue(GradCheck.gradcheck(x -> Linalg.choleskySolve(x[0], triangle.apply(x[1]), upper), rhs, factor));
            assertTrue(GradCheck.gradgradcheck(x -> Linalg.choleskyInverse(triangle.apply(x[0]), upper),
                    factor.select(0, 0)));
            Tensor full = upper ? mT(factor).matmul(factor) : factor.matmul(mT(factor));
            assertNear(Linalg.solve(full, rhs), Linalg.choleskySolve(rhs, factor, upper), 2e-5f, "cholesky_solve");
            assertNear(Linalg.inv(full), Linalg.choleskyInverse(factor, upper), 2e-5f, "cholesky_inverse");
        }
        assertMessage("linalg.matrix_exp: A must be batches of square matrices, but they are 2 by 3 matrices",
                () -> Linalg.matrixExp(Tensor.ones(2, 3)));
        assertMessage("b should have at least 2 dimensions, but has 1 dimensions instead",
                () -> Linalg.choleskySolve(Tensor.ones(3), Tensor.eye(3), false));
        assertMessage("Incompatible matrix sizes for cholesky_solve: each A matrix is 3 by 3 but each b matrix is 2 "
                + "by 2",
                () -> Linalg.choleskySolve(Tensor.ones(2, 2), Tensor.eye(3), false));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
