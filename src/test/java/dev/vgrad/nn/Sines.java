package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Inputs the PyTorch reference scripts of these tests build the same way: 1.5 sin(0.7 i + phase) over the elements in
 * row-major order, so a test and its torch twin need no shared random generator.
 */
final class Sines {
    private Sines() {}

    /** 1.5 sin(0.7 i + phase) for i over a tensor of the given shape. */
    static Tensor of(float phase, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sin(0.7 * i + phase) * 1.5);
        }
        return Tensor.of(v, shape);
    }
}
