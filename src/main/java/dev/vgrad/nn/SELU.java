package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The self-normalizing ELU {@code scale * elu(x, alpha)} with PyTorch's constants, as {@code torch.nn.SELU}. */
public class SELU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.selu(x);
    }
}
