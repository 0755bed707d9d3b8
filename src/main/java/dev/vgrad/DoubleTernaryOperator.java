package dev.vgrad;

/** A function of three doubles to a double: what {@link Tensor#map2_} calls on each triple of elements. */
@FunctionalInterface
public interface DoubleTernaryOperator {
    /** The result for these three elements. */
    double applyAsDouble(double a, double b, double c);
}
