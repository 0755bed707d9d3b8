package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/** Softmax over the channels at each location of [N, C, H, W] or [C, H, W], as {@code torch.nn.Softmax2d}. */
public class Softmax2d extends Module {
    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 3 && x.dim() != 4) {
            throw new IllegalArgumentException("Softmax2d: expected input to be 3D or 4D, got " + x.dim() + "D input "
                    + Arrays.toString(x.shape()));
        }
        return Functional.softmax(x, -3);
    }
}
