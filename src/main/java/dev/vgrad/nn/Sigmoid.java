package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The elementwise activation 1 / (1 + e^-x), as {@code torch.nn.Sigmoid}. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
