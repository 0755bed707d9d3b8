package dev.vgrad.distributions;

import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.HashMap;
import java.util.Map;

/**
 * PyTorch 1.13's class attributes of each family, in one table: its {@code support} where that does not depend on
 * the parameters (null where the family computes it: Binomial's counts, Uniform's bounds, ...), {@code has_rsample}
 * (Independent and TransformedDistribution ask their base instead), and {@code arg_constraints} (null where the family
 * computes them: Wishart's df). {@link Distribution} reads them
 * for its class or the nearest superclass listed (HalfNormal and HalfCauchy through Folded). Checked against torch's
 * attributes by ConstraintsTest.
 */
final class FamilyConstraints {
    /** One family's row. */
    record Row(Constraint support, boolean hasRsample, Map<String, Constraint> argConstraints) {}

    private static final Map<Class<?>, Row> ROWS = new HashMap<>();

    static {
        put(Bernoulli.class, Constraints.BOOLEAN, false, args("probs", Constraints.UNIT_INTERVAL,
                "logits", Constraints.REAL));
        put(Beta.class, Constraints.UNIT_INTERVAL, true, args("concentration1", Constraints.POSITIVE,
                "concentration0", Constraints.POSITIVE));
        put(Binomial.class, null, false, args("total_count", Constraints.NONNEGATIVE_INTEGER,
                "probs", Constraints.UNIT_INTERVAL, "logits", Constraints.REAL));
        put(Categorical.class, null, false, args("probs", Constraints.SIMPLEX, "logits", Constraints.REAL_VECTOR));
        put(Cauchy.class, Constraints.REAL, true, args("loc", Constraints.REAL, "scale", Constraints.POSITIVE));
        put(Chi2.class, Constraints.NONNEGATIVE, true, args("df", Constraints.POSITIVE));
        put(ContinuousBernoulli.class, Constraints.UNIT_INTERVAL, true, args("probs", Constraints.UNIT_INTERVAL,
                "logits", Constraints.REAL));
        put(Dirichlet.class, Constraints.SIMPLEX, true, args(
                "concentration", Constraints.independent(Constraints.POSITIVE, 1)));
        put(Exponential.class, Constraints.NONNEGATIVE, true, args("rate", Constraints.POSITIVE));
        put(FisherSnedecor.class, Constraints.POSITIVE, true, args("df1", Constraints.POSITIVE,
                "df2", Constraints.POSITIVE));
        put(Folded.class, Constraints.NONNEGATIVE, true, args("scale", Constraints.POSITIVE));
        put(Gamma.class, Constraints.NONNEGATIVE, true, args("concentration", Constraints.POSITIVE,
                "rate", Constraints.POSITIVE));
        put(Geometric.class, Constraints.NONNEGATIVE_INTEGER, false, args("probs", Constraints.UNIT_INTERVAL,
                "logits", Constraints.REAL));
        put(Gumbel.class, Constraints.REAL, true, args("loc", Constraints.REAL, "scale", Constraints.POSITIVE));
        put(Independent.class, null, false, Map.of());
        put(Kumaraswamy.class, Constraints.UNIT_INTERVAL, true, args("concentration1", Constraints.POSITIVE,
                "concentration0", Constraints.POSITIVE));
        put(LKJCholesky.class, Constraints.CORR_CHOLESKY, false, args("concentration", Constraints.POSITIVE));
        put(Laplace.class, Constraints.REAL, true, args("loc", Constraints.REAL, "scale", Constraints.POSITIVE));
        put(LogNormal.class, Constraints.POSITIVE, true, args("loc", Constraints.REAL, "scale", Constraints.POSITIVE));
        put(LogisticNormal.class, Constraints.SIMPLEX, true, args("loc", Constraints.REAL,
                "scale", Constraints.POSITIVE));
        put(LowRankMultivariateNormal.class, Constraints.REAL_VECTOR, true, args("loc", Constraints.REAL_VECTOR,
                "cov_factor", Constraints.independent(Constraints.REAL, 2),
                "cov_diag", Constraints.independent(Constraints.POSITIVE, 1)));
        put(MixtureSameFamily.class, null, false, Map.of());
        put(Multinomial.class, null, false, args("probs", Constraints.SIMPLEX, "logits", Constraints.REAL_VECTOR));
        put(MultivariateNormal.class, Constraints.REAL_VECTOR, true, args("loc", Constraints.REAL_VECTOR,
                "covariance_matrix", Constraints.POSITIVE_DEFINITE, "precision_matrix", Constraints.POSITIVE_DEFINITE,
                "scale_tril", Constraints.LOWER_CHOLESKY));
        put(NegativeBinomial.class, Constraints.NONNEGATIVE_INTEGER, false, args(
                "total_count", Constraints.greaterThanEq(0), "probs", Constraints.halfOpenInterval(0f, 1f),
                "logits", Constraints.REAL));
        put(Normal.class, Constraints.REAL, true, args("loc", Constraints.REAL, "scale", Constraints.POSITIVE));
        put(OneHotCategorical.class, Constraints.ONE_HOT, false, args("probs", Constraints.SIMPLEX,
                "logits", Constraints.REAL_VECTOR));
        put(OneHotCategoricalStraightThrough.class, Constraints.ONE_HOT, true, args("probs", Constraints.SIMPLEX,
                "logits", Constraints.REAL_VECTOR));
        put(Pareto.class, null, true, args("alpha", Constraints.POSITIVE, "scale", Constraints.POSITIVE));
        put(Poisson.class, Constraints.NONNEGATIVE_INTEGER, false, args("rate", Constraints.NONNEGATIVE));
        put(RelaxedBernoulli.class, Constraints.UNIT_INTERVAL, true, args("probs", Constraints.UNIT_INTERVAL,
                "logits", Constraints.REAL));
        put(RelaxedOneHotCategorical.class, Constraints.SIMPLEX, true, args("probs", Constraints.SIMPLEX,
                "logits", Constraints.REAL_VECTOR));
        put(StudentT.class, Constraints.REAL, true, args("df", Constraints.POSITIVE, "loc", Constraints.REAL,
                "scale", Constraints.POSITIVE));
        put(TransformedDistribution.class, null, false, Map.of());
        put(Uniform.class, null, true, args("low", Constraints.DEPENDENT, "high", Constraints.DEPENDENT));
        put(VonMises.class, Constraints.REAL, false, args("loc", Constraints.REAL,
                "concentration", Constraints.POSITIVE));
        put(Weibull.class, Constraints.POSITIVE, true, args("scale", Constraints.POSITIVE,
                "concentration", Constraints.POSITIVE));
        put(Wishart.class, Constraints.POSITIVE_DEFINITE, true, null);
    }

    private FamilyConstraints() {}

    private static Map<String, Constraint> args(Object... namesAndConstraints) {
        return Distribution.argConstraints(namesAndConstraints);
    }

    private static void put(Class<? extends Distribution> family, Constraint support, boolean hasRsample,
                            Map<String, Constraint> argConstraints) {
        ROWS.put(family, new Row(support, hasRsample, argConstraints));
    }

    /** The row of {@code family} or of its nearest listed superclass; null for a family not listed. */
    static Row of(Class<?> family) {
        for (Class<?> c = family; c != null && c != Distribution.class; c = c.getSuperclass()) {
            Row row = ROWS.get(c);
            if (row != null) {
                return row;
            }
        }
        return null;
    }
}
