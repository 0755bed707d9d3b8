package dev.vgrad.distributions.constraints;

/**
 * What the bounded kinds share: their bounds (either may be absent) and PyTorch's repr of them,
 * {@code Interval(lower_bound=0.0, upper_bound=1.0)}.
 */
abstract class Bounded extends Constraint {
    final Bound lower, upper;

    Bounded(Bound lower, Bound upper) {
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public String toString() {
        String lowerPart = lower == null ? "" : "lower_bound=" + lower;
        String upperPart = upper == null ? "" : "upper_bound=" + upper;
        String sep = lower != null && upper != null ? ", " : "";
        return getClass().getSimpleName() + "(" + lowerPart + sep + upperPart + ")";
    }
}
