package dev.vgrad.nn.utils.prune;

import dev.vgrad.nn.PythonRepr;

/**
 * How much a method prunes, as PyTorch reads its {@code amount}: an integral number is a count of entries (or
 * channels), a fractional type a share of them in [0, 1], rounded half to even as Python's {@code round}.
 */
final class PruningAmount {
    private final boolean count;
    private final double value;
    private final Number given;

    private PruningAmount(boolean count, double value, Number given) {
        this.count = count;
        this.value = value;
        this.given = given;
    }

    /**
     * {@code amount} checked as PyTorch checks it when a method is made: a negative count or a share outside [0, 1]
     * (NaN included) is an IllegalArgumentException in PyTorch's words.
     */
    static PruningAmount of(Number amount) {
        if (amount == null) {
            throw new IllegalArgumentException("Invalid type for amount: None. Must be int or float.");
        }
        boolean integral = amount instanceof Integer || amount instanceof Long || amount instanceof Short
                || amount instanceof Byte;
        // A float's decimal as written (0.3f is 0.3, not 0.30000001192...), so that shares round as PyTorch's do.
        double value = amount instanceof Float f ? Double.parseDouble(Float.toString(f)) : amount.doubleValue();
        PruningAmount a = new PruningAmount(integral, value, amount);
        if (integral ? value < 0 : !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("amount=" + a + " should either be a float in the range [0, 1] or a "
                    + "non-negative integer");
        }
        return a;
    }

    /** The amount as given (an Integer, Long, Float or Double). */
    Number given() {
        return given;
    }

    /**
     * How many of {@code size} entries or channels to prune; a count above {@code size} is an
     * IllegalArgumentException in PyTorch's words.
     */
    int toPrune(int size) {
        if (!count) {
            return (int) Math.rint(value * size);
        }
        if (value > size) {
            throw new IllegalArgumentException("amount=" + this + " should be smaller than the number of parameters "
                    + "to prune=" + size);
        }
        return (int) value;
    }

    /** As Python prints the amount: 7, 0.3, 1e-05. */
    @Override
    public String toString() {
        return count ? Long.toString((long) value) : PythonRepr.pythonDouble(value);
    }
}
