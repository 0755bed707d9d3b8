package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The elementwise activation max(x, 0), as {@code torch.nn.ReLU}. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
