package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.KeyedFixture;
import dev.vgrad.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transforms and TransformedDistribution against PyTorch 1.13 ({@code scripts/torch_transforms_fixtures.py}): a cached
 * tanh-squashed Gaussian as SAC uses it, exp, an affine map of whole vectors, Gumbel as PyTorch builds it, sigmoid,
 * softplus and a power, a composition; and the cdf / icdf of twelve families with their gradients.
 */
class TransformsTest {
    private static final float TOL = 3e-6f;
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_transforms.txt");
    }

    private static void check(String key, Tensor got) {
        fx.assertMatches(key, got, TOL);
    }

    private static void cdfs(String name, int params, Function<Tensor[], Distribution> make) {
        Tensor[] p = new Tensor[params];
        for (int i = 0; i < params; i++) {
            p[i] = fx.tensor(name + ".p" + i).requiresGrad_();
        }
        Tensor v = fx.tensor(name + ".value").requiresGrad_();
        Distribution d = make.apply(p);
        Tensor c = d.cdf(v);
        Tensor q = d.icdf(fx.tensor(name + ".prob"));
        c.sum().add(q.sum()).backward();
        check(name + ".cdf", c);
        check(name + ".icdf", q);
        for (int i = 0; i < params; i++) {
            fx.assertClose(name + ".g" + i, p[i].grad(), 2e-5f);
        }
        fx.assertClose(name + ".gv", v.grad(), 2e-5f);
    }

    @Test
    void cdfAndIcdfOfTheFamiliesThatHaveThem() {
        cdfs("normal", 2, p -> new Normal(p[0], p[1]));
        cdfs("uniform", 2, p -> new Uniform(p[0], p[1]));
        cdfs("exponential", 1, p -> new Exponential(p[0]));
        cdfs("laplace", 2, p -> new Laplace(p[0], p[1]));
        cdfs("cauchy", 2, p -> new Cauchy(p[0], p[1]));
        cdfs("lognormal", 2, p -> new LogNormal(p[0], p[1]));
        cdfs("halfnormal", 1, p -> new HalfNormal(p[0]));
        cdfs("halfcauchy", 1, p -> new HalfCauchy(p[0]));
        cdfs("gumbel2", 2, p -> new Gumbel(p[0], p[1]));
        cdfs("pareto", 2, p -> new Pareto(p[0], p[1]));
        cdfs("weibull", 2, p -> new Weibull(p[0], p[1]));
        cdfs("kumaraswamy", 2, p -> new Kumaraswamy(p[0], p[1]));
        assertThrows(UnsupportedOperationException.class, () -> new Gamma(Tensor.ones(1), Tensor.ones(1))
                .cdf(Tensor.ones(1)), "PyTorch's Gamma has no cdf");
    }

    @Test
    void aCachedTanhPolicyScoresItsOwnSamples() {
        Generator.defaultGenerator().manualSeed(55);
        Tensor loc = fx.tensor("sac.loc").requiresGrad_();
        Tensor scale = fx.tensor("sac.scale").requiresGrad_();
        var d = new TransformedDistribution(new Normal(loc, scale), new TanhTransform(1));
        Tensor a = d.rsample(4);
        Tensor lp = d.logProb(a);
        lp.sum().add(a.mul(a).sum()).backward();
        check("sac.a", a);
        check("sac.lp", lp);
        fx.assertClose("sac.gloc", loc.grad(), 2e-5f);
        fx.assertClose("sac.gscale", scale.grad(), 2e-5f);
        assertArrayEquals(fx.get("sac.after"), Tensor.rand(3).toArray());
        var uncached = new TransformedDistribution(new Normal(loc.detach(), scale.detach()), new TanhTransform());
        check("tanh.lp", uncached.logProb(fx.tensor("tanh.value")));
    }

    @Test
    void expAndAnAffineMapOfWholeVectors() {
        var ln = new TransformedDistribution(new Normal(Tensor.of(0.2f, -1f), Tensor.of(0.5f, 1.5f)),
                new ExpTransform());
        Tensor v = fx.tensor("exp.value");
        check("exp.lp", ln.logProb(v));
        check("exp.cdf", ln.cdf(v));
        check("exp.icdf", ln.icdf(Tensor.of(0.2f, 0.9f)));
        var af = new TransformedDistribution(new Normal(Tensor.zeros(2, 3), Tensor.ones(2, 3)),
                new AffineTransform(Tensor.of(1f, 2f, 3f), Tensor.of(0.5f, -2f, 1.5f), 1, 0));
        assertArrayEquals(new int[] {(int) fx.get("affine.batch")[0]}, af.batchShape());
        assertArrayEquals(new int[] {(int) fx.get("affine.event")[0]}, af.eventShape());
        assertTrue(af.base() instanceof Independent, "the base's last dimension taken as the event");
        check("affine.lp", af.logProb(fx.tensor("affine.value")));
    }

    @Test
    void gumbelAsPyTorchBuildsIt() {
        Generator.defaultGenerator().manualSeed(53);
        Tensor loc = Tensor.of(0.5f, -1f);
        Tensor scale = Tensor.of(2f, 0.7f);
        var gumbel = new TransformedDistribution(new Uniform(Tensor.full(Float.MIN_NORMAL, 2),
                Tensor.full(1f - Math.ulp(1f), 2)), new ExpTransform().inv(),
                new AffineTransform(Tensor.scalar(0f), Tensor.ones(2).neg()), new ExpTransform().inv(),
                new AffineTransform(loc, scale.neg()));
        Tensor v = fx.tensor("gumbel.value");
        check("gumbel.lp", gumbel.logProb(v));
        check("gumbel.cdf", gumbel.cdf(v));
        check("gumbel.icdf", gumbel.icdf(Tensor.of(0.25f, 0.8f)));
        check("gumbel.sample", gumbel.rsample(3));
        assertArrayEquals(fx.get("gumbel.after"), Tensor.rand(3).toArray());
    }

    @Test
    void sigmoidSoftplusPowerAndComposition() {
        Generator.defaultGenerator().manualSeed(54);
        Normal base = new Normal(Tensor.of(0.3f, -0.5f, 1f), Tensor.of(1f, 0.4f, 2f));
        var sig = new TransformedDistribution(base, new AffineTransform(0.5f, -2f), new SigmoidTransform());
        Tensor sv = fx.tensor("sigmoid.value");
        check("sigmoid.lp", sig.logProb(sv));
        check("sigmoid.cdf", sig.cdf(sv));
        check("sigmoid.icdf", sig.icdf(Tensor.of(0.1f, 0.5f, 0.6f)));
        var power = new TransformedDistribution(base, new SoftplusTransform(),
                new PowerTransform(Tensor.of(2f, 0.5f, 1.5f), 0));
        Tensor pv = fx.tensor("power.value");
        check("power.lp", power.logProb(pv));
        check("power.cdf", power.cdf(pv));
        check("power.icdf", power.icdf(Tensor.of(0.1f, 0.5f, 0.6f)));
        check("power.sample", power.rsample(2));
        assertArrayEquals(fx.get("power.after"), Tensor.rand(3).toArray());
        var comp = new TransformedDistribution(base, new ComposeTransform(List.of(new AffineTransform(1f, 2f),
                new ExpTransform())));
        check("compose.lp", comp.logProb(pv));
    }

    @Test
    void aNegativePowerTurnsTheCdfOver() {
        // y = x^-2 decreases, so P(Y <= v) = 1 - F_X(v^-1/2): the sign is the exponent's (PyTorch 1.13 says +1 for
        // every exponent and returns F_X(v^-1/2), an increasing function of v's inverse; later versions flip it).
        Normal base = new Normal(Tensor.of(2f), Tensor.of(0.5f));
        var d = new TransformedDistribution(base, new PowerTransform(Tensor.of(-2f), 0));
        Tensor v = Tensor.of(0.3f);
        float expected = 1f - base.cdf(Tensor.of((float) Math.pow(0.3, -0.5))).item();
        assertEquals(expected, d.cdf(v).item(), 1e-6f);
        assertTrue(d.cdf(Tensor.of(0.2f)).item() < d.cdf(v).item(), "increasing in v");
    }

    @Test
    void klBetweenTwoTransformedDistributionsIsTheBases() {
        Tensor loc = Tensor.of(0.3f, -1f, 0.5f).requiresGrad_();
        var p = new TransformedDistribution(new Normal(loc, Tensor.of(1f, 0.5f, 2f)), new AffineTransform(0.5f, 2f),
                new TanhTransform());
        var q = new TransformedDistribution(new Normal(Tensor.of(0f, 0.2f, 0.4f), Tensor.of(1.5f, 0.7f, 1f)),
                new AffineTransform(0.5f, 2f), new TanhTransform());
        Tensor kl = Kl.klDivergence(p, q);
        kl.sum().backward();
        check("tkl.kl", kl);
        fx.assertClose("tkl.gloc", loc.grad(), 2e-5f);
        var other = new TransformedDistribution(new Normal(Tensor.zeros(3), Tensor.ones(3)), new AffineTransform(0.5f,
                3f), new TanhTransform());
        assertThrows(UnsupportedOperationException.class, () -> Kl.klDivergence(p, other), "a different scale");
    }

    @Test
    void aTransformThatBroadensTheShapeExpandsTheBase() {
        var d = new TransformedDistribution(new Normal(Tensor.scalar(0f), Tensor.scalar(1f)),
                new AffineTransform(Tensor.of(1f, 2f, 3f), Tensor.scalar(2f)));
        assertArrayEquals(new int[] {3}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.base().batchShape());
        // torch: TransformedDistribution(Normal(0., 1.), [AffineTransform(tensor([1., 2., 3.]), 2.)]).log_prob(...)
        assertArrayEquals(new float[] {-1.6433357f, -1.6433357f, -2.1120858f},
                d.logProb(Tensor.of(0.5f, 2.5f, 1f)).toArray(), 1e-6f);
    }

    @Test
    void stickBreakingAsPyTorchsTransform() {
        var t = new StickBreakingTransform();
        Tensor x = Tensor.of(new float[] {0.3f, -1.2f, 2f, 1.5f, 0f, -0.7f}, 2, 3);
        Tensor y = t.call(x);
        // torch: StickBreakingTransform()(x), its log_abs_det_jacobian(x, y), its inverse at [[0.1, 0.2, 0.3, 0.4]]
        assertArrayEquals(new float[] {0.31032243f, 0.09026918f, 0.52795714f, 0.07145126f, 0.59902102f, 0.13365966f,
            0.08869981f, 0.17861949f}, y.toArray(), 1e-6f);
        assertArrayEquals(new float[] {-6.8525829f, -6.6699123f}, t.logAbsDetJacobian(x, y).toArray(), 1e-5f);
        assertArrayEquals(new float[] {-1.0986123f, -0.55961585f, -0.287682f},
                t.inv(Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 4)).toArray(), 1e-6f);
        assertArrayEquals(new int[] {2, 4}, t.forwardShape(new int[] {2, 3}));
        var d = new TransformedDistribution(new Normal(Tensor.zeros(2, 3), Tensor.ones(2, 3)), t);
        assertArrayEquals(new int[] {2}, d.batchShape());
        assertArrayEquals(new int[] {4}, d.eventShape());
    }

    @Test
    void theCacheHoldsOnePairByIdentity() {
        Transform t = new TanhTransform(1);
        Tensor x = Tensor.of(20f);
        Tensor y = t.call(x);
        assertTrue(t.inv(y) == x, "the cached x for the cached y");
        assertFalse(Float.isFinite(new TanhTransform().inv(y).item()), "atanh(1) without the cache");
        assertThrows(IllegalArgumentException.class, () -> new ExpTransform(2));
        assertThrows(UnsupportedOperationException.class, () -> new TransformedDistribution(new Normal(
                Tensor.zeros(2), Tensor.ones(2)), new TanhTransform()).mean());
        assertEquals(-1, new ComposeTransform(List.of(new AffineTransform(0f, -3f), new ExpTransform())).sign());
    }
}
