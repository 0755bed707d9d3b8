package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** Parameter initialisation ({@code torch.nn.init}), drawing in PyTorch's element order. */
public final class Init {
    private Init() {}

    /** A tensor of {@code shape} filled with U(from, to) samples from g, as {@code tensor.uniform_(from, to)}. */
    public static Tensor uniform(Generator g, float from, float to, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = g.uniform(from, to);
        }
        return Tensor.of(v, shape);
    }
}
