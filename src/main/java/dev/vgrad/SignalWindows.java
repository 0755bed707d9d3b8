package dev.vgrad;

import dev.vgrad.kernels.SpecialFunctions;

/**
 * The window functions of torch's namespace: hann_window, hamming_window, blackman_window, bartlett_window and
 * kaiser_window. Each is computed step by step in float from arange as PyTorch's factories compute it (its double
 * constants rounded to float where PyTorch's float kernels round them), so the values agree to an ulp or so; periodic
 * windows are the symmetric window one longer with its last element dropped.
 */
final class SignalWindows {
    private SignalWindows() {}

    /** The length the symmetric window is computed at, after PyTorch's checks; -1 for windows of length 0 or 1. */
    private static int computed(String op, int length, boolean periodic) {
        if (length < 0) {
            throw new IllegalArgumentException(op + " requires non-negative window_length, got window_length="
                    + length);
        }
        return length <= 1 ? -1 : periodic ? length + 1 : length;
    }

    /** A window of 0 or 1 elements (empty, or [1]); null for a longer one. */
    private static Tensor trivial(int length) {
        return length == 0 ? Tensor.zeros(0) : length == 1 ? Tensor.ones(1) : null;
    }

    /** The first {@code length} of the n computed values. */
    private static Tensor window(float[] values, int length) {
        return Tensor.of(java.util.Arrays.copyOf(values, length));
    }

    /** torch.hamming_window: {@code alpha - beta cos(2 pi i / (N - 1))}; hann_window is alpha = beta = 0.5. */
    static Tensor hamming(String op, int length, boolean periodic, double alpha, double beta) {
        int n = computed(op, length, periodic);
        if (n < 0) {
            return trivial(length);
        }
        float step = (float) (Math.PI * 2.0 / (n - 1)), a = (float) alpha, b = (float) -beta;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) Math.cos(i * step) * b + a;
        }
        return window(w, length);
    }

    /** torch.blackman_window: {@code 0.08 cos(4 t) - 0.5 cos(2 t) + 0.42}, t = pi i / (N - 1). */
    static Tensor blackman(int length, boolean periodic) {
        int n = computed("blackman_window", length, periodic);
        if (n < 0) {
            return trivial(length);
        }
        float step = (float) (Math.PI / (n - 1));
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            float t = i * step;
            w[i] = ((float) Math.cos(t * 4f) * 0.08f - (float) Math.cos(t * 2f) * 0.5f) + 0.42f;
        }
        return window(w, length);
    }

    /** torch.bartlett_window: {@code 2 i / (N - 1)} rising to the middle, then {@code 2 - 2 i / (N - 1)}. */
    static Tensor bartlett(int length, boolean periodic) {
        int n = computed("bartlett_window", length, periodic);
        if (n < 0) {
            return trivial(length);
        }
        float step = (float) (2.0 / (n - 1));
        int firstHalf = ((n - 1) >> 1) + 1;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = i < firstHalf ? i * step : -(i * step) + 2f;
        }
        return window(w, length);
    }

    /** torch.kaiser_window: {@code I0(beta sqrt(1 - ((i - m) / m)^2)) / I0(beta)}, m = (N - 1) / 2, in float. */
    static Tensor kaiser(int length, boolean periodic, double beta) {
        int n = computed("kaiser_window", length, periodic);
        if (n < 0) {
            return trivial(length);
        }
        float m = (float) ((n - 1) / 2.0), b = (float) beta;
        float[] w = new float[n];
        float i0OfBeta = (float) SpecialFunctions.besselI(0, b, false);
        for (int i = 0; i < n; i++) {
            float r = (i - m) / m, argument = b * (float) Math.sqrt(1f - r * r);
            w[i] = (float) SpecialFunctions.besselI(0, argument, false) / i0OfBeta;
        }
        return window(w, length);
    }
}
