package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg.eig and eigvals against PyTorch 1.13 ({@code scripts/torch_eig_fixtures.py}): eigenvalues and
 * eigenvectors compared in one order (sorted by real then imaginary part, as the script sorts PyTorch's, whose order is
 * LAPACK's), gradients of losses that depend on neither that order nor the eigenvectors' phases, against PyTorch and
 * finite differences; PyTorch's refusal of a phase-dependent loss.
 */
class EigTest {
    private static final String[] CASES = {"n1", "n2", "n3", "n5", "batch", "n7"};
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_eig.txt");
    }

    /** Each matrix's eigenvalues sorted by (real, imaginary), its eigenvectors' columns permuted alike. */
    private static Tensor[] sorted(Tensor l, Tensor v) {
        int n = l.size(-2);
        Tensor lf = l.reshape(-1, n, 2), vf = v.reshape(-1, n, n, 2);
        List<Tensor> ls = new ArrayList<>(), vs = new ArrayList<>();
        for (int b = 0; b < lf.size(0); b++) {
            float[] pairs = lf.select(0, b).contiguous().toArray();
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                order.add(k);
            }
            order.sort(Comparator.<Integer>comparingDouble(k -> pairs[2 * k]).thenComparingDouble(k -> pairs[2 * k + 1]));
            int[] idx = order.stream().mapToInt(Integer::intValue).toArray();
            ls.add(lf.select(0, b).indexSelect(0, idx));
            vs.add(vf.select(0, b).indexSelect(1, idx));
        }
        return new Tensor[] {Tensor.stack(ls).reshape(l.shape()), Tensor.stack(vs).reshape(v.shape())};
    }

    private static Tensor valueLoss(Tensor l) {
        Tensor re = l.select(-1, 0), im = l.select(-1, 1);
        Tensor upper = Tensor.where(im.gt(0f), im.mul(re.square()), Tensor.scalar(0f)).sum();
        return re.pow(3f).sum().add(im.square().sum().mul(0.7f)).add(re.mul(im.square()).sum()).add(upper);
    }

    private static Tensor vectorLoss(Tensor v, Tensor c) {
        Tensor m = v.select(-1, 0).square().add(v.select(-1, 1).square());
        return c.unsqueeze(-1).mul(m).mul(m).sum();
    }

    /** eigvals outside autograd skips the eigenvectors; its values are eig's to the bit all the same. */
    @Test
    void eigvalsWithoutAutogradIsEigsValues() {
        for (String name : CASES) {
            Tensor a = fx.tensor(name + ".a");
            assertArrayEquals(Linalg.eig(a).get(0).toArray(), Linalg.eigvals(a).toArray(), name);
        }
    }

    @Test
    void valuesVectorsAndGradientsAsTorchs() {
        for (String name : CASES) {
            Tensor a = fx.tensor(name + ".a").requiresGrad_();
            List<Tensor> lv = Linalg.eig(a);
            Tensor[] s = sorted(lv.get(0), lv.get(1));
            fx.assertMatches(name + ".L", s[0], 2e-5f);
            fx.assertMatches(name + ".V", s[1], 5e-5f);
            Tensor c = fx.tensor(name + ".c");
            fx.assertMatches(name + ".grad_values", Autograd.grad(List.of(valueLoss(lv.get(0))), List.of(a)).get(0),
                    1e-4f);
            List<Tensor> again = Linalg.eig(a);
            fx.assertMatches(name + ".grad_vectors",
                    Autograd.grad(List.of(vectorLoss(again.get(1), c)), List.of(a)).get(0), 1e-4f);
            fx.assertMatches(name + ".grad_eigvals",
                    Autograd.grad(List.of(valueLoss(Linalg.eigvals(a))), List.of(a)).get(0), 1e-4f);
        }
    }

    @Test
    void gradientsAgreeWithFiniteDifferences() {
        Tensor a = fx.tensor("n5.a"), c = fx.tensor("n5.c");
        GradCheck.gradcheck(xs -> valueLoss(Linalg.eigvals(xs[0])), a);
        GradCheck.gradcheck(xs -> vectorLoss(Linalg.eig(xs[0]).get(1), c), a);
        GradCheck.gradgradcheck(xs -> valueLoss(Linalg.eigvals(xs[0])), fx.tensor("n3.a"));
        GradCheck.gradgradcheck(xs -> vectorLoss(Linalg.eig(xs[0]).get(1), fx.tensor("n3.c")), fx.tensor("n3.a"));
    }

    @Test
    void namesAndRefusalsAsTorchs() {
        Tensor a = fx.tensor("n3.a").requiresGrad_();
        List<Tensor> lv = Linalg.eig(a);
        List<String> names = fx.names("names.keys");
        assertEquals(names.get(0), lv.get(0).gradFn().name());
        assertEquals(names.get(1), lv.get(1).gradFn().name());
        assertEquals(names.get(2), Linalg.eigvals(a).gradFn().name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lv.get(1).sum().backward());
        assertEquals(fx.names("phase.error.keys").get(0).replace("~", " "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.eig(Tensor.ones(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Linalg.eigvals(Tensor.ones(3)));
        Tensor nan = Tensor.of(new float[] {1, Float.NaN, 0, 1}, 2, 2);
        assertEquals("torch.linalg.eig: input tensor should not contain infs or NaNs.",
                assertThrows(IllegalArgumentException.class, () -> Linalg.eig(nan)).getMessage());
        assertEquals(0, Linalg.eig(Tensor.zeros(0, 0)).get(1).numel());
    }

    @Test
    void aRealMatrixReconstructsFromItsEigenpairs() {
        Tensor a = Tensor.randn(new Generator(3), 2, 6, 6);
        List<Tensor> lv = Linalg.eig(a);
        Tensor v = lv.get(1);
        // A V = V diag(L), in complex arithmetic.
        Tensor av = Complex.matmul(Fft.asComplex(a), v);
        Tensor vl = Fft.mul(v, lv.get(0).unsqueeze(-3));
        float[] d = av.sub(vl).abs().contiguous().toArray();
        for (float x : d) {
            assertTrue(x < 2e-5f, "residual " + x);
        }
    }
}
