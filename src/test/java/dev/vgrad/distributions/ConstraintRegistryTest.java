package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.KeyedFixture;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * biject_to / transform_to and the transforms added with them (Abs, Softmax, LowerCholesky, CorrCholesky, Independent,
 * Reshape, Cat, Stack, CumulativeDistribution) against PyTorch 1.13 ({@code scripts/torch_constraints_fixtures.py}):
 * which transform each registry gives (its repr), its values, inverse, log |det J| and the gradient of their sums,
 * that its values satisfy the constraint, and the domains, codomains, shapes and bijectivity PyTorch gives.
 */
class ConstraintRegistryTest {
    private static final float TOL = 3e-6f;
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_constraints.txt");
    }

    private static String repr(String key) {
        return String.join(" ", fx.names(key + ".repr.keys")).replace("~", " ");
    }

    private static Map<String, Constraint> constraints() {
        Map<String, Constraint> c = new LinkedHashMap<>();
        c.put("real", Constraints.REAL);
        c.put("positive", Constraints.POSITIVE);
        c.put("nonnegative", Constraints.NONNEGATIVE);
        c.put("greater_than", Constraints.greaterThan(-1.5f));
        c.put("greater_than_eq", Constraints.greaterThanEq(2f));
        c.put("less_than", Constraints.lessThan(0.5f));
        c.put("unit_interval", Constraints.UNIT_INTERVAL);
        c.put("interval", Constraints.interval(-1f, 3f));
        c.put("half_open_interval", Constraints.halfOpenInterval(0.5f, 1.5f));
        c.put("interval_tensor", Constraints.interval(Tensor.of(0f, -2f), Tensor.of(1f, 2f)));
        c.put("real_vector", Constraints.REAL_VECTOR);
        c.put("independent", Constraints.independent(Constraints.POSITIVE, 1));
        c.put("simplex", Constraints.SIMPLEX);
        c.put("corr_cholesky", Constraints.CORR_CHOLESKY);
        c.put("lower_cholesky", Constraints.LOWER_CHOLESKY);
        c.put("cat", Constraints.cat(List.of(Constraints.POSITIVE, Constraints.REAL, Constraints.UNIT_INTERVAL), 1,
                new int[] {2, 1, 2}));
        c.put("stack", Constraints.stack(List.of(Constraints.POSITIVE, Constraints.REAL, Constraints.UNIT_INTERVAL),
                1));
        return c;
    }

    @Test
    void bijectToAndTransformToGiveTorchsTransforms() {
        int compared = 0;
        for (var e : constraints().entrySet()) {
            for (String which : new String[] {"biject", "transform"}) {
                String key = which + "." + e.getKey();
                ConstraintRegistry registry = which.equals("biject") ? ConstraintRegistry.BIJECT_TO
                        : ConstraintRegistry.TRANSFORM_TO;
                if (fx.has(key + ".missing")) {
                    var ex = assertThrows(UnsupportedOperationException.class, () -> registry.call(e.getValue()));
                    assertTrue(ex.getMessage().contains("Cannot transform"), ex.getMessage());
                    continue;
                }
                Transform t = registry.call(e.getValue());
                assertEquals(repr(key), t.toString().replace("\n", ""), key);
                assertEquals(fx.get(key + ".bijective")[0] == 1f, t.bijective(), key);
                assertEquals((int) fx.get(key + ".domain_event_dim")[0], t.domainEventDim(), key);
                assertEquals((int) fx.get(key + ".codomain_event_dim")[0], t.codomainEventDim(), key);
                Tensor x = fx.tensor(key + ".x").requiresGrad_();
                Tensor y = t.call(x);
                fx.assertMatches(key + ".y", y, TOL);
                assertArrayEquals(fx.get(key + ".check"), e.getValue().check(y).contiguous().toArray(), key);
                fx.assertMatches(key + ".inv", t.inv(y.detach()), 2e-5f);
                if (fx.has(key + ".ladj")) {
                    Tensor ladj = t.logAbsDetJacobian(x, y);
                    fx.assertMatches(key + ".ladj", ladj, 2e-5f);
                    y.sum().add(ladj.sum()).backward();
                    fx.assertMatches(key + ".grad", x.grad(), 2e-5f);
                } else {
                    assertThrows(UnsupportedOperationException.class, () -> t.logAbsDetJacobian(x, y));
                }
                compared++;
            }
        }
        assertEquals(33, compared);
    }

    private static void transformCase(String name, Transform t, boolean ladj) {
        Tensor x = fx.tensor(name + ".x").requiresGrad_();
        Tensor y = t.call(x);
        fx.assertMatches(name + ".y", y, TOL);
        fx.assertMatches(name + ".inv", t.inv(y.detach()), 2e-5f);
        assertEquals(repr(name), t.toString().replace("\n", ""), name);
        assertArrayEquals(toInts(fx.get(name + ".forward_shape")), t.forwardShape(x.shape()), name);
        assertArrayEquals(toInts(fx.get(name + ".inverse_shape")), t.inverseShape(y.shape()), name);
        Tensor loss = y.sum();
        if (ladj) {
            Tensor l = t.logAbsDetJacobian(x, y);
            fx.assertMatches(name + ".ladj", l, 2e-5f);
            loss = loss.add(l.sum());
        }
        loss.backward();
        fx.assertMatches(name + ".grad", x.grad(), 2e-5f);
    }

    private static int[] toInts(float[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
        }
        return r;
    }

    @Test
    void theNewTransformsAreTorchs() {
        transformCase("abs", new AbsTransform(), false);
        transformCase("softmax", new SoftmaxTransform(), false);
        transformCase("lower_cholesky_t", new LowerCholeskyTransform(), false);
        transformCase("corr_cholesky_t", new CorrCholeskyTransform(), true);
        transformCase("independent_t", new IndependentTransform(new ExpTransform(), 2), true);
        transformCase("reshape_t", new ReshapeTransform(new int[] {2, 3}, new int[] {3, 2}), true);
        transformCase("cat_t", new CatTransform(List.of(new ExpTransform(), ComposeTransform.IDENTITY,
                new AffineTransform(1f, -2f, 0, 0)), 1, new int[] {2, 1, 3}), true);
        transformCase("cat_vectors_t", new CatTransform(List.of(new IndependentTransform(new ExpTransform(), 1),
                new AffineTransform(0.5f, 2f, 1, 0)), 0, new int[] {2, 1}), true);
        transformCase("stack_t", new StackTransform(List.of(new ExpTransform(), new SigmoidTransform(),
                new AffineTransform(0.5f, 3f, 0, 0)), 1), true);
        transformCase("cdf_t", new CumulativeDistributionTransform(new Normal(0.3f, 1.7f)), true);
    }

    @Test
    void aGaussianCopulaScoresAsTorchs() {
        Distribution copula = new TransformedDistribution(MultivariateNormal.withScaleTril(Tensor.zeros(2),
                Tensor.of(new float[] {1, 0, 0.6f, 0.8f}, 2, 2)),
                new CumulativeDistributionTransform(new Normal(0f, 1f)));
        fx.assertMatches("copula.log_prob", copula.logProb(fx.tensor("copula.value")), 2e-5f);
    }

    @Test
    void domainsCodomainsAndTheirChecks() {
        assertEquals("Real()", new ExpTransform().domain().toString());
        assertEquals("GreaterThan(lower_bound=0.0)", new ExpTransform().codomain().toString());
        assertEquals("Interval(lower_bound=-1.0, upper_bound=1.0)", new TanhTransform().codomain().toString());
        assertEquals("IndependentConstraint(Real(), 1)", new StickBreakingTransform().domain().toString());
        assertEquals("Simplex()", new StickBreakingTransform().codomain().toString());
        assertEquals("GreaterThan(lower_bound=0.0)", new PowerTransform(2f).domain().toString());
        assertEquals("IndependentConstraint(Real(), 2)", new AffineTransform(0f, 1f, 2, 0).codomain().toString());
        assertEquals("GreaterThan(lower_bound=0.0)", new ExpTransform().inv().domain().toString());
        assertEquals("_InverseTransform(ExpTransform())", new ExpTransform().inv().toString());
        Transform composed = new ComposeTransform(List.of(new ExpTransform(), new StickBreakingTransform()));
        assertEquals("IndependentConstraint(Real(), 1)", composed.domain().toString());
        assertTrue(composed.bijective());
        assertFalse(new SoftmaxTransform().bijective());
        assertEquals("IndependentConstraint(Real(), 2)",
                new ReshapeTransform(new int[] {2, 3}, new int[] {6}).domain().toString());
        assertSame(ComposeTransform.IDENTITY, ConstraintRegistry.BIJECT_TO.call(Constraints.REAL));
        // A sample of each transform's codomain passes the codomain's own check.
        Tensor y = new CorrCholeskyTransform().call(Tensor.randn(new dev.vgrad.Generator(5), 4, 10));
        assertEquals(1f, Constraints.CORR_CHOLESKY.check(y).all().item());
        assertEquals(1f, Constraints.SIMPLEX.check(new SoftmaxTransform().call(Tensor.randn(
                new dev.vgrad.Generator(5), 3, 7))).all().item());
    }

    @Test
    void badShapesAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ReshapeTransform(new int[] {2, 3}, new int[] {5}));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CorrCholeskyTransform().forwardShape(new int[] {4}));
        assertTrue(e.getMessage().contains("lower-diagonal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CatTransform(List.of(new ExpTransform()), 0,
                new int[] {2}).call(Tensor.ones(3)));
        assertTrue(e.getMessage().contains("expected 2") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StackTransform(List.of(new ExpTransform()), 0)
                .call(Tensor.ones(2, 2)));
        assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
