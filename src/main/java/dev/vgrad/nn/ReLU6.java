package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code min(max(x, 0), 6)}, as {@code torch.nn.ReLU6}. */
public class ReLU6 extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.relu6(x);
    }
}
