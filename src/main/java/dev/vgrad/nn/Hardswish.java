package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x * relu6(x + 3) / 6}, as {@code torch.nn.Hardswish} (MobileNetV3's activation). */
public class Hardswish extends Module {
    private final boolean inplace;

    /** The activation, returning a new tensor. */
    public Hardswish() {
        this(false);
    }

    /** With {@code inplace}, the activation is written into its input (PyTorch's inplace=True). */
    public Hardswish(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? x.update_("hardswish_", Functional::hardswish) : Functional.hardswish(x);
    }
}
