package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.distributions.Beta;
import dev.vgrad.distributions.Chi2;
import dev.vgrad.distributions.Dirichlet;
import dev.vgrad.distributions.Distribution;
import dev.vgrad.distributions.FisherSnedecor;
import dev.vgrad.distributions.Gamma;
import dev.vgrad.distributions.LKJCholesky;
import dev.vgrad.distributions.NegativeBinomial;
import dev.vgrad.distributions.OneHotCategoricalStraightThrough;
import dev.vgrad.distributions.Poisson;
import dev.vgrad.distributions.StudentT;
import dev.vgrad.distributions.VonMises;
import dev.vgrad.distributions.Wishart;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gamma, Dirichlet and Poisson draws and the implicit reparameterization gradients against PyTorch 1.13
 * ({@code scripts/torch_gamma_fixtures.py}): draws to the bit with the generator's state after them, gradients to float
 * rounding, the rsample of Gamma, Chi2, Beta, Dirichlet, StudentT and FisherSnedecor with the gradients of their draws,
 * NegativeBinomial's, Poisson's, VonMises' and LKJCholesky's samples, and the straight-through one-hot rsample.
 */
class GammaSamplingTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_gamma.txt");
    }

    private static void draws(String name, long seed, java.util.function.BiFunction<Tensor, Generator, Tensor> op) {
        Generator g = new Generator(seed);
        Tensor y = op.apply(fx.tensor(name + ".in"), g);
        assertArrayEquals(fx.shape(name + ".y"), y.shape(), name);
        assertArrayEquals(fx.get(name + ".y"), y.contiguous().toArray(), name);
        assertArrayEquals(fx.get(name + ".after"), Tensor.rand(g, 3).toArray(), name + ": the generator afterwards");
    }

    @Test
    void gammaDrawsAreTorchs() {
        draws("gamma", 1, Tensor::standardGamma);
    }

    @Test
    void dirichletDrawsAreTorchs() {
        draws("dir3", 2, Tensor::sampleDirichlet);
        draws("dir2", 3, Tensor::sampleDirichlet);
        draws("dir5", 4, Tensor::sampleDirichlet);
    }

    @Test
    void poissonDrawsAreTorchs() {
        draws("poisson", 5, Tensor::poisson);
    }

    @Test
    void theImplicitGradientsRegionByRegion() {
        fx.assertClose("sgg.grad", fx.tensor("sgg.alpha").standardGammaGrad(fx.tensor("sgg.x")), 2e-6f);
        fx.assertClose("dg.grad", Tensor.dirichletGrad(fx.tensor("dg.x"), fx.tensor("dg.alpha"), fx.tensor("dg.total")), 2e-6f);
    }

    private static void rsample(String name, long seed, int params, Function<Tensor[], Distribution> make,
                                int... shape) {
        Generator.defaultGenerator().manualSeed(seed);
        Tensor[] p = new Tensor[params];
        for (int i = 0; i < params; i++) {
            p[i] = fx.tensor(name + ".p" + i).requiresGrad_();
        }
        Tensor y = make.apply(p).rsample(shape);
        if (name.equals("rt")) {
            // Its gamma draws are exact in the cases above; the float arithmetic that combines the normal and the
            // chi-square (a division, rsqrt, two products, a sum) lands one ulp from torch's in one element of nine.
            fx.assertClose(name + ".y", y, 3e-7f);
        } else {
            assertArrayEquals(fx.get(name + ".y"), y.contiguous().toArray(), name + ": the draws to the bit");
        }
        y.pow(2).sum().backward();
        for (int i = 0; i < params; i++) {
            fx.assertClose(name + ".g" + i, p[i].grad(), 2e-5f);
        }
        assertArrayEquals(fx.get(name + ".after"), Tensor.rand(3).toArray(), name + ": the generator afterwards");
    }

    @Test
    void rsampleDrawsTorchsValuesAndDifferentiates() {
        rsample("rgamma", 31, 2, p -> new Gamma(p[0], p[1]), 4);
        rsample("rchi2", 32, 1, p -> new Chi2(p[0]), 3);
        rsample("rbeta", 33, 2, p -> new Beta(p[0], p[1]), 5);
        rsample("rdir", 34, 1, p -> new Dirichlet(p[0]), 4);
        rsample("rt", 35, 3, p -> new StudentT(p[0], p[1], p[2]), 3);
        rsample("rf", 36, 2, p -> new FisherSnedecor(p[0], p[1]), 2);
    }

    @Test
    void wishartDrawsTorchsValuesAndDifferentiatesInDf() {
        Generator.defaultGenerator().manualSeed(39);
        Tensor df = fx.tensor("rw.df").requiresGrad_();
        Tensor w = Wishart.withCovariance(df, fx.tensor("rw.cov")).rsample(2);
        fx.assertClose("rw.y", w, 2e-6f);
        assertArrayEquals(fx.get("rw.after"), Tensor.rand(3).toArray());
        w.pow(2).sum().backward();
        for (float d : df.grad().toArray()) {
            assertTrue(Float.isFinite(d) && d > 0f, "E|W|^2 grows with df: " + d);
        }
    }

    @Test
    void lkjCholeskyByTheOnionMethod() {
        Generator.defaultGenerator().manualSeed(42);
        LKJCholesky lkj = new LKJCholesky(4, Tensor.of(0.7f, 2.5f));
        Tensor y = lkj.sample(2);
        fx.assertClose("lkj.y", y, 2e-6f);
        fx.assertClose("lkj.lp", lkj.logProb(y), 2e-5f);
        assertArrayEquals(fx.get("lkj.after"), Tensor.rand(3).toArray());
        Tensor conc = Tensor.scalar(1.5f).requiresGrad_();
        Tensor corr = Tensor.of(new float[] {1f, 0.3f, -0.2f, 0.3f, 1f, 0.5f, -0.2f, 0.5f, 1f}, 3, 3);
        Tensor lp = new LKJCholesky(3, conc).logProb(dev.vgrad.Linalg.cholesky(corr));
        lp.backward();
        fx.assertClose("lkj.given", lp, 2e-6f);
        fx.assertClose("lkj.gconc", conc.grad(), 2e-5f);
        assertThrows(IllegalArgumentException.class, () -> lkj.logProb(Tensor.eye(4).mul(2f)), "rows of norm 2");
    }

    @Test
    void straightThroughOneHotDraws() {
        Generator.defaultGenerator().manualSeed(43);
        Tensor logits = Tensor.of(new float[] {0.2f, -1f, 0.5f, 1.5f, 2f, 0f, -0.5f, 0.1f}, 2, 4).requiresGrad_();
        Tensor y = OneHotCategoricalStraightThrough.ofLogits(logits).rsample(3);
        y.mul(Tensor.arange(0f, 4f, 1f)).sum().backward();
        assertArrayEquals(fx.get("st.y"), y.contiguous().toArray());
        fx.assertClose("st.glogits", logits.grad(), 2e-6f);
        assertArrayEquals(fx.get("st.after"), Tensor.rand(3).toArray());
    }

    @Test
    void countSamplesAreTorchs() {
        Generator.defaultGenerator().manualSeed(37);
        Tensor nb = new NegativeBinomial(Tensor.of(3f, 10f), Tensor.of(0.3f, 0.8f)).sample(3);
        assertArrayEquals(fx.get("nb.y"), nb.toArray());
        assertArrayEquals(fx.get("nb.after"), Tensor.rand(3).toArray());
        Generator.defaultGenerator().manualSeed(38);
        assertArrayEquals(fx.get("pois.y"), new Poisson(Tensor.of(0f, 2.5f, 40f)).sample(2).toArray());
        assertArrayEquals(fx.get("pois.after"), Tensor.rand(3).toArray());
    }

    @Test
    void vonMisesRejectionRoundsAreTorchs() {
        Generator.defaultGenerator().manualSeed(41);
        Tensor y = new VonMises(Tensor.of(0f, 1f, -2.5f, 3f), Tensor.of(0.5f, 2f, 10f, 1e-3f)).sample(3);
        fx.assertClose("vm.y", y, 1e-6f);
        assertArrayEquals(fx.get("vm.after"), Tensor.rand(3).toArray(), "as many rounds as torch's");
    }

    @Test
    void whatPyTorchNeverFinishesIsRefused() {
        assertEquals("_standard_gamma: expected every concentration non-negative, got -1.0 at flat position 1",
                assertThrows(IllegalArgumentException.class, () -> Tensor.of(2f, -1f).standardGamma(new Generator(1)))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(Float.NaN).sampleDirichlet(new Generator(1)));
        Tensor a = Tensor.of(2f).requiresGrad_();
        Tensor x = Tensor.of(1f);
        assertEquals("the derivative for '_standard_gamma_grad' is not implemented.", assertThrows(
                UnsupportedOperationException.class, () -> a.standardGammaGrad(x).sum().backward()).getMessage());
    }
}
