package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import dev.vgrad.nn.PythonRepr;

/**
 * A constraint's bound (PyTorch's {@code lower_bound} / {@code upper_bound}): a number (a float, or an int as Python's
 * {@code greater_than(0)} is given one) or a tensor, compared with values as PyTorch's {@code lower_bound < value}
 * compares them (broadcasting a tensor bound) and printed as PyTorch prints it (a Python float or int; a 0-d tensor as
 * its number; any other tensor as its repr).
 */
public final class Bound {
    private final Tensor tensor;
    private final double number;
    private final boolean integral;

    private Bound(Tensor tensor, double number, boolean integral) {
        this.tensor = tensor;
        this.number = number;
        this.integral = integral;
    }

    static Bound of(float number) {
        return new Bound(null, number, false);
    }

    static Bound ofInteger(long number) {
        return new Bound(null, number, true);
    }

    static Bound of(Tensor tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("a constraint's bound must not be null");
        }
        return new Bound(tensor, 0, false);
    }

    /** bound < value, as PyTorch writes {@code lower_bound < value}. */
    Tensor lessThan(Tensor value) {
        return tensor == null ? value.gt((float) number) : value.gt(tensor);
    }

    /** bound <= value. */
    Tensor atMost(Tensor value) {
        return tensor == null ? value.ge((float) number) : value.ge(tensor);
    }

    /** bound > value. */
    Tensor greaterThan(Tensor value) {
        return tensor == null ? value.lt((float) number) : value.lt(tensor);
    }

    /** bound >= value. */
    Tensor atLeast(Tensor value) {
        return tensor == null ? value.le((float) number) : value.le(tensor);
    }

    /** Whether the bound is a tensor (else a number). */
    public boolean isTensor() {
        return tensor != null;
    }

    /** The tensor, or null for a number. */
    public Tensor tensor() {
        return tensor;
    }

    /** The number (0 for a tensor bound). */
    public float number() {
        return (float) number;
    }

    /** The bound as a tensor: its tensor, or a 0-d tensor of its number. */
    public Tensor asTensor() {
        return tensor != null ? tensor : Tensor.scalar((float) number);
    }

    @Override
    public String toString() {
        if (tensor == null) {
            return integral ? Long.toString((long) number) : PythonRepr.pythonFloat((float) number);
        }
        return tensor.dim() == 0 ? PythonRepr.pythonFloat(tensor.item()) : tensor.toString();
    }
}
