package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code relu6(x + 3) / 6}, as {@code torch.nn.Hardsigmoid}. */
public class Hardsigmoid extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public Hardsigmoid() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public Hardsigmoid(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? x.update_("hardsigmoid_", Functional::hardsigmoid) : Functional.hardsigmoid(x);
    }
}
