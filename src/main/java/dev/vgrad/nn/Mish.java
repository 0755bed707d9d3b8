package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x * tanh(softplus(x))}, as {@code torch.nn.Mish}. */
public class Mish extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.mish(x);
    }
}
