package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import dev.vgrad.autograd.GradCheck;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributions against torch.distributions (scripts/torch_distributions_fixtures.py): log_prob, entropy, mean,
 * variance and their gradients, seeded rsamples and their gradients, KL divergences; and the argument checks.
 */
class DistributionsTest {
    private static Map<String, double[]> fx;

    @BeforeAll
    static void load() throws IOException {
        fx = TorchFixturesTestAccess.keyedValues("/fixtures/torch_distributions.txt");
    }

    private static Tensor t(String key, int... shape) {
        double[] v = fx.get(key);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.of(f, shape);
    }

    private static Tensor leaf(String key, int... shape) {
        return t(key, shape).requiresGrad_();
    }

    private static void assertClose(String key, Tensor got) {
        double[] want = fx.get(key);
        float[] f = new float[want.length];
        for (int i = 0; i < want.length; i++) {
            f[i] = (float) want[i];
        }
        TorchFixturesTestAccess.assertClose(key, f, got.toArray());
    }

    /** One case of the script's {@code case}: outputs, gradients, and the seeded rsample where there is one. */
    private static void replay(String name, Function<Tensor[], Distribution> make, Tensor value, int[]... shapes) {
        Tensor[] params = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            params[i] = leaf(name + ".param" + i, shapes[i]);
        }
        Distribution d = make.apply(params);
        boolean hasEntropy = fx.containsKey(name + ".entropy");   // not for the Poisson, as in PyTorch
        Tensor lp = d.logProb(value), ent = hasEntropy ? d.entropy() : Tensor.scalar(0f);
        assertClose(name + ".log_prob", lp);
        if (hasEntropy) {
            assertClose(name + ".entropy", ent);
        }
        assertClose(name + ".mean", d.mean());
        assertClose(name + ".variance", d.variance());
        lp.sum().add(ent.sum()).backward();
        for (int i = 0; i < params.length; i++) {
            assertClose(name + ".grad" + i, params[i].grad() != null ? params[i].grad() : params[i].zerosLike());
        }
        if (value.requiresGrad()) {
            assertClose(name + ".grad_value", value.grad() != null ? value.grad() : value.zerosLike());
        }
        if (fx.containsKey(name + ".rsample")) {
            replayRsample(name, make, params);
        }
    }

    /** The script's {@code put_rsample}: two draws after seeding 11, and the gradients of their sum. */
    private static void replayRsample(String name, Function<Tensor[], Distribution> make, Tensor[] params) {
        dev.vgrad.autograd.Autograd.zeroGrad(List.of(params), true);
        Generator.defaultGenerator().manualSeed(11);
        Tensor s = make.apply(params).rsample(2);
        assertClose(name + ".rsample", s);
        s.sum().backward();
        for (int i = 0; i < params.length; i++) {
            assertClose(name + ".rsample_grad" + i, params[i].grad());
        }
    }

    @Test
    void normalMatchesPyTorch() {
        replay("normal", p -> new Normal(p[0], p[1]), leaf("normal.value", 2, 3, 4), new int[] {3, 4}, new int[] {4});
    }

    @Test
    void uniformMatchesPyTorch() {
        replay("uniform", p -> new Uniform(p[0], p[1]), leaf("uniform.value", 5), new int[] {5}, new int[] {5});
    }

    @Test
    void bernoulliMatchesPyTorch() {
        replay("bernoulli_probs", p -> Bernoulli.ofProbs(p[0]), t("bernoulli_probs.value", 6), new int[] {6});
        replay("bernoulli_logits", p -> Bernoulli.ofLogits(p[0]), t("bernoulli_logits.value", 2, 3),
                new int[] {2, 3});
        Generator.defaultGenerator().manualSeed(5);
        Tensor probs = Tensor.of(new float[] {0.1f, 0.5f, 0.9f, 0.3f}, 4);
        assertClose("bernoulli_sample", Bernoulli.ofProbs(probs).sample(3));
    }

    @Test
    void categoricalMatchesPyTorch() {
        replay("categorical_probs", p -> Categorical.ofProbs(p[0]), t("categorical_probs.value", 3, 2),
                new int[] {2, 5});
        replay("categorical_logits", p -> Categorical.ofLogits(p[0]), t("categorical_logits.value", 3),
                new int[] {3, 4});
    }

    @Test
    void klDivergencesOfTheFamiliesOnTheSpecialFunctionsMatchPyTorch() {
        int[] p = {3}, q = {2, 3};
        replayKl("kl_exponential", v -> new Distribution[] {new Exponential(v[0]), new Exponential(v[1])}, p, q);
        replayKl("kl_laplace", v -> new Distribution[] {new Laplace(v[0], v[1]), new Laplace(v[2], v[3])}, p, p, q, q);
        replayKl("kl_cauchy", v -> new Distribution[] {new Cauchy(v[0], v[1]), new Cauchy(v[2], v[3])}, p, p, q, q);
        replayKl("kl_pareto", v -> new Distribution[] {new Pareto(v[0], v[1]), new Pareto(v[2], v[3])}, p, p, q, q);
        replayKl("kl_lognormal", v -> new Distribution[] {new LogNormal(v[0], v[1]), new LogNormal(v[2], v[3])}, p, p,
                q, q);
        replayKl("kl_gamma", v -> new Distribution[] {new Gamma(v[0], v[1]), new Gamma(v[2], v[3])}, p, p, q, q);
        replayKl("kl_beta", v -> new Distribution[] {new Beta(v[0], v[1]), new Beta(v[2], v[3])}, p, p, q, q);
        replayKl("kl_poisson", v -> new Distribution[] {new Poisson(v[0]), new Poisson(v[1])}, p, q);
    }

    @Test
    void halfNormalGumbelGeometricChi2StudentTAndDirichletMatchPyTorch() {
        replay("halfnormal", p -> new HalfNormal(p[0]), leaf("halfnormal.value", 2, 3), new int[] {3});
        replay("gumbel", p -> new Gumbel(p[0], p[1]), leaf("gumbel.value", 2, 4), new int[] {4}, new int[] {4});
        replay("geometric", p -> new Geometric(p[0]), t("geometric.value", 2, 4), new int[] {4});
        Generator.defaultGenerator().manualSeed(12);
        assertClose("geometric_sample", new Geometric(Tensor.of(0.2f, 0.5f, 0.9f)).sample(4));
        replay("chi2", p -> new Chi2(p[0]), leaf("chi2.value", 5), new int[] {5});
        replay("studentt", p -> new StudentT(p[0], p[1], p[2]), leaf("studentt.value", 3, 4), new int[] {4},
                new int[] {4}, new int[] {4});
        replay("dirichlet", p -> new Dirichlet(p[0]), leaf("dirichlet.value", 2, 4), new int[] {2, 4});
        int[] p = {3}, q = {2, 3};
        replayKl("kl_halfnormal", v -> new Distribution[] {new HalfNormal(v[0]), new HalfNormal(v[1])}, p, q);
        replayKl("kl_gumbel", v -> new Distribution[] {new Gumbel(v[0], v[1]), new Gumbel(v[2], v[3])}, p, p, q, q);
        replayKl("kl_geometric", v -> new Distribution[] {new Geometric(v[0]), new Geometric(v[1])}, p, q);
        replayKl("kl_chi2", v -> new Distribution[] {new Chi2(v[0]), new Chi2(v[1])}, p, q);
        replayKl("kl_dirichlet", v -> new Distribution[] {new Dirichlet(v[0]), new Dirichlet(v[1])}, new int[] {3, 4},
                new int[] {2, 3, 4});
        Dirichlet d = new Dirichlet(Tensor.of(new float[] {1, 2, 3}, 3));
        assertArrayEquals(new int[] {5, 3}, d.sample(new Generator(1), 5).shape());
        assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.of(0.5f, 0.5f, 0.5f)));
    }

    @Test
    void independentBinomialAndOneHotCategoricalMatchPyTorch() {
        replay("independent", p -> new Independent(new Normal(p[0], p[1]), 1), leaf("independent.value", 4, 2, 3),
                new int[] {2, 3}, new int[] {2, 3});
        replay("binomial", p -> new Binomial(Tensor.scalar(5f), p[0]), t("binomial.value", 2, 3), new int[] {2, 3});
        replay("onehot", p -> OneHotCategorical.ofProbs(p[0]), t("onehot.value", 3, 2, 4), new int[] {2, 4});
        Generator.defaultGenerator().manualSeed(13);
        Tensor probs = Tensor.of(new float[] {0.2f, 0.5f, 0.3f, 0.6f, 0.1f, 0.3f}, 2, 3);
        assertClose("onehot_sample", OneHotCategorical.ofProbs(probs).sample(4));
        replayKl("kl_independent", v -> new Distribution[] {new Independent(new Normal(v[0], v[1]), 1),
                new Independent(new Normal(v[2], v[3]), 1)}, new int[] {3, 4}, new int[] {3, 4}, new int[] {2, 3, 4},
                new int[] {2, 3, 4});
        replayKl("kl_binomial", v -> new Distribution[] {new Binomial(Tensor.scalar(6f), v[0]),
                new Binomial(Tensor.scalar(6f), v[1])}, new int[] {3}, new int[] {2, 3});
        replayKl("kl_onehot", v -> new Distribution[] {OneHotCategorical.ofProbs(v[0]),
                OneHotCategorical.ofProbs(v[1])},
                new int[] {3, 4}, new int[] {2, 3, 4});
        Independent diagonal = new Independent(new Normal(Tensor.zeros(2, 3), Tensor.ones(2, 3)), 1);
        assertArrayEquals(new int[] {2}, diagonal.batchShape());
        assertArrayEquals(new int[] {3}, diagonal.eventShape());
        assertThrows(IllegalArgumentException.class, () -> new Independent(new Normal(0f, 1f), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new Binomial(Tensor.scalar(3f), Tensor.scalar(0.5f)).logProb(Tensor.scalar(4f)));
        assertThrows(UnsupportedOperationException.class,
                () -> new Binomial(Tensor.of(2f, 3f), Tensor.of(0.5f, 0.5f)).entropy());
    }

    /** The script's {@code relaxed}: log_prob and its gradients, a seeded rsample and its gradients. */
    private static void replayRelaxed(String name, Function<Tensor[], Distribution> make, Tensor value,
            int[]... shapes) {
        Tensor[] params = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            params[i] = leaf(name + ".param" + i, shapes[i]);
        }
        Tensor lp = make.apply(params).logProb(value);
        assertClose(name + ".log_prob", lp);
        lp.sum().backward();
        for (int i = 0; i < params.length; i++) {
            assertClose(name + ".grad" + i, params[i].grad());
        }
        replayRsample(name, make, params);
    }

    @Test
    void relaxedFamiliesMatchPyTorch() {
        replayRelaxed("relaxed_bernoulli", p -> new RelaxedBernoulli(p[0], p[1]), t("relaxed_bernoulli.value", 2, 3),
                new int[0], new int[] {2, 3});
        replayRelaxed("relaxed_onehot", p -> RelaxedOneHotCategorical.ofProbs(p[0], p[1]),
                t("relaxed_onehot.value", 3, 2, 4), new int[0], new int[] {2, 4});
        replayRelaxed("logistic_normal", p -> new LogisticNormal(p[0], p[1]), t("logistic_normal.value", 3, 2, 4),
                new int[] {2, 3}, new int[] {2, 3});
        replayRelaxed("logistic_normal0", p -> new LogisticNormal(p[0], p[1]), t("logistic_normal0.value", 5, 2),
                new int[0], new int[0]);
        LogisticNormal ln = new LogisticNormal(Tensor.zeros(3), Tensor.ones(3));
        assertArrayEquals(new int[] {4}, ln.eventShape());
        assertThrows(UnsupportedOperationException.class, ln::mean);
        assertThrows(IllegalArgumentException.class, () -> ln.logProb(Tensor.of(0.5f, 0.5f, 0.5f, -0.5f)));
        RelaxedBernoulli rb = new RelaxedBernoulli(Tensor.scalar(0.5f), Tensor.of(0.3f));
        assertThrows(UnsupportedOperationException.class, rb::mean);
        assertThrows(UnsupportedOperationException.class, rb::entropy);
        float[] draws = RelaxedOneHotCategorical.ofProbs(Tensor.scalar(0.5f), Tensor.of(0.2f, 0.3f, 0.5f))
                .rsample(new Generator(3), 50).sum(-1, false).toArray();
        for (float d : draws) {
            assertEquals(1f, d, 1e-5f);
        }
    }

    @Test
    void familiesOnTheSpecialFunctionsMatchPyTorch() {
        replay("exponential", p -> new Exponential(p[0]), leaf("exponential.value", 4, 2, 3), new int[] {2, 3});
        replay("laplace", p -> new Laplace(p[0], p[1]), leaf("laplace.value", 2, 3), new int[] {3}, new int[] {2, 3});
        replay("cauchy", p -> new Cauchy(p[0], p[1]), leaf("cauchy.value", 3, 4), new int[] {4}, new int[] {4});
        replay("lognormal", p -> new LogNormal(p[0], p[1]), leaf("lognormal.value", 2, 3), new int[] {3},
                new int[] {3});
        replay("gamma", p -> new Gamma(p[0], p[1]), leaf("gamma.value", 5), new int[] {5}, new int[] {5});
        replay("beta", p -> new Beta(p[0], p[1]), leaf("beta.value", 6), new int[] {6}, new int[] {6});
        replay("poisson", p -> new Poisson(p[0]), t("poisson.value", 2, 4), new int[] {2, 4});
        assertThrows(UnsupportedOperationException.class, () -> new Poisson(Tensor.ones(2)).entropy());
        assertThrows(UnsupportedOperationException.class, () -> new Poisson(Tensor.ones(2)).rsample(3),
                "a count has no reparameterization");
    }

    /** Pareto, Weibull, Kumaraswamy and HalfCauchy, PyTorch's transformed distributions, with their rsamples. */
    @Test
    void transformedFamiliesMatchPyTorch() {
        replay("pareto", p -> new Pareto(p[0], p[1]), leaf("pareto.value", 2, 3), new int[] {3}, new int[] {3});
        replay("weibull", p -> new Weibull(p[0], p[1]), leaf("weibull.value", 2, 4), new int[] {4}, new int[] {4});
        replay("kumaraswamy", p -> new Kumaraswamy(p[0], p[1]), leaf("kumaraswamy.value", 2, 3), new int[] {3},
                new int[] {3});
        replay("halfcauchy", p -> new HalfCauchy(p[0]), leaf("halfcauchy.value", 2, 3), new int[] {3});
        replay("wishart", p -> Wishart.withCovariance(p[0], p[1]), leaf("wishart.value", 4, 2, 3, 3), new int[] {2},
                new int[] {2, 3, 3});
        replay("wishart_tril", p -> Wishart.withScaleTril(p[0], p[1]), leaf("wishart_tril.value", 5, 2, 2), new int[0],
                new int[] {2, 2});
        // Bartlett samples (vgrad's chi-squared draws): their mean is df V, and they are positive definite
        Tensor cov = Tensor.of(new float[] {2f, 0.5f, 0.5f, 1f}, 2, 2);
        Wishart w = Wishart.withCovariance(Tensor.of(5f), cov);
        Tensor draws = w.sample(new Generator(8), 20_000);
        float[] mean = draws.mean(0, false).toArray(), expected = w.mean().toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], mean[i], 0.05f * Math.abs(expected[i]) + 0.05f, "sample mean " + i);
        }
        assertTrue(w.logProb(draws.narrow(0, 0, 50)).isfinite().all().item() != 0f);
        Tensor scale = Tensor.eye(3).requiresGrad_();
        Wishart.withScaleTril(Tensor.of(4f), scale).rsample(new Generator(9), 2).sum().backward();
        assertTrue(scale.grad() != null, "rsample's gradient reaches the scale");
        var low = assertThrows(IllegalArgumentException.class, () -> Wishart.withCovariance(Tensor.of(0.5f), cov));
        assertEquals("Wishart: value of df=0.5 expected to be greater than ndim - 1 = 1.", low.getMessage());
        var notPd = assertThrows(IllegalArgumentException.class,
                () -> w.logProb(Tensor.of(1f, 2f, 2f, 1f).reshape(2, 2)));
        assertTrue(notPd.getMessage().contains("PositiveDefinite()"), notPd.getMessage());
        var e = assertThrows(IllegalArgumentException.class, () -> new Pareto(Tensor.of(2f), Tensor.of(1f))
                .logProb(Tensor.of(1.5f)));
        assertTrue(e.getMessage().contains("GreaterThanEq(lower_bound=scale)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HalfCauchy(Tensor.of(1f)).logProb(Tensor.of(-0.5f)));
        assertThrows(IllegalArgumentException.class, () -> new Weibull(Tensor.of(1f), Tensor.of(0f)));
    }

    /**
     * NegativeBinomial, FisherSnedecor and VonMises (no entropy, as in PyTorch) and Multinomial (with its entropy and
     * PyTorch's seeded sample).
     */
    @Test
    void countAndCircularFamiliesMatchPyTorch() {
        replay("negbinomial", p -> new NegativeBinomial(p[0], p[1]), t("negbinomial.value", 2, 4), new int[] {4},
                new int[] {4});
        replay("fisher", p -> new FisherSnedecor(p[0], p[1]), leaf("fisher.value", 2, 4), new int[] {4},
                new int[] {4});
        replay("vonmises", p -> new VonMises(p[0], p[1]), leaf("vonmises.value", 2, 3), new int[] {3}, new int[] {3});
        replay("multinomial", p -> Multinomial.ofProbs(6, p[0]), t("multinomial.value", 2, 2, 4), new int[] {2, 4});
        Generator.defaultGenerator().manualSeed(14);
        assertClose("multinomial_dist_sample", Multinomial.ofProbs(5, Tensor.of(new float[] {0.2f, 0.5f, 0.3f, 0.6f,
            0.1f, 0.3f}, 2, 3)).sample(4));
        assertThrows(UnsupportedOperationException.class, () -> new VonMises(Tensor.of(0f), Tensor.of(1f)).entropy());
        // the circular variance: 1 - E[cos(x - loc)] over 40 000 draws, each in [-pi, pi)
        VonMises vm = new VonMises(Tensor.of(0.3f, -1f, 2.9f), Tensor.of(0.5f, 4f, 15f));
        Tensor draws = vm.sample(new Generator(21), 40_000);
        float[] resultant = draws.sub(vm.loc()).cos().mean(0, false).toArray(), variance = vm.variance().toArray();
        for (int i = 0; i < 3; i++) {
            assertEquals(1f - variance[i], resultant[i], 0.01f, "mean resultant length " + i);
        }
        assertTrue(draws.abs().max().item() <= (float) Math.PI, "draws wrapped into [-pi, pi)");
        var e = assertThrows(IllegalArgumentException.class, () -> Multinomial.ofProbs(3, Tensor.of(0.5f, 0.5f))
                .logProb(Tensor.of(2f, 2f)));
        assertTrue(e.getMessage().contains("Multinomial(upper_bound=3)"), e.getMessage());
    }

    /** MixtureSameFamily over normals and over diagonal normals of vectors, and PyTorch's seeded draws. */
    @Test
    void mixturesMatchPyTorch() {
        replay("mixture", p -> new MixtureSameFamily(Categorical.ofProbs(p[0]), new Normal(p[1], p[2])),
                leaf("mixture.value", 4, 2), new int[] {2, 3}, new int[] {2, 3}, new int[] {2, 3});
        replay("mixture_vectors", p -> new MixtureSameFamily(Categorical.ofProbs(p[0]), new Independent(
                new Normal(p[1], p[2]), 1)), leaf("mixture_vectors.value", 4, 2), new int[] {3}, new int[] {3, 2},
                new int[] {3, 2});
        Generator.defaultGenerator().manualSeed(15);
        assertClose("mixture_sample", new MixtureSameFamily(Categorical.ofProbs(Tensor.of(new float[] {0.2f, 0.5f,
            0.3f, 0.6f, 0.1f, 0.3f}, 2, 3)), new Normal(Tensor.of(new float[] {-3f, 0f, 4f, 1f, 2f, 3f}, 2, 3),
            Tensor.of(new float[] {0.5f, 1f, 0.2f, 0.1f, 0.3f, 2f}, 2, 3))).sample(5));
        var e = assertThrows(IllegalArgumentException.class, () -> new MixtureSameFamily(Categorical.ofProbs(
                Tensor.ones(2)), new Normal(Tensor.zeros(3), Tensor.ones(3))));
        assertTrue(e.getMessage().contains("does not equal `component_distribution.batch_shape[-1]` (3)"),
                e.getMessage());
    }

    /** ContinuousBernoulli by probabilities (about 1/2 too) and by logits, with PyTorch's rsample, and its KL. */
    @Test
    void continuousBernoulliMatchesPyTorch() {
        replay("cont_bernoulli_probs", p -> ContinuousBernoulli.ofProbs(p[0]),
                leaf("cont_bernoulli_probs.value", 2, 6), new int[] {6});
        replay("cont_bernoulli_logits", p -> ContinuousBernoulli.ofLogits(p[0]),
                leaf("cont_bernoulli_logits.value", 2, 3), new int[] {2, 3});
        replayKl("kl_cont_bernoulli", v -> new Distribution[] {ContinuousBernoulli.ofProbs(v[0]),
            ContinuousBernoulli.ofProbs(v[1])}, new int[] {3}, new int[] {2, 3});
    }

    /** LowRankMultivariateNormal (a factor broadcast over the batch) and its rsample, against the full covariance. */
    @Test
    void lowRankMultivariateNormalMatchesPyTorch() {
        replay("lowrank_mvn", p -> new LowRankMultivariateNormal(p[0], p[1], p[2]), leaf("lowrank_mvn.value", 4, 2, 3),
                new int[] {2, 3}, new int[] {3, 2}, new int[] {3});
        Tensor w = Tensor.of(new float[] {1f, 0.5f, -0.3f, 2f, 0.7f, 0.1f}, 3, 2), d = Tensor.of(0.4f, 1.1f, 0.6f);
        Tensor loc = Tensor.of(0.2f, -1f, 0.5f), x = Tensor.of(1f, 0.3f, -0.8f);
        Tensor covariance = w.matmul(w.t()).add(d.diag(0));
        assertEquals(MultivariateNormal.withCovariance(loc, covariance).logProb(x).item(),
                new LowRankMultivariateNormal(loc, w, d).logProb(x).item(), 1e-5f, "Woodbury against the full form");
    }

    /** Sample means and variances of 40 000 draws within five standard errors of the distributions' own. */
    @Test
    void samplesHaveTheirDistributionsMoments() {
        Generator g = new Generator(12);
        Distribution[] ds = {new Gamma(Tensor.of(0.3f, 2.5f, 40f), Tensor.of(1f, 2f, 0.5f)),
            new Beta(Tensor.of(0.5f, 2f, 7f), Tensor.of(0.5f, 5f, 1.5f)), new Poisson(Tensor.of(0.7f, 4f, 10f, 250f)),
            new Exponential(Tensor.of(0.5f, 3f)), new LogNormal(Tensor.of(0f, 0.5f), Tensor.of(0.3f, 0.6f)),
            new StudentT(Tensor.of(5f, 9f), Tensor.of(1f, -2f), Tensor.of(0.5f, 2f)), new Chi2(Tensor.of(1f, 7f)),
            new Geometric(Tensor.of(0.3f, 0.8f)), new HalfNormal(Tensor.of(0.5f, 2f)),
            new Binomial(Tensor.of(4f, 30f), Tensor.of(0.3f, 0.85f)),
            new Weibull(Tensor.of(1f, 2f), Tensor.of(2f, 1.5f)),
            new Kumaraswamy(Tensor.of(2f, 0.7f), Tensor.of(3f, 1.2f)),
            new Pareto(Tensor.of(1f, 0.5f), Tensor.of(9f, 12f)),
            new NegativeBinomial(Tensor.of(3f, 20f), Tensor.of(0.4f, 0.7f)),
            new FisherSnedecor(Tensor.of(6f, 12f), Tensor.of(30f, 40f))};
        int n = 40_000;
        for (Distribution d : ds) {
            Tensor s = d.sample(g, n);
            float[] mean = d.mean().toArray(), var = d.variance().toArray();
            float[] sm = s.mean(0, false).toArray(), sv = s.var(0, true, false).toArray();
            for (int i = 0; i < mean.length; i++) {
                double se = Math.sqrt(var[i] / n);
                assertTrue(Math.abs(sm[i] - mean[i]) < 5 * se, d.getClass().getSimpleName() + " mean " + i + ": "
                        + sm[i] + " against " + mean[i]);
                assertTrue(Math.abs(sv[i] - var[i]) < 0.1 * var[i], d.getClass().getSimpleName() + " variance " + i
                        + ": " + sv[i] + " against " + var[i]);
            }
        }
        float[] counts = new Poisson(Tensor.of(3f)).sample(g, 1000).toArray();
        for (float c : counts) {
            assertTrue(c >= 0 && c == Math.rint(c), "a Poisson draw is a non-negative integer: " + c);
        }
    }

    /** The script's {@code kl}: the divergence and the gradients of the sum of its finite values. */
    private static void replayKl(String name, Function<Tensor[], Distribution[]> make, int[]... shapes) {
        Tensor[] params = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            params[i] = leaf(name + ".param" + i, shapes[i]);
        }
        Distribution[] pq = make.apply(params);
        Tensor kl = Kl.klDivergence(pq[0], pq[1]);
        assertClose(name + ".kl", kl);
        Tensor.where(kl.isfinite(), kl, Tensor.scalar(0f)).sum().backward();
        for (int i = 0; i < params.length; i++) {
            assertClose(name + ".grad" + i, params[i].grad() != null ? params[i].grad() : params[i].zerosLike());
        }
    }

    @Test
    void klDivergencesMatchPyTorch() {
        replayKl("kl_normal", p -> new Distribution[] {new Normal(p[0], p[1]), new Normal(p[2], p[3])},
                new int[] {3}, new int[] {3}, new int[] {2, 3}, new int[] {2, 3});
        replayKl("kl_uniform", p -> new Distribution[] {new Uniform(p[0], p[1]), new Uniform(p[2], p[3])},
                new int[] {4}, new int[] {4}, new int[] {4}, new int[] {4});
        replayKl("kl_bernoulli", p -> new Distribution[] {Bernoulli.ofProbs(p[0]), Bernoulli.ofProbs(p[1])},
                new int[] {5}, new int[] {5});
        replayKl("kl_categorical", p -> new Distribution[] {Categorical.ofProbs(p[0]), Categorical.ofProbs(p[1])},
                new int[] {2, 4}, new int[] {2, 4});
    }

    @Test
    void multinomialAndCategoricalSamplesArePyTorchsForASeed() {
        int[][] shapes = {{4}, {2, 4}, {3}, {3, 6}, {5, 7}, {2, 50}};
        int[] draws = {10, 3, 1, 25, 1, 40};
        boolean[] replacement = {true, false, true, true, false, false};
        for (int i = 0; i < shapes.length; i++) {
            Generator.defaultGenerator().manualSeed(i);
            Tensor w = t("multinomial" + i + ".weights", shapes[i]);
            assertClose("multinomial" + i + ".draws", w.multinomial(draws[i], replacement[i],
                    Generator.defaultGenerator()));
        }
        Generator.defaultGenerator().manualSeed(7);
        Categorical c = Categorical.ofProbs(Tensor.of(new float[] {0.2f, 0.5f, 0.3f, 0.6f, 0.1f, 0.3f}, 2, 3));
        assertClose("categorical_sample", c.sample(4));
        assertClose("categorical_sample_one", c.sample());
    }

    @Test
    void categoricalSamplesHaveTheirShapeAndFrequencies() {
        Categorical c = Categorical.ofProbs(Tensor.of(new float[] {1, 0, 3, 0, 1, 0}, 2, 3));
        Tensor s = c.sample(new Generator(4), 2000);
        assertArrayEquals(new int[] {2000, 2}, s.shape());
        float[] v = s.toArray();
        int twos = 0;
        for (int i = 0; i < v.length; i += 2) {
            assertTrue(v[i] != 1f && v[i + 1] == 1f, "never a zero-probability category");
            twos += v[i] == 2f ? 1 : 0;
        }
        assertTrue(Math.abs(twos / 2000.0 - 0.75) < 0.04, twos + " of 2000");
        assertArrayEquals(new int[] {2}, c.batchShape());
        assertThrows(UnsupportedOperationException.class, () -> c.rsample(3));
    }

    @Test
    void multivariateNormalsMatchPyTorch() {
        replay("mvn_covariance", p -> MultivariateNormal.withCovariance(p[0], p[1]),
                leaf("mvn_covariance.value", 4, 2, 3), new int[] {3}, new int[] {2, 3, 3});
        replay("mvn_precision", p -> MultivariateNormal.withPrecision(p[0], p[1]), leaf("mvn_precision.value", 2, 2),
                new int[] {2, 2}, new int[] {2, 2});
        replay("mvn_scale_tril", p -> MultivariateNormal.withScaleTril(p[0], p[1]),
                leaf("mvn_scale_tril.value", 3), new int[] {3}, new int[] {3, 3});
        replayKl("kl_mvn", p -> new Distribution[] {MultivariateNormal.withCovariance(p[0], p[1]),
                MultivariateNormal.withScaleTril(p[2], p[3])}, new int[] {2, 3}, new int[] {2, 3, 3}, new int[] {3},
                new int[] {3, 3});
    }

    @Test
    void multivariateNormalsGiveTheirMatricesShapesAndSecondDerivatives() {
        Generator g = new Generator(4);
        Tensor x = Tensor.randn(g, 3, 3), cov = x.matmul(x.t()).add(Tensor.eye(3));
        MultivariateNormal byCov = MultivariateNormal.withCovariance(Tensor.zeros(2, 3), cov);
        MultivariateNormal byPrecision = MultivariateNormal.withPrecision(Tensor.zeros(3), byCov.precisionMatrix()
                .select(0, 0));
        TorchFixturesTestAccess.assertClose("covariance", cov.toArray(), byPrecision.covarianceMatrix().toArray());
        TorchFixturesTestAccess.assertClose("precision", Linalg.inv(cov).toArray(),
                byPrecision.precisionMatrix().toArray());
        assertArrayEquals(new int[] {2}, byCov.batchShape());
        assertArrayEquals(new int[] {3}, byCov.eventShape());
        assertArrayEquals(new int[] {5, 2, 3}, byCov.sample(new Generator(1), 5).shape());
        assertArrayEquals(new int[] {2}, byCov.entropy().shape());
        assertArrayEquals(new int[] {2, 3}, byCov.variance().shape());
        GradCheck.Fn logProb = v -> {
            Tensor c = v[1].matmul(v[1].t()).add(Tensor.eye(3));
            return MultivariateNormal.withCovariance(v[0], c).logProb(v[2]);
        };
        assertTrue(GradCheck.gradcheck(logProb, Tensor.randn(g, 3), Tensor.randn(g, 3, 3), Tensor.randn(g, 2, 3)));
        assertTrue(GradCheck.gradgradcheck(logProb, Tensor.randn(g, 3), Tensor.randn(g, 3, 3), Tensor.randn(g, 3)));
    }

    @Test
    void badParametersAndValuesAreRefusedWithTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Normal(Tensor.zeros(3), Tensor.of(new float[] {1, 0, 2}, 3)));
        assertTrue(e.getMessage().contains("parameter scale of Normal") && e.getMessage().contains("GreaterThan")
                && e.getMessage().contains("found 0.0 at flat position 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Normal(Tensor.zeros(2), Tensor.ones(3)));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Uniform(1f, 1f));
        assertTrue(e.getMessage().contains("LessThan"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Uniform(0f, 1f).logProb(Tensor.scalar(1f)));
        assertTrue(e.getMessage().contains("value of Uniform"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bernoulli.ofProbs(Tensor.of(new float[] {0.5f, 1.5f}, 2)));
        assertTrue(e.getMessage().contains("found 1.5 at flat position 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Bernoulli.ofLogits(Tensor.zeros(2)).logProb(Tensor.of(new float[] {0f, 0.5f}, 2)));
        assertTrue(e.getMessage().contains("Boolean()"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Categorical.ofProbs(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("sum positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Categorical.ofLogits(Tensor.zeros(4)).logProb(Tensor.of(new float[] {1f, 4f}, 2)));
        assertTrue(e.getMessage().contains("upper_bound=3") && e.getMessage().contains("found 4.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.withCovariance(Tensor.zeros(2),
                Tensor.of(new float[] {1, 2, 2, 1}, 2, 2)));
        assertEquals("Expected parameter covariance_matrix of MultivariateNormal (shape [2, 2]) to satisfy the "
                + "constraint PositiveDefinite(), but found invalid values: linalg.cholesky: The factorization could "
                + "not be completed because the input is not positive-definite (the leading minor of order 2 is not "
                + "positive-definite).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.withScaleTril(Tensor.zeros(2),
                Tensor.of(new float[] {1, 2, 0, 1}, 2, 2)));
        assertTrue(e.getMessage().contains("LowerCholesky()")
                && e.getMessage().contains("found 2.0 at flat position 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultivariateNormal.withCovariance(Tensor.zeros(3), Tensor.eye(2)));
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("[3]"), e.getMessage());
        UnsupportedOperationException mixed = assertThrows(UnsupportedOperationException.class,
                () -> Kl.klDivergence(new Cauchy(Tensor.of(0f), Tensor.of(1f)), new Normal(0f, 1f)));
        assertEquals("klDivergence is not implemented for Cauchy and Normal", mixed.getMessage());
    }

    @Test
    void gradientsAndSecondDerivativesMatchFiniteDifferences() {
        Generator g = new Generator(3);
        Tensor loc = Tensor.randn(g, 3), scale = Tensor.rand(g, 3).add(0.5f), x = Tensor.randn(g, 3);
        GradCheck.Fn normal = v -> new Normal(v[0], v[1]).logProb(v[2]).add(new Normal(v[0], v[1]).entropy());
        assertTrue(GradCheck.gradcheck(normal, loc, scale, x));
        assertTrue(GradCheck.gradgradcheck(normal, loc, scale, x));
        GradCheck.Fn kl = v -> Kl.klDivergence(new Normal(v[0], v[1]), new Normal(v[2], v[1].add(0.3f)));
        assertTrue(GradCheck.gradcheck(kl, loc, scale, x));
        Tensor logits = Tensor.randn(g, 2, 4), value = Tensor.of(new float[] {3f, 1f}, 2);
        GradCheck.Fn categorical = v -> Categorical.ofLogits(v[0]).logProb(value)
                .add(Categorical.ofLogits(v[0]).entropy());
        assertTrue(GradCheck.gradcheck(categorical, logits));
        assertTrue(GradCheck.gradgradcheck(categorical, logits));
        GradCheck.Fn bernoulli = v -> Kl.klDivergence(Bernoulli.ofLogits(v[0]), Bernoulli.ofLogits(v[1]));
        assertTrue(GradCheck.gradcheck(bernoulli, Tensor.randn(g, 3), Tensor.randn(g, 3)));
    }

    @Test
    void samplesRecordNoGradientAndRsamplesDo() {
        Tensor loc = Tensor.zeros(3).requiresGrad_();
        Normal n = new Normal(loc, Tensor.ones(3));
        assertTrue(!n.sample(new Generator(1), 4).requiresGrad());
        assertTrue(n.rsample(new Generator(1), 4).requiresGrad());
        assertArrayEquals(new int[] {4, 3}, n.sample(new Generator(1), 4).shape());
        assertEquals(List.of(), Arrays.stream(n.eventShape()).boxed().toList());
    }
}
