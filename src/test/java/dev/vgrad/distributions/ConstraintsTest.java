package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.KeyedFixture;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * torch.distributions.constraints and every family's support, arg_constraints and has_rsample against PyTorch 1.13
 * ({@code scripts/torch_constraints_fixtures.py}): each constraint's check on values inside, outside and on the edges
 * of its region (NaN and the infinities among them), its event_dim, is_discrete and repr.
 */
class ConstraintsTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_constraints.txt");
    }

    /** A repr as the script wrote it: its spaces as "~", PyTorch's line breaks dropped. */
    static String repr(String key) {
        return String.join(" ", fx.names(key + ".repr.keys")).replace("~", " ");
    }

    private static Map<String, Constraint> cases() {
        Map<String, Constraint> c = new LinkedHashMap<>();
        c.put("real", Constraints.REAL);
        c.put("boolean", Constraints.BOOLEAN);
        c.put("nonnegative_integer", Constraints.NONNEGATIVE_INTEGER);
        c.put("positive_integer", Constraints.POSITIVE_INTEGER);
        c.put("integer_interval", Constraints.integerInterval(-1, 3));
        c.put("positive", Constraints.POSITIVE);
        c.put("nonnegative", Constraints.NONNEGATIVE);
        c.put("greater_than", Constraints.greaterThan(-1.5f));
        c.put("greater_than_int", Constraints.greaterThan(0));
        c.put("greater_than_eq", Constraints.greaterThanEq(-1.0f));
        c.put("less_than", Constraints.lessThan(1.5f));
        c.put("unit_interval", Constraints.UNIT_INTERVAL);
        c.put("interval", Constraints.interval(-1f, 2f));
        c.put("half_open_interval", Constraints.halfOpenInterval(-1f, 2f));
        c.put("interval_tensor", Constraints.interval(Tensor.of(new float[] {-1, 0}, 2, 1),
                Tensor.of(new float[] {2, 0.5f}, 2, 1)));
        c.put("greater_than_tensor", Constraints.greaterThan(Tensor.scalar(0.5f)));
        c.put("real_vector", Constraints.REAL_VECTOR);
        c.put("independent", Constraints.independent(Constraints.POSITIVE, 2));
        c.put("one_hot", Constraints.ONE_HOT);
        c.put("simplex", Constraints.SIMPLEX);
        c.put("multinomial", Constraints.multinomial(5));
        c.put("lower_triangular", Constraints.LOWER_TRIANGULAR);
        c.put("lower_cholesky", Constraints.LOWER_CHOLESKY);
        c.put("corr_cholesky", Constraints.CORR_CHOLESKY);
        c.put("square", Constraints.SQUARE);
        c.put("square_not", Constraints.SQUARE);
        c.put("symmetric", Constraints.SYMMETRIC);
        c.put("positive_semidefinite", Constraints.POSITIVE_SEMIDEFINITE);
        c.put("positive_definite", Constraints.POSITIVE_DEFINITE);
        c.put("cat", Constraints.cat(List.of(Constraints.POSITIVE, Constraints.REAL, Constraints.UNIT_INTERVAL), 1,
                new int[] {2, 1, 2}));
        c.put("stack", Constraints.stack(List.of(Constraints.POSITIVE, Constraints.REAL, Constraints.UNIT_INTERVAL),
                1));
        c.put("stack_vectors", Constraints.stack(List.of(Constraints.SIMPLEX, Constraints.REAL_VECTOR), 0));
        return c;
    }

    @Test
    void everyConstraintChecksAsPyTorchsDoes() {
        Map<String, Constraint> cases = cases();
        for (var e : cases.entrySet()) {
            String name = e.getKey();
            Constraint c = e.getValue();
            Tensor check = c.check(fx.tensor(name + ".value"));
            assertArrayEquals(fx.shape(name + ".check"), check.shape(), name);
            assertArrayEquals(fx.get(name + ".check"), check.contiguous().toArray(), name);
            assertEquals((int) fx.get(name + ".event_dim")[0], c.eventDim(), name);
            assertEquals(fx.get(name + ".is_discrete")[0] == 1f, c.isDiscrete(), name);
            assertEquals(repr(name), c.toString().replace("\n", ""), name);
        }
        assertEquals(33 - 1, cases.size());
    }

    @Test
    void dependentChecksNothing() {
        assertEquals(repr("dependent"), Constraints.DEPENDENT.toString());
        assertTrue(Constraints.isDependent(Constraints.DEPENDENT));
        var e = assertThrows(UnsupportedOperationException.class, () -> Constraints.DEPENDENT.check(Tensor.ones(2)));
        assertEquals("Cannot determine validity of dependent constraint", e.getMessage());
        assertThrows(UnsupportedOperationException.class, Constraints.DEPENDENT::eventDim);
        assertEquals(1, Constraints.DEPENDENT.with(true, 1).eventDim());
    }

    @Test
    void badValuesAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Constraints.LOWER_CHOLESKY.check(Tensor.ones(3)));
        assertTrue(e.getMessage().contains("LowerCholesky()") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Constraints.independent(Constraints.REAL, 2).check(Tensor.ones(3)));
        assertEquals("Expected value.dim() >= 2 but got 1", e.getMessage());
    }

    private static Map<String, Supplier<Distribution>> families() {
        Map<String, Supplier<Distribution>> d = new LinkedHashMap<>();
        Tensor half = Tensor.scalar(0.5f), one = Tensor.scalar(1f), zero = Tensor.scalar(0f);
        d.put("Bernoulli", () -> Bernoulli.ofProbs(Tensor.scalar(0.3f)));
        d.put("Beta", () -> new Beta(Tensor.scalar(2f), Tensor.scalar(3f)));
        d.put("Binomial", () -> new Binomial(Tensor.of(5f, 6f), Tensor.of(0.3f, 0.4f)));
        d.put("Categorical", () -> Categorical.ofProbs(Tensor.full(0.25f, 3, 4)));
        d.put("Cauchy", () -> new Cauchy(zero, one));
        d.put("Chi2", () -> new Chi2(Tensor.scalar(3f)));
        d.put("ContinuousBernoulli", () -> ContinuousBernoulli.ofProbs(Tensor.scalar(0.3f)));
        d.put("Dirichlet", () -> new Dirichlet(Tensor.ones(3)));
        d.put("Exponential", () -> new Exponential(one));
        d.put("FisherSnedecor", () -> new FisherSnedecor(Tensor.scalar(3f), Tensor.scalar(4f)));
        d.put("Gamma", () -> new Gamma(Tensor.scalar(2f), Tensor.scalar(3f)));
        d.put("Geometric", () -> new Geometric(Tensor.scalar(0.3f)));
        d.put("Gumbel", () -> new Gumbel(zero, one));
        d.put("HalfCauchy", () -> new HalfCauchy(one));
        d.put("HalfNormal", () -> new HalfNormal(one));
        d.put("Independent", () -> new Independent(new Normal(Tensor.zeros(3, 2), Tensor.ones(3, 2)), 1));
        d.put("Kumaraswamy", () -> new Kumaraswamy(Tensor.scalar(2f), Tensor.scalar(3f)));
        d.put("LKJCholesky", () -> new LKJCholesky(3, half));
        d.put("Laplace", () -> new Laplace(zero, one));
        d.put("LogNormal", () -> new LogNormal(zero, one));
        d.put("LogisticNormal", () -> new LogisticNormal(Tensor.zeros(3), Tensor.ones(3)));
        d.put("LowRankMultivariateNormal", () -> new LowRankMultivariateNormal(Tensor.zeros(3), Tensor.ones(3, 1),
                Tensor.ones(3)));
        d.put("MixtureSameFamily", () -> new MixtureSameFamily(Categorical.ofProbs(Tensor.full(0.5f, 2)),
                new Normal(Tensor.zeros(2), Tensor.ones(2))));
        d.put("Multinomial", () -> Multinomial.ofProbs(7, Tensor.full(0.25f, 4)));
        d.put("MultivariateNormal", () -> MultivariateNormal.withCovariance(Tensor.zeros(2), Tensor.eye(2)));
        d.put("NegativeBinomial", () -> new NegativeBinomial(Tensor.scalar(3f), Tensor.scalar(0.4f)));
        d.put("Normal", () -> new Normal(zero, one));
        d.put("OneHotCategorical", () -> OneHotCategorical.ofProbs(Tensor.full(0.25f, 4)));
        d.put("OneHotCategoricalStraightThrough", () -> OneHotCategoricalStraightThrough.ofProbs(
                Tensor.full(0.25f, 4)));
        d.put("Pareto", () -> new Pareto(Tensor.of(1f, 2f), Tensor.scalar(3f)));
        d.put("Poisson", () -> new Poisson(Tensor.scalar(2f)));
        d.put("RelaxedBernoulli", () -> new RelaxedBernoulli(half, Tensor.scalar(0.3f)));
        d.put("RelaxedOneHotCategorical", () -> RelaxedOneHotCategorical.ofProbs(half, Tensor.full(1f / 3, 3)));
        d.put("StudentT", () -> new StudentT(Tensor.scalar(3f), zero, one));
        d.put("TransformedDistribution", () -> new TransformedDistribution(new Normal(Tensor.zeros(3),
                Tensor.ones(3)), new StickBreakingTransform()));
        d.put("Uniform", () -> new Uniform(Tensor.of(0f, 1f), Tensor.scalar(2f)));
        d.put("VonMises", () -> new VonMises(zero, one));
        d.put("Weibull", () -> new Weibull(one, Tensor.scalar(2f)));
        d.put("Wishart", () -> Wishart.withCovariance(Tensor.scalar(4f), Tensor.eye(3)));
        return d;
    }

    @Test
    void everyFamilysSupportArgConstraintsAndHasRsampleAreTorchs() {
        Map<String, Supplier<Distribution>> families = families();
        for (var e : families.entrySet()) {
            String name = e.getKey();
            Distribution d = e.getValue().get();
            assertEquals(repr("support." + name), d.support().toString().replace("\n", ""), name);
            List<String> args = fx.names("support." + name + ".args.keys");
            StringBuilder got = new StringBuilder();
            d.argConstraints().forEach((k, c) -> got.append(got.isEmpty() ? "" : " ").append(k).append("=")
                    .append(c.toString().replace(" ", "~")));
            assertEquals(args.equals(List.of("-")) ? "" : String.join(" ", args), got.toString(), name);
            assertEquals(fx.get("support." + name + ".has_rsample")[0] == 1f, d.hasRsample(), name);
        }
        assertEquals(39, families.size());
    }

    @Test
    void aSampleLiesInItsSupport() {
        for (var e : families().entrySet()) {
            Distribution d = e.getValue().get();
            Tensor s = d.sample(new dev.vgrad.Generator(3), 4);
            Tensor ok = d.support().check(s);
            assertEquals(1f, ok.all().item(), e.getKey() + ": " + s);
        }
    }
}
