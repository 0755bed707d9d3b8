package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x * tanh(softplus(x))}, as {@code torch.nn.Mish}. */
public class Mish extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public Mish() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public Mish(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? x.update_("mish_", Functional::mish) : Functional.mish(x);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
