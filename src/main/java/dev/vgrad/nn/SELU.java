package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The self-normalizing ELU {@code scale * elu(x, alpha)} with PyTorch's constants, as {@code torch.nn.SELU}. */
public class SELU extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public SELU() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public SELU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.selu_(x) : Functional.selu(x);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
