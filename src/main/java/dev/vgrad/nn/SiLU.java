package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The SiLU (swish) activation {@code x * sigmoid(x)}, as {@code torch.nn.SiLU}. */
public class SiLU extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public SiLU() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public SiLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? x.update_("silu_", Functional::silu) : Functional.silu(x);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
