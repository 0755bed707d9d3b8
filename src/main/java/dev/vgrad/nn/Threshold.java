package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** x where x > threshold, else value, as {@code torch.nn.Threshold}. */
public class Threshold extends Module {
    private final float threshold, value;
    private final boolean inplace;

    /** Replaces every x not above threshold by value. */
    public Threshold(float threshold, float value) {
        this(threshold, value, false);
    }

    /** As {@link #Threshold(float, float)}; with {@code inplace}, written into the input (PyTorch's inplace=True). */
    public Threshold(float threshold, float value, boolean inplace) {
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.threshold_(x, threshold, value) : Functional.threshold(x, threshold, value);
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + PythonRepr.floatLiteral(threshold) + ", value=" + PythonRepr.floatLiteral(value)
                + (inplace ? ", inplace=True" : "");
    }
}
