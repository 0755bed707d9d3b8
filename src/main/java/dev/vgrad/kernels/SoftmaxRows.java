package dev.vgrad.kernels;

/**
 * A softmax row's exponentials, sum and division in one kernel call. Written as separate kernels (a shift, an
 * exponential, a sum, a division), each row cost four dispatches and four passes; on rows of tens of classes the
 * dispatches cost more than the arithmetic (a 4 096 x 60 log-softmax took 0.97 ms on one Intel Xeon core against
 * PyTorch 1.13's 0.32). The operations are those of the separate kernels, element for element, and the sum runs
 * in {@link Reductions#sum}'s canonical order, so results are the same bits as before and on every path.
 */
public final class SoftmaxRows {
    private SoftmaxRows() {}

    /**
     * {@code y[yo + i] = exp(x[xo + i] - max)} for {@code i < n}, then, with {@code normalize}, each divided by their
     * sum; returns the sum (taken before the division). x and y may be the same run.
     */
    public static float exp(int n, float[] x, int xo, float max, float[] y, int yo, boolean normalize) {
        float shift = -max;
        if (Vectorization.ENABLED) {
            VectorSoftmax.shiftedExp(n, x, xo, shift, y, yo);
        } else {
            for (int i = 0; i < n; i++) {
                y[yo + i] = Transcendental.exp(x[xo + i] + shift);
            }
        }
        float sum = Reductions.sum(n, y, yo, 1);
        if (normalize) {
            int j = Vectorization.ENABLED ? VectorSoftmax.divide(n, y, yo, sum) : 0;
            for (; j < n; j++) {
                y[yo + j] = y[yo + j] / sum;
            }
        }
        return sum;
    }

    /** {@code y[yo + i] = x[xo + i] + shift} for {@code i < n}: a log-softmax row from its shift. */
    public static void shift(int n, float[] x, int xo, float shift, float[] y, int yo) {
        int i = Vectorization.ENABLED ? VectorSoftmax.shift(n, x, xo, shift, y, yo) : 0;
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] + shift;
        }
    }
}
