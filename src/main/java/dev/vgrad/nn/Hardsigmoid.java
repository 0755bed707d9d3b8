package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code relu6(x + 3) / 6}, as {@code torch.nn.Hardsigmoid}. */
public class Hardsigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.hardsigmoid(x);
    }
}
