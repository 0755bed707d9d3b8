package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import java.util.List;

/**
 * PyTorch's {@code torch.distributions.constraints} by its names: the fixed constraints as constants
 * ({@code real} is {@link #REAL}, {@code positive} {@link #POSITIVE}, ...) and the parameterized ones as factories
 * ({@code interval(lo, hi)} is {@link #interval(float, float)}, ...). A bound given as an int prints as PyTorch prints
 * an int ({@code greater_than(0)}: {@code GreaterThan(lower_bound=0)}), a float as a Python float.
 */
public final class Constraints {
    private Constraints() {}

    /** {@code constraints.dependent}: a support that depends on other variables. */
    public static final Dependent DEPENDENT = new Dependent(null, null);
    /** {@code constraints.boolean}: {0, 1}. */
    public static final BooleanValues BOOLEAN = new BooleanValues();
    /** {@code constraints.one_hot}. */
    public static final OneHot ONE_HOT = new OneHot();
    /** {@code constraints.nonnegative_integer}: 0, 1, 2, ... */
    public static final IntegerGreaterThan NONNEGATIVE_INTEGER = new IntegerGreaterThan(Bound.ofInteger(0));
    /** {@code constraints.positive_integer}: 1, 2, ... */
    public static final IntegerGreaterThan POSITIVE_INTEGER = new IntegerGreaterThan(Bound.ofInteger(1));
    /** {@code constraints.real}: every value but NaN. */
    public static final Real REAL = new Real();
    /** {@code constraints.real_vector}: real vectors in the last dimension. */
    public static final IndependentConstraint REAL_VECTOR = new IndependentConstraint(REAL, 1);
    /** {@code constraints.positive}: (0, inf]. */
    public static final GreaterThan POSITIVE = new GreaterThan(Bound.of(0f));
    /** {@code constraints.nonnegative}: [0, inf). */
    public static final GreaterThanEq NONNEGATIVE = new GreaterThanEq(Bound.of(0f));
    /** {@code constraints.unit_interval}: [0, 1]. */
    public static final Interval UNIT_INTERVAL = new Interval(Bound.of(0f), Bound.of(1f));
    /** {@code constraints.simplex}. */
    public static final Simplex SIMPLEX = new Simplex();
    /** {@code constraints.lower_triangular}. */
    public static final LowerTriangular LOWER_TRIANGULAR = new LowerTriangular();
    /** {@code constraints.lower_cholesky}. */
    public static final LowerCholesky LOWER_CHOLESKY = new LowerCholesky();
    /** {@code constraints.corr_cholesky}. */
    public static final CorrCholesky CORR_CHOLESKY = new CorrCholesky();
    /** {@code constraints.square}. */
    public static final Square SQUARE = new Square();
    /** {@code constraints.symmetric}. */
    public static final Symmetric SYMMETRIC = new Symmetric();
    /** {@code constraints.positive_semidefinite}. */
    public static final PositiveSemidefinite POSITIVE_SEMIDEFINITE = new PositiveSemidefinite();
    /** {@code constraints.positive_definite}. */
    public static final PositiveDefinite POSITIVE_DEFINITE = new PositiveDefinite();

    /** {@code constraints.independent(base, reinterpreted_batch_ndims)}. */
    public static IndependentConstraint independent(Constraint base, int reinterpretedBatchNdims) {
        return new IndependentConstraint(base, reinterpretedBatchNdims);
    }

    /** {@code constraints.greater_than(lower)}: (lower, inf]. */
    public static GreaterThan greaterThan(float lower) {
        return new GreaterThan(Bound.of(lower));
    }

    /** {@code constraints.greater_than(lower)} with an int bound. */
    public static GreaterThan greaterThan(int lower) {
        return new GreaterThan(Bound.ofInteger(lower));
    }

    /** {@code constraints.greater_than(lower)} with a tensor bound, broadcast against values. */
    public static GreaterThan greaterThan(Tensor lower) {
        return new GreaterThan(Bound.of(lower));
    }

    /** {@code constraints.greater_than_eq(lower)}: [lower, inf). */
    public static GreaterThanEq greaterThanEq(float lower) {
        return new GreaterThanEq(Bound.of(lower));
    }

    /** {@code constraints.greater_than_eq(lower)} with an int bound. */
    public static GreaterThanEq greaterThanEq(int lower) {
        return new GreaterThanEq(Bound.ofInteger(lower));
    }

    /** {@code constraints.greater_than_eq(lower)} with a tensor bound. */
    public static GreaterThanEq greaterThanEq(Tensor lower) {
        return new GreaterThanEq(Bound.of(lower));
    }

    /** {@code constraints.less_than(upper)}: [-inf, upper). */
    public static LessThan lessThan(float upper) {
        return new LessThan(Bound.of(upper));
    }

    /** {@code constraints.less_than(upper)} with a tensor bound. */
    public static LessThan lessThan(Tensor upper) {
        return new LessThan(Bound.of(upper));
    }

    /** {@code constraints.interval(lower, upper)}: [lower, upper]. */
    public static Interval interval(float lower, float upper) {
        return new Interval(Bound.of(lower), Bound.of(upper));
    }

    /** {@code constraints.interval(lower, upper)} with tensor bounds. */
    public static Interval interval(Tensor lower, Tensor upper) {
        return new Interval(Bound.of(lower), Bound.of(upper));
    }

    /** {@code constraints.half_open_interval(lower, upper)}: [lower, upper). */
    public static HalfOpenInterval halfOpenInterval(float lower, float upper) {
        return new HalfOpenInterval(Bound.of(lower), Bound.of(upper));
    }

    /** {@code constraints.half_open_interval(lower, upper)} with tensor bounds. */
    public static HalfOpenInterval halfOpenInterval(Tensor lower, Tensor upper) {
        return new HalfOpenInterval(Bound.of(lower), Bound.of(upper));
    }

    /** {@code constraints.integer_interval(lower, upper)}: the integers in [lower, upper]. */
    public static IntegerInterval integerInterval(int lower, int upper) {
        return new IntegerInterval(Bound.ofInteger(lower), Bound.ofInteger(upper));
    }

    /** {@code constraints.integer_interval(lower, upper)} with a tensor upper bound (Binomial's total counts). */
    public static IntegerInterval integerInterval(int lower, Tensor upper) {
        return new IntegerInterval(Bound.ofInteger(lower), Bound.of(upper));
    }

    /** {@code constraints.multinomial(upper)}: non-negative counts summing to at most upper. */
    public static Multinomial multinomial(int upper) {
        return new Multinomial(upper);
    }

    /** {@code constraints.cat(cseq, dim, lengths)}; null lengths give each constraint one entry. */
    public static Cat cat(List<Constraint> parts, int dim, int[] lengths) {
        return new Cat(parts, dim, lengths);
    }

    /** {@code constraints.stack(cseq, dim)}. */
    public static Stack stack(List<Constraint> parts, int dim) {
        return new Stack(parts, dim);
    }

    /** {@code constraints.is_dependent(c)}. */
    public static boolean isDependent(Constraint c) {
        return c instanceof Dependent;
    }
}
