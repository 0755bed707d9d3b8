package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The SiLU (swish) activation {@code x * sigmoid(x)}, as {@code torch.nn.SiLU}. */
public class SiLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.silu(x);
    }
}
