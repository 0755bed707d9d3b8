package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code max(0, x) + min(0, alpha (e^(x / alpha) - 1))}, as {@code torch.nn.CELU} (alpha 1 by default). */
public class CELU extends Module {
    private final float alpha;
    private final boolean inplace;

    /** alpha 1. */
    public CELU() {
        this(1f);
    }

    /** The given alpha (not 0). */
    public CELU(float alpha) {
        this(alpha, false);
    }

    /** The given alpha; with {@code inplace}, written into the input (PyTorch's inplace=True). */
    public CELU(float alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.celu_(x, alpha) : Functional.celu(x, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + PythonRepr.floatLiteral(alpha) + (inplace ? ", inplace=True" : "");
    }
}
