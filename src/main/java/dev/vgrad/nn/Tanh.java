package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The elementwise activation the hyperbolic tangent, as {@code torch.nn.Tanh}. */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
