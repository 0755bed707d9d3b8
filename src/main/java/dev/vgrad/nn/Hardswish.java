package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code x * relu6(x + 3) / 6}, as {@code torch.nn.Hardswish} (MobileNetV3's activation). */
public class Hardswish extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Functional.hardswish(x);
    }
}
