package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x - tanh(x)}, as {@code torch.nn.Tanhshrink}. */
public class Tanhshrink extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.tanhshrink(x);
    }
}
