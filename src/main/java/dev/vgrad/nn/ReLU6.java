package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code min(max(x, 0), 6)}, as {@code torch.nn.ReLU6}. */
public class ReLU6 extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public ReLU6() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public ReLU6(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.hardtanh_(x, 0f, 6f) : Functional.relu6(x);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
