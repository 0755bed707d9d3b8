package dev.vgrad.kernels;

/**
 * A softmax row's exponentials, sum and division in one kernel call. Written as separate kernels (a shift, an
 * exponential, a sum, a division), each row cost four dispatches and four passes; on rows of tens of classes the
 * dispatches cost more than the arithmetic (a 4 096 x 60 log-softmax took 0.97 ms on one Intel Xeon core against
 * PyTorch 1.13's 0.32). The operations are those of the separate kernels, element for element, and the sum runs
 * in {@link Reductions#sum}'s canonical order, so results are the same bits as before and on every path.
 */
public final class SoftmaxRows {
    private static final Scratch EXPS = new Scratch(1);

    private SoftmaxRows() {}

    /**
     * log(sum(exp(x))) of the n > 0 floats from {@code xo}: their maximum m (0 where it is infinite, so that a row of
     * -inf gives -inf and one holding +inf gives +inf), the sum of exp(x - m) by {@link #exp} into this thread's
     * buffer, then {@code log(sum) + m}: the steps and bits of the same ops run one after another on tensors.
     */
    public static float logSumExp(int n, float[] x, int xo) {
        float max = Reductions.max(n, x, xo, 1);
        float m = Float.isInfinite(max) ? 0f : max;
        float sum = exp(n, x, xo, m, EXPS.get(0, n), 0, false);
        return Transcendental.log(sum) + m;
    }

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

    /**
     * {@code x[xo + i] += mask[mo + i]} for {@code i < n}, returning the largest sum: an attention row's additive
     * mask and the maximum its softmax needs, in one pass and one call where the add kernel and {@link Reductions#max}
     * made two of each (with {@link #backward}, a transformer block's step at batch 64 on one Intel Xeon thread went
     * from 38.8-39.7 to 38.7-39.4 ms). The sums are the add kernel's and a maximum does not depend on the order it is
     * taken in, so {@link #exp} after this gives the bits of a softmax over the masked row.
     */
    public static float addMax(int n, float[] x, int xo, float[] mask, int mo) {
        float max = Float.NEGATIVE_INFINITY;
        int i = 0;
        if (Vectorization.ENABLED && n >= VectorSoftmax.LANES) {
            i = n - n % VectorSoftmax.LANES;
            max = VectorSoftmax.addMax(i, x, xo, mask, mo);
        }
        for (; i < n; i++) {
            float v = x[xo + i] + mask[mo + i];
            x[xo + i] = v;
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * Softmax in place over {@code rows} contiguous rows of n floats from {@code po}, after adding to row r the mask's
     * row r (contiguous too, from {@code mo}): an attention block's masked scores. The bits of {@link #addMax} then
     * {@link #exp} on each row. With 16-lane vectors and rows of a multiple of 16 floats (up to one canonical sum
     * block) two rows go at a time, so that one row's maximum and sum, chains of dependent steps, overlap the
     * other's: on an Intel Xeon (family 6 model 167, 2026-12-04) rows of 64 took 63-75 ns each one at a time, 1.1-1.2
     * ms of a transformer layer's step at batch 64, and 44-45 ns in pairs.
     */
    public static void maskedRows(int rows, int n, float[] p, int po, float[] mask, int mo) {
        maskedRows(rows, n, n, p, po, mask, mo, n);
    }

    /**
     * {@link #maskedRows(int, int, float[], int, float[], int)} over the first n floats of rows {@code stride} floats
     * apart, their mask rows {@code maskStride} apart: a lower-triangular attention's rows cut where the band's last
     * row stops reaching (see FusedAttention). The same bits for each row as its n floats alone.
     */
    public static void maskedRows(int rows, int n, int stride, float[] p, int po, float[] mask, int mo,
                                  int maskStride) {
        int r = 0;
        if (Vectorization.ENABLED && VectorSoftmax.pairs(n)) {
            for (; r + 1 < rows; r += 2) {
                int row = po + r * stride, maskRow = mo + r * maskStride;
                VectorSoftmax.maskedRowPair(n, p, row, row + stride, mask, maskRow, maskRow + maskStride);
            }
        }
        for (; r < rows; r++) {
            int row = po + r * stride;
            exp(n, p, row, addMax(n, p, row, mask, mo + r * maskStride), p, row, true);
        }
    }

    /**
     * {@code d[dOff + i] = (d[dOff + i] - dot) * p[pOff + i] * scale} for {@code i < n}, in place: a softmax row's
     * input gradient from its probabilities p, the gradient of them d and {@code dot = sum(d * p)}, times the scale
     * that attention's scores were multiplied by (1 for none). One pass where a scalar add and two products were
     * three kernel calls; each element is computed by the same three roundings, so the bits are theirs (and, with
     * scale 1, the bits without the last product).
     */
    public static void backward(int n, float[] d, int dOff, float dot, float[] p, int pOff, float scale) {
        float shift = -dot;
        int i = Vectorization.ENABLED ? VectorSoftmax.shiftTimes(n, d, dOff, shift, p, pOff, scale) : 0;
        for (; i < n; i++) {
            d[dOff + i] = (d[dOff + i] + shift) * p[pOff + i] * scale;
        }
    }

    /** {@code y[yo + i] = x[xo + i] + shift} for {@code i < n}: a log-softmax row from its shift. */
    public static void shift(int n, float[] x, int xo, float shift, float[] y, int yo) {
        int i = Vectorization.ENABLED ? VectorSoftmax.shift(n, x, xo, shift, y, yo) : 0;
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] + shift;
        }
    }
}
