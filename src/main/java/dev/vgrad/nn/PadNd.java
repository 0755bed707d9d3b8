package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * What the padding modules share: {@link Functional#pad} with a fixed mode and padding, the padding given as torch's
 * modules take it (one int for every side, or a tuple of 2 per padded dimension, last dimension first).
 */
abstract class PadNd extends Module {
    private final int[] padding;
    private final String mode;
    private final float value;
    private final boolean showValue;

    PadNd(int dims, int[] padding, String mode, float value, boolean showValue) {
        if (padding.length != 1 && padding.length != 2 * dims) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": padding must be one int or "
                    + (2 * dims) + " ints, got " + java.util.Arrays.toString(padding));
        }
        this.padding = new int[2 * dims];
        for (int i = 0; i < this.padding.length; i++) {
            this.padding[i] = padding.length == 1 ? padding[0] : padding[i];
        }
        this.mode = mode;
        this.value = value;
        this.showValue = showValue;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.pad(x, padding, mode, value);
    }

    @Override
    protected String extraRepr() {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < padding.length; i++) {
            tuple.append(i > 0 ? ", " : "").append(padding[i]);
        }
        tuple.append(")");
        return showValue ? "padding=" + tuple + ", value=" + PythonRepr.floatLiteral(value) : tuple.toString();
    }
}
