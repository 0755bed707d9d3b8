package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.KeyedFixture;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * KL divergences between different families against PyTorch 1.13 ({@code scripts/torch_kl_fixtures.py}): every pair
 * PyTorch registers among twelve families, values (infinite ones included) and the gradients of the finite ones' sum in
 * every parameter of both sides.
 */
class KlAcrossFamiliesTest {
    private static final Map<String, Function<Tensor[], Distribution>> MAKERS = Map.ofEntries(
            Map.entry("Bernoulli", p -> Bernoulli.ofProbs(p[0])),
            Map.entry("Beta", p -> new Beta(p[0], p[1])),
            Map.entry("Binomial", p -> new Binomial(Tensor.full(10f, p[0].shape()), p[0])),
            Map.entry("ContinuousBernoulli", p -> ContinuousBernoulli.ofProbs(p[0])),
            Map.entry("Exponential", p -> new Exponential(p[0])),
            Map.entry("Gamma", p -> new Gamma(p[0], p[1])),
            Map.entry("Gumbel", p -> new Gumbel(p[0], p[1])),
            Map.entry("Laplace", p -> new Laplace(p[0], p[1])),
            Map.entry("Normal", p -> new Normal(p[0], p[1])),
            Map.entry("Pareto", p -> new Pareto(p[0], p[1])),
            Map.entry("Poisson", p -> new Poisson(p[0])),
            Map.entry("Uniform", p -> new Uniform(p[0], p[1])));

    private static Tensor[] params(KeyedFixture fx, String pair, String side, int count) {
        Tensor[] t = new Tensor[count];
        for (int i = 0; i < count; i++) {
            t[i] = Tensor.of(fx.get(pair + "." + side + i)).requiresGrad_();
        }
        return t;
    }

    private static int count(KeyedFixture fx, String pair, String side) {
        int n = 0;
        while (fx.has(pair + "." + side + n)) {
            n++;
        }
        return n;
    }

    @Test
    void everyPairPyTorchRegisters() throws Exception {
        KeyedFixture fx = KeyedFixture.load("/fixtures/torch_kl.txt");
        List<String> pairs = fx.names("pairs.keys");
        assertEquals(62, pairs.size(), "the pairs PyTorch 1.13 registers among the twelve families");
        List<String> failures = new ArrayList<>();
        for (String pair : pairs) {
            String[] families = pair.split("_");
            Tensor[] p = params(fx, pair, "p", count(fx, pair, "p"));
            Tensor[] q = params(fx, pair, "q", count(fx, pair, "q"));
            Tensor kl = Kl.klDivergence(MAKERS.get(families[0]).apply(p), MAKERS.get(families[1]).apply(q));
            float[] want = fx.get(pair + ".kl");
            float[] got = kl.contiguous().toArray();
            for (int i = 0; i < want.length; i++) {
                boolean same = Float.isInfinite(want[i]) ? got[i] == want[i]
                        : Math.abs(got[i] - want[i]) <= 2e-5f * Math.abs(want[i]) + 2e-5f;
                if (!same) {
                    failures.add(pair + "[" + i + "]: torch " + want[i] + ", vgrad " + got[i]);
                }
            }
            if (!fx.has(pair + ".gp0") && !fx.has(pair + ".gq0")) {
                continue;
            }
            Tensor finite = Tensor.where(kl.isfinite(), kl, Tensor.zeros(kl.shape()));
            finite.sum().backward();
            for (String side : new String[] {"p", "q"}) {
                Tensor[] t = side.equals("p") ? p : q;
                for (int i = 0; i < t.length; i++) {
                    String key = pair + ".g" + side + i;
                    if (fx.has(key)) {
                        float[] w = fx.get(key);
                        float[] g = t[i].grad() == null ? new float[w.length] : t[i].grad().toArray();
                        for (int j = 0; j < w.length; j++) {
                            // NaN where PyTorch's is: 0 times the infinite derivative of a masked element's formula.
                            boolean bothNaN = Float.isNaN(w[j]) && Float.isNaN(g[j]);
                            if (!bothNaN && !(Math.abs(g[j] - w[j]) <= 1e-4f * Math.abs(w[j]) + 1e-4f)) {
                                failures.add(key + "[" + j + "]: torch " + w[j] + ", vgrad " + g[j]);
                            }
                        }
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " differences:\n" + String.join("\n", failures));
        }
    }

    @Test
    void multivariateNormalsFullOrLowRankOnEitherSide() throws Exception {
        KeyedFixture fx = KeyedFixture.load("/fixtures/torch_kl.txt");
        Map<String, int[]> shapes = Map.of("loc_p", new int[] {2, 4}, "loc_q", new int[] {2, 4}, "w_p",
                new int[] {2, 4, 2}, "w_q", new int[] {2, 4, 2}, "d_p", new int[] {2, 4}, "d_q", new int[] {2, 4},
                "cov", new int[] {2, 4, 4});
        for (String pair : List.of("lr_lr", "mvn_lr", "lr_mvn")) {
            Map<String, Tensor> t = new java.util.HashMap<>();
            shapes.forEach((k, s) -> t.put(k, Tensor.of(fx.get("mvn." + k), s).requiresGrad_()));
            Distribution lowP = new LowRankMultivariateNormal(t.get("loc_p"), t.get("w_p"), t.get("d_p"));
            Distribution lowQ = new LowRankMultivariateNormal(t.get("loc_q"), t.get("w_q"), t.get("d_q"));
            Distribution fullP = MultivariateNormal.withCovariance(t.get("loc_p"), t.get("cov"));
            Distribution fullQ = MultivariateNormal.withCovariance(t.get("loc_q"), t.get("cov"));
            Tensor kl = switch (pair) {
                case "lr_lr" -> Kl.klDivergence(lowP, lowQ);
                case "mvn_lr" -> Kl.klDivergence(fullP, lowQ);
                default -> Kl.klDivergence(lowP, fullQ);
            };
            fx.assertClose("mvn." + pair + ".kl", kl, 2e-5f);
            kl.sum().backward();
            for (String k : shapes.keySet()) {
                if (fx.has("mvn." + pair + ".g." + k)) {
                    fx.assertClose("mvn." + pair + ".g." + k, t.get(k).grad(), 1e-4f);
                }
            }
        }
    }

    @Test
    void aPairPyTorchDoesNotRegisterIsRefusedByName() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> Kl.klDivergence(new Laplace(Tensor.of(0f), Tensor.of(1f)), new Gumbel(Tensor.of(0f),
                        Tensor.of(1f))));
        assertTrue(e.getMessage().contains("Laplace and Gumbel"), e.getMessage());
    }

    /**
     * Two Wisharts, PyTorch's exponential-family fallback: values and q's gradients against torch, p's gradients (which
     * PyTorch's form detaches) against finite differences, and a batch of two pairs against the pairs one at a time.
     */
    @Test
    void twoWishartsAsTorchsExponentialFamilyFallback() throws Exception {
        KeyedFixture fx = KeyedFixture.load("/fixtures/torch_kl.txt");
        for (String name : List.of("wishart_a", "wishart_b", "wishart_c")) {
            int d = (int) fx.get(name + ".dim")[0];
            Tensor pDf = Tensor.scalar(fx.get(name + ".p_df")[0]), pCov = Tensor.of(fx.get(name + ".p_cov"), d, d);
            Tensor qDf = Tensor.scalar(fx.get(name + ".q_df")[0]).requiresGrad_();
            Tensor qCov = Tensor.of(fx.get(name + ".q_cov"), d, d).requiresGrad_();
            Tensor kl = Kl.klDivergence(Wishart.withCovariance(pDf, pCov), Wishart.withCovariance(qDf, qCov));
            fx.assertClose(name + ".kl", kl, 3e-5f);
            kl.backward();
            fx.assertClose(name + ".g_q_df", qDf.grad(), 3e-5f);
            fx.assertClose(name + ".g_q_cov", qCov.grad(), 3e-4f);
            // p's gradients by finite differences, through p's scale factor (any lower-triangular L with a positive
            // diagonal) so that every perturbation stays a valid covariance.
            Tensor lp = dev.vgrad.Linalg.cholesky(pCov);
            Tensor fixedQDf = qDf.detach(), fixedQCov = qCov.detach();
            assertTrue(dev.vgrad.autograd.GradCheck.gradcheck(x -> Kl.klDivergence(Wishart.withScaleTril(x[0],
                    x[1].tril(0)), Wishart.withCovariance(fixedQDf, fixedQCov)), 2e-2, 5e-2, 2e-2, pDf, lp), name);
        }
        int d = 3;
        Tensor kl = Kl.klDivergence(Wishart.withCovariance(Tensor.of(fx.get("wishart_batch.p_df")),
                Tensor.of(fx.get("wishart_batch.p_cov"), 2, d, d)), Wishart.withCovariance(
                Tensor.of(fx.get("wishart_batch.q_df")), Tensor.eye(d)));
        fx.assertClose("wishart_batch.kl", kl, 5e-5f);
    }
}
