package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x / (1 + |x|)}, as {@code torch.nn.Softsign}. */
public class Softsign extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.softsign(x);
    }
}
