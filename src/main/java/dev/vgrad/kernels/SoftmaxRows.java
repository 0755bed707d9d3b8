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
     * Rows shorter than this go a vector's width at a time, one row a lane ({@link #rows}, {@link #crossEntropy},
     * {@link #columns}): below one canonical vector a row's sum is a plain loop from +0, which a lane can run for its
     * own row.
     */
    public static final int SHORT_ROW = ScalarReductions.LANES;
    /** Per thread: the maxima, sums and log-softmax shifts of one group of short rows. */
    private static final Scratch ROW_STATS = new Scratch(3);

    /**
     * Softmax ({@code log} false) or log-softmax of {@code rows} contiguous rows of n > 0 floats from {@code xo} into
     * y from {@code yo}: each row's {@link Reductions#max}, then {@link #exp} (normalized for softmax), and for
     * log-softmax {@code (x - max) - log(sum)} with the log in double ({@link #logOfSum}); the bits of those steps on
     * each row. Rows shorter than {@link #SHORT_ROW} run a vector's width at a time.
     */
    public static void rows(int rows, int n, float[] x, int xo, float[] y, int yo, boolean log) {
        int group = groupSize(n);
        if (group == 1) {
            for (int r = 0; r < rows; r++) {
                int s = xo + r * n, t = yo + r * n;
                float max = Reductions.max(n, x, s, 1);
                float sum = exp(n, x, s, max, y, t, !log);
                if (log) {
                    logSoftmaxRow(n, x, s, max, logOfSum(sum), y, t);
                }
            }
            return;
        }
        float[] max = ROW_STATS.get(0, group), sum = ROW_STATS.get(1, group);
        for (int r0 = 0; r0 < rows; r0 += group) {
            int g = Math.min(group, rows - r0), s = xo + r0 * n, t = yo + r0 * n;
            VectorSoftmax.shortRows(g, n, x, s, y, t, !log, max, sum);
            if (log) {
                for (int r = 0; r < g; r++) {
                    logSoftmaxRow(n, x, s + r * n, max[r], logOfSum(sum[r]), y, t + r * n);
                }
            }
        }
    }

    /**
     * Whether {@link #columns} takes softmax over n elements lying apart: with vectors, n below {@link #SHORT_ROW}.
     */
    public static boolean takesColumns(int n) {
        return groupSize(n) > 1;
    }

    /**
     * Softmax ({@code log} false) or log-softmax over the middle dimension of the blocks [from, to) of a
     * [outer, n, inner] layout (n > 0 below {@link #SHORT_ROW}, with vectors: see {@link #takesColumns}), from
     * {@code xo} in x into the same places from {@code yo} in y: each of a block's inner columns of n floats (inner
     * apart) is one softmax, a vector's width of them at a time where they already lie side by side, so no transposing;
     * the bits of {@link #rows} on each column taken out alone.
     */
    public static void columns(int from, int to, int n, int inner, float[] x, int xo, float[] y, int yo,
                               boolean log) {
        int lanes = VectorSoftmax.LANES;
        float[] max = ROW_STATS.get(0, lanes), sum = ROW_STATS.get(1, lanes), logSum = ROW_STATS.get(2, lanes);
        for (int o = from; o < to; o++) {
            int block = o * n * inner;
            for (int i0 = 0; i0 < inner; i0 += lanes) {
                int w = Math.min(lanes, inner - i0), s = xo + block + i0, t = yo + block + i0;
                VectorSoftmax.shortColumns(w, n, x, s, inner, y, t, !log, max, sum);
                if (log) {
                    for (int r = 0; r < w; r++) {
                        logSum[r] = logOfSum(sum[r]);
                    }
                    VectorSoftmax.logSoftmaxColumns(w, n, x, s, inner, max, logSum, y, t);
                }
            }
        }
    }

    /**
     * The input gradient of {@link #columns} (softmax, or log-softmax with {@code log}) over the blocks [from, to):
     * from the output y (from {@code yo}) and its gradient g (from {@code go}), both [outer, n, inner], into dx (from
     * {@code dxo}): {@code g - exp(y) * sum(g)} or {@code y * (g - sum(g * y))}, the sums over the n elements of each
     * column; the bits of those steps as tensor ops (n > 0 below {@link #SHORT_ROW}, with vectors).
     */
    public static void columnsBackward(int from, int to, int n, int inner, float[] g, int go, float[] y, int yo,
                                       float[] dx, int dxo, boolean log) {
        int lanes = VectorSoftmax.LANES;
        for (int o = from; o < to; o++) {
            int block = o * n * inner;
            for (int i0 = 0; i0 < inner; i0 += lanes) {
                VectorSoftmax.columnsBackward(Math.min(lanes, inner - i0), n, g, go + block + i0, y, yo + block + i0,
                        inner, dx, dxo + block + i0, log);
            }
        }
    }

    /**
     * The input gradient of softmax (or log-softmax with {@code log}) over {@code rows} contiguous rows of n > 0
     * floats: from the output y (from {@code yo}) and its gradient g (from {@code go}) into dx (from {@code dxo};
     * not y or g): per row {@code s = 0 + sum(g)} (log) or {@code 0 + sum(g * y)}, the sum in {@link Reductions#sum}'s
     * order as a tensor sum over the row takes it, then {@code g - exp(y) * s} or {@code y * (g - s)}; the bits of
     * those steps as tensor ops.
     */
    public static void rowsBackward(int rows, int n, float[] g, int go, float[] y, int yo, float[] dx, int dxo,
                                    boolean log) {
        // Rows of a vector or more on the vector steps, the elements past the last whole vector as one more vector over
        // the last L (see VectorSoftmax); shorter rows, and every row without vectors, an element at a time.
        boolean whole = Vectorization.ENABLED && n >= VectorSoftmax.LANES;
        for (int r = 0; r < rows; r++) {
            int gr = go + r * n, yr = yo + r * n, dr = dxo + r * n;
            if (whole && log) {
                float s = 0f + Reductions.sum(n, g, gr, 1);
                VectorSoftmax.expAll(n, y, yr, dx, dr);
                VectorSoftmax.lessTimesAll(n, g, gr, dx, dr, s);
            } else if (whole) {
                VectorSoftmax.timesAll(n, g, gr, y, yr, dx, dr);
                VectorSoftmax.timesLessAll(n, y, yr, g, gr, 0f + Reductions.sum(n, dx, dr, 1), dx, dr);
            } else if (log) {
                float s = 0f + Reductions.sum(n, g, gr, 1);
                for (int j = 0; j < n; j++) {
                    dx[dr + j] = g[gr + j] - Transcendental.exp(y[yr + j]) * s;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    dx[dr + j] = g[gr + j] * y[yr + j];
                }
                float s = 0f + Reductions.sum(n, dx, dr, 1);
                for (int j = 0; j < n; j++) {
                    dx[dr + j] = y[yr + j] * (g[gr + j] - s);
                }
            }
        }
    }

    /**
     * Cross entropy at every position of the blocks [from, to) of logits laid out [blocks, n, positions] (n > 0 below
     * {@link #SHORT_ROW}, with vectors: see {@link #takesColumns}) from {@code xo}, against the class indices
     * {@code targets[targetsOff + b * positions + q]} (whole numbers in [0, n), checked by the caller): each position's
     * softmax over its n classes is written to p in the same layout from {@code po}, and its loss
     * {@code (float) (max + log(sum)) - x[target]} (the log in double) to {@code losses[lo + b * positions + q]}, or,
     * where losses is null, added in block and position order to the double returned. Each position's values are
     * those {@link #crossEntropy} gives its classes taken out as a row.
     */
    public static double crossEntropyColumns(int from, int to, int n, int positions, float[] x, int xo,
                                             float[] targets, int targetsOff, float[] p, int po, float[] losses,
                                             int lo) {
        int lanes = VectorSoftmax.LANES;
        float[] max = ROW_STATS.get(0, lanes), sum = ROW_STATS.get(1, lanes);
        double total = 0;
        for (int b = from; b < to; b++) {
            int block = b * n * positions;
            for (int q0 = 0; q0 < positions; q0 += lanes) {
                int w = Math.min(lanes, positions - q0);
                VectorSoftmax.shortColumns(w, n, x, xo + block + q0, positions, p, po + block + q0, true, max, sum);
                for (int r = 0; r < w; r++) {
                    int at = b * positions + q0 + r, target = (int) targets[targetsOff + at];
                    float loss = loss(max[r], sum[r], x[xo + block + target * positions + q0 + r]);
                    if (losses != null) {
                        losses[lo + at] = loss;
                    } else {
                        total += loss;
                    }
                }
            }
        }
        return total;
    }

    /**
     * Cross entropy of {@code rows} contiguous rows of n > 0 logits from {@code xo} against the class indices
     * {@code targets[to + r]} (whole numbers in [0, n), checked by the caller): row r's softmax is written to p from
     * {@code po + r * n} and its loss {@code (float) (max + log(sum)) - x[target]} (the log in double) to
     * {@code losses[lo + r]}, or, where losses is null, added in row order to the double returned. Each row's softmax
     * is {@link #rows}'s; rows shorter than {@link #SHORT_ROW} run a vector's width at a time.
     */
    public static double crossEntropy(int rows, int n, float[] x, int xo, float[] targets, int to, float[] p, int po,
                                      float[] losses, int lo) {
        int group = groupSize(n);
        float[] max = ROW_STATS.get(0, group), sum = ROW_STATS.get(1, group);
        double total = 0;
        for (int r0 = 0; r0 < rows; r0 += group) {
            int g = Math.min(group, rows - r0), s = xo + r0 * n;
            if (group == 1) {
                max[0] = Reductions.max(n, x, s, 1);
                sum[0] = exp(n, x, s, max[0], p, po + r0 * n, true);
            } else {
                VectorSoftmax.shortRows(g, n, x, s, p, po + r0 * n, true, max, sum);
            }
            for (int r = 0; r < g; r++) {
                int row = r0 + r;
                float loss = loss(max[r], sum[r], x[xo + row * n + (int) targets[to + row]]);
                if (losses != null) {
                    losses[lo + row] = loss;
                } else {
                    total += loss;
                }
            }
        }
        return total;
    }

    /**
     * One softmax's cross entropy from its maximum, its sum of exp(x - max) and its target's logit: minus the target's
     * log-softmax, {@code -((target - max) - log(sum))} (the log in double, rounded), as NLL negates it (a single
     * class gives -0, as torch's). One formula for rows and positions, whose bits must agree.
     */
    private static float loss(float max, float sum, float target) {
        return -((target - max) - logOfSum(sum));
    }

    /**
     * Rows taken together by {@link #rows} and {@link #crossEntropy}: a vector's lanes for short rows, else 1. A row
     * at a time, a short row is a chain of dependent steps through one padded vector: on one Intel Xeon core
     * (family 6 model 167, 2026-12-06) cross entropy's forward over 512 rows of 10 classes took 42 us that way and
     * 17 us a group at a time, softmax 31 -> 10.5-10.8 us, log-softmax 43 -> 14-15 us (BENCHMARKS.md).
     */
    private static int groupSize(int n) {
        return Vectorization.ENABLED && n < SHORT_ROW ? VectorSoftmax.LANES : 1;
    }

    /**
     * What a log-softmax row subtracts from {@code x - max}: log(sum), in double and rounded once. The max is taken
     * off first, as PyTorch's kernel does ("it's necessary to keep the order"): adding {@code -max - log(sum)} rounded
     * once gave 0 for a row [1e30, 1e30, -1e30]'s first two, where the log-softmax is -log 2.
     */
    public static float logOfSum(float sum) {
        return (float) StrictMath.log(sum);
    }

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
            if (Vectorization.ENABLED && n >= VectorSoftmax.LANES) {
                VectorSoftmax.divideAll(n, y, yo, sum);
                return sum;
            }
            for (int j = 0; j < n; j++) {   // shorter than a vector, or no vectors
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

    /** {@code y[yo + i] = (x[xo + i] - max) - logSum} for {@code i < n}: a log-softmax row. */
    static void logSoftmaxRow(int n, float[] x, int xo, float max, float logSum, float[] y, int yo) {
        if (Vectorization.ENABLED && n >= VectorSoftmax.LANES) {
            VectorSoftmax.logSoftmaxAll(n, x, xo, max, logSum, y, yo);
            return;
        }
        for (int i = 0; i < n; i++) {   // shorter than a vector, or no vectors
            y[yo + i] = (x[xo + i] - max) - logSum;
        }
    }
}
