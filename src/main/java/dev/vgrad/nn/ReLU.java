package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The elementwise activation max(x, 0), as {@code torch.nn.ReLU}. */
public class ReLU extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public ReLU() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? x.relu_() : x.relu();
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
