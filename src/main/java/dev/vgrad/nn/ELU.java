package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x} for x > 0, else {@code alpha (e^x - 1)}, as {@code torch.nn.ELU} (alpha 1 by default). */
public class ELU extends Module {
    private final float alpha;
    private final boolean inplace;

    /** alpha 1. */
    public ELU() {
        this(1f);
    }

    /** The given alpha: the value approached as x goes to minus infinity is -alpha. */
    public ELU(float alpha) {
        this(alpha, false);
    }

    /** The given alpha; with {@code inplace}, written into the input (PyTorch's inplace=True). */
    public ELU(float alpha, boolean inplace) {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.elu_(x, alpha) : Functional.elu(x, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + PythonRepr.floatLiteral(alpha) + (inplace ? ", inplace=True" : "");
    }
}
