package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PyTorch 1.13's deprecated but working torch.* functions against its values ({@code scripts/torch_legacy_fixtures.py}):
 * triangular_solve (upper, lower, transposed, unit diagonal, broadcast batches; its solution, the coefficient's clone
 * and both gradients), symeig (each triangle; eigenvectors checked through the matrix they rebuild, their signs being
 * arbitrary), range's inclusive ends, torch.lu, torch.qr, torch.cholesky and torch.svd (V itself, zero-filled U and V
 * without compute_uv).
 */
class LegacyFunctionsTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_legacy.txt");
    }

    @Test
    void triangularSolveAsTorchs() {
        String[] names = {"ts_upper", "ts_lower_t", "ts_unit", "ts_batch", "ts_batch_t"};
        boolean[][] flags = {{true, false, false}, {false, true, false}, {true, false, true}, {false, false, false},
                {true, true, false}};
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            Tensor a = fx.tensor(n + ".a").requiresGrad_(), b = fx.tensor(n + ".b").requiresGrad_();
            List<Tensor> r = b.triangularSolve(a, flags[i][0], flags[i][1], flags[i][2]);
            fx.assertMatches(n + ".x", r.get(0), 2e-5f);
            fx.assertMatches(n + ".clone", r.get(1), 0f);
            r.get(0).mul(fx.tensor(n + ".w")).sum().backward();
            fx.assertMatches(n + ".ga", a.grad(), 3e-5f);
            fx.assertMatches(n + ".gb", b.grad(), 3e-5f);
        }
    }

    @Test
    void symeigReadsTheTriangleItIsTold() {
        for (String n : new String[] {"symeig_upper", "symeig_lower"}) {
            List<Tensor> r = fx.tensor(n + ".m").symeig(true, n.endsWith("upper"));
            fx.assertMatches(n + ".e", r.get(0), 2e-5f);
            fx.assertMatches(n + ".reconstructed", r.get(1).matmul(r.get(0).diagEmbed()).matmul(r.get(1).mT()), 3e-5f);
        }
        List<Tensor> values = fx.tensor("symeig_upper.m").symeig();
        fx.assertMatches("symeig_novectors.e", values.get(0), 2e-5f);
        assertEquals(0, values.get(1).numel());
    }

    @Test
    void rangeIncludesItsEnd() {
        double[][] args = {{0, 1, 0.1}, {0, 0.3, 0.1}, {5, 1, -1.5}, {-2.5, 3.7, 0.7}, {1, 4, 1}};
        for (int i = 0; i < args.length; i++) {
            Tensor r = Tensor.range(args[i][0], args[i][1], args[i][2]);
            assertArrayEquals(fx.get("range_" + i), r.toArray(), "range " + i);
        }
        assertEquals(3, Tensor.range(0, 0.3, 0.1).numel());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.range(0, 1, -1));
        assertTrue(e.getMessage().contains("inconsistent with step sign"), e.getMessage());
    }

    @Test
    void luQrAndCholeskyUnderTheirOldNames() {
        List<Tensor> lu = fx.tensor("lu.a").lu(true, true);
        fx.assertMatches("lu.lu", lu.get(0), 1e-5f);
        fx.assertMatches("lu.pivots", lu.get(1), 0f);
        fx.assertMatches("lu.info", lu.get(2), 0f);
        assertEquals(2, fx.tensor("lu.a").lu(true, false).size());
        assertThrows(UnsupportedOperationException.class, () -> fx.tensor("lu.a").lu(false, false));
        List<Tensor> qr = fx.tensor("qr.a").qr(true);
        fx.assertMatches("qr.q", qr.get(0), 1e-5f);
        fx.assertMatches("qr.r", qr.get(1), 1e-5f);
        List<Tensor> complete = fx.tensor("qr.a").qr(false);
        fx.assertMatches("qr.qc", complete.get(0), 1e-5f);
        fx.assertMatches("qr.rc", complete.get(1), 1e-5f);
        fx.assertMatches("chol.lower", fx.tensor("chol.s").cholesky(false), 1e-5f);
        fx.assertMatches("chol.upper", fx.tensor("chol.s").cholesky(true), 1e-5f);
    }

    @Test
    void svdGivesVItselfAndZerosWithoutUv() {
        for (String n : new String[] {"svd_some", "svd_full", "svd_nouv"}) {
            Tensor a = fx.tensor(n + ".a");
            List<Tensor> usv = n.equals("svd_some") ? a.svd() : a.svd(!n.equals("svd_full"), !n.equals("svd_nouv"));
            fx.assertMatches(n + ".s", usv.get(1), 2e-5f);
            assertArrayEquals(ints(fx.get(n + ".u_shape")), usv.get(0).shape(), n);
            assertArrayEquals(ints(fx.get(n + ".v_shape")), usv.get(2).shape(), n);
            Tensor rebuilt = n.equals("svd_nouv") ? usv.get(0).sum().add(usv.get(2).sum())
                    : usv.get(0).narrow(1, 0, 3).matmul(usv.get(1).diagEmbed()).matmul(usv.get(2).mT());
            fx.assertMatches(n + ".rebuilt", rebuilt, 3e-5f);
        }
    }

    @Test
    void realTensorsAreTheirOwnConjugatesAndNarrowCopyCopies() {
        Tensor x = Tensor.randn(new Generator(2), 4, 5);
        assertTrue(x.conj() == x && x.resolveConj() == x && x.resolveNeg() == x && x.cpu() == x);
        assertTrue(!x.isComplex() && !x.isConj() && !x.isNeg());
        Tensor copy = x.narrowCopy(1, 1, 3);
        copy.fill_(7f);
        assertTrue(x.narrow(1, 1, 3).ne(7f).all().item() == 1f);
        assertEquals(3, x.unsafeChunk(3, 1).size());
    }

    private static int[] ints(float[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
        }
        return r;
    }
}
