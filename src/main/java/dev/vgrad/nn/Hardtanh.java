package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** x clamped to [minVal, maxVal], gradient 1 strictly inside, as {@code torch.nn.Hardtanh} ([-1, 1] by default). */
public class Hardtanh extends Module {
    private final float minVal;
    private final float maxVal;
    private final boolean inplace;

    /** Clamps to [-1, 1]. */
    public Hardtanh() {
        this(-1f, 1f);
    }

    /** Clamps to [minVal, maxVal]; minVal above maxVal is refused. */
    public Hardtanh(float minVal, float maxVal) {
        this(minVal, maxVal, false);
    }

    /** Clamps to [minVal, maxVal]; with {@code inplace}, written into the input (PyTorch's inplace=True). */
    public Hardtanh(float minVal, float maxVal, boolean inplace) {
        if (!(minVal <= maxVal)) {
            throw new IllegalArgumentException("Hardtanh: min_val (" + minVal + ") must not be greater than max_val ("
                    + maxVal + ")");
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.hardtanh_(x, minVal, maxVal) : Functional.hardtanh(x, minVal, maxVal);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + PythonRepr.floatLiteral(minVal) + ", max_val=" + PythonRepr.floatLiteral(maxVal)
                + (inplace ? ", inplace=True" : "");
    }
}
