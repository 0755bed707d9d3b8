package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code log(sigmoid(x))}, computed without overflow, as {@code torch.nn.LogSigmoid}. */
public class LogSigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.logsigmoid(x);
    }
}
