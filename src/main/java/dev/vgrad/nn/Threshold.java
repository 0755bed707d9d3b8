package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** x where x > threshold, else value, as {@code torch.nn.Threshold}. */
public class Threshold extends Module {
    private final float threshold, value;

    /** Replaces every x not above threshold by value. */
    public Threshold(float threshold, float value) {
        this.threshold = threshold;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.threshold(x, threshold, value);
    }

    @Override
    protected String extraRepr() {
        return "threshold=" + PythonRepr.floatLiteral(threshold) + ", value=" + PythonRepr.floatLiteral(value);
    }
}
