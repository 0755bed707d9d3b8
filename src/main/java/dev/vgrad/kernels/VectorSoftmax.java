package dev.vgrad.kernels;

import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link SoftmaxRows}' vector steps. */
final class VectorSoftmax {
    private static final VectorSpecies<Float> S = VectorElementwise.S;
    private static final int L = S.length();
    /** The vector length, for the dispatching class's bounds. */
    static final int LANES = L;
    /** One vector's room per thread for a row's last, partial vector. */
    private static final Scratch TAIL = new Scratch(1);
    /**
     * Tails from which the scratch vector beats the scalar exponential: a 1 024 x 17 softmax took 69 us with a
     * one-element tail through it, 56 us one at a time (one Intel Xeon core).
     */
    private static final int MIN_TAIL = 4;

    private VectorSoftmax() {}

    private static final FloatVector NEG_INF = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY),
            NEG_ZERO = FloatVector.broadcast(S, -0f), ZERO = FloatVector.zero(S);
    /** Per thread: a group of short rows turned into columns, one row a lane ({@link #shortRows}). */
    private static final Scratch COLUMNS = new Scratch(1);

    /**
     * One group of {@link SoftmaxRows#rows} and {@link SoftmaxRows#crossEntropy}: g <= L rows of n floats (n
     * below {@link SoftmaxRows#SHORT_ROW}), one row a lane. The rows are copied into columns of a scratch block
     * (column j holds the rows' element j), where each of {@link SoftmaxRows#exp}'s steps is a whole-vector step over
     * the group ({@link #columnSoftmax}): the lanewise maximum, the shift by minus it, the exponential, the sum in
     * element order from +0 (below one canonical vector {@link Reductions#sum}'s order is that plain loop), the
     * division. Lanes past g hold zeros and are never copied out. Row r's maximum and sum go to {@code max[r]} and
     * {@code sum[r]}; with {@code write} its softmax to y. The rows move in and out by scalar moves: vector gathers
     * (cross entropy's forward over 512 x 10 took 14.6 us on one Intel Xeon core with them, 17.5 without) boxed their
     * index vectors where C2 inlined none of vgrad's methods ({@code checkIndex} is not force-inlined), and a scatter
     * did where C2 had no type profiles.
     */
    static void shortRows(int g, int n, float[] x, int xo, float[] y, int yo, boolean write, float[] max,
                          float[] sum) {
        float[] t = COLUMNS.get(0, n * L);
        for (int r = 0; r < g; r++) {
            for (int j = 0, s = xo + r * n; j < n; j++) {
                t[j * L + r] = x[s + j];
            }
        }
        if (g < L) {
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(t, j * L + g, j * L + L, 0f);
            }
        }
        if (!columnSoftmax(n, t, write, max, sum)) {
            return;
        }
        for (int r = 0; r < g; r++) {
            for (int j = 0, d = yo + r * n; j < n; j++) {
                y[d + j] = t[j * L + r];
            }
        }
    }

    /**
     * The steps of {@link #shortRows} on a block of n columns of L lanes from {@code t[0]} (lane r of column j at
     * {@code t[j * L + r]}), in place: each lane's maximum and sum to {@code max} and {@code sum}, and with
     * {@code write} each lane's softmax over its n values left in t. Returns {@code write}.
     */
    private static boolean columnSoftmax(int n, float[] t, boolean write, float[] max, float[] sum) {
        // Accumulators start from broadcasts: from a constant field, the loop's phi mixed a constant object with
        // vectors, and C2 boxed every step's result where it had no type profiles
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            m = fromArray(S, t, j * L).max(m);
        }
        // -max, written as -0 - max (the same value for every max) so that a constant names the receiver's class
        FloatVector shift = NEG_ZERO.sub(m);
        for (int j = 0; j < n; j++) {
            fromArray(S, t, j * L).add(shift).intoArray(t, j * L);
        }
        // A call a column, not one run over the block: the exponential's loop is shared with every exp kernel, and
        // until C2 compiles it, C1's code boxes every vector. Called once a group, a batch of 16 rows took 1 250
        // steps longer to reach C2 (UnprofiledStepsTest's MLP without type profiles: 57 KB a step meanwhile).
        for (int j = 0; j < n; j++) {
            VectorTranscendental.expRun(L, t, j * L, t, j * L);
        }
        FloatVector total = FloatVector.zero(S);
        for (int j = 0; j < n; j++) {
            total = fromArray(S, t, j * L).add(total);   // the same sum as total + x: addition commutes exactly
        }
        NEG_INF.max(m).intoArray(max, 0);
        ZERO.add(total).intoArray(sum, 0);
        if (!write) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            fromArray(S, t, j * L).div(total).intoArray(t, j * L);
        }
        return true;
    }

    /**
     * {@link SoftmaxRows#columns} for w <= L neighbouring columns of n floats (element j of column r at
     * {@code x[xo + j * stride + r]}): copied into this thread's block a row of lanes at a time, {@link #columnSoftmax}
     * there, and with {@code write} the softmax copied back to y (the same places from {@code yo}). Lanes past w hold
     * zeros and are never copied out.
     */
    static void shortColumns(int w, int n, float[] x, int xo, int stride, float[] y, int yo, boolean write,
                             float[] max, float[] sum) {
        float[] t = COLUMNS.get(0, n * L);
        for (int j = 0; j < n; j++) {
            if (w == L) {
                fromArray(S, x, xo + j * stride).intoArray(t, j * L);
            } else {
                System.arraycopy(x, xo + j * stride, t, j * L, w);
                java.util.Arrays.fill(t, j * L + w, j * L + L, 0f);
            }
        }
        if (!columnSoftmax(n, t, write, max, sum)) {
            return;
        }
        for (int j = 0; j < n; j++) {
            if (w == L) {
                fromArray(S, t, j * L).intoArray(y, yo + j * stride);
            } else {
                System.arraycopy(t, j * L, y, yo + j * stride, w);
            }
        }
    }

    /**
     * {@code y = (x - max[r]) - logSum[r]} for w <= L neighbouring columns r of n floats laid out as in
     * {@link #shortColumns}: a log-softmax's columns, by the scalar {@link SoftmaxRows#logSoftmaxRow}'s subtractions.
     */
    static void logSoftmaxColumns(int w, int n, float[] x, int xo, int stride, float[] max, float[] logSum, float[] y,
                                  int yo) {
        if (w < L) {
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < w; r++) {
                    y[yo + j * stride + r] = (x[xo + j * stride + r] - max[r]) - logSum[r];
                }
            }
            return;
        }
        FloatVector m = fromArray(S, max, 0), l = fromArray(S, logSum, 0);
        for (int j = 0; j < n; j++) {
            fromArray(S, x, xo + j * stride).sub(m).sub(l).intoArray(y, yo + j * stride);
        }
    }

    /**
     * The input gradient of w <= L neighbouring softmax columns (log-softmax with {@code log}) of n floats laid out as
     * in {@link #shortColumns}, from the output y and its gradient g into dx (all three in that layout): s, the sum
     * over a column of g (log) or of g * y, folded from +0 in element order as a sum over that dimension is; then
     * {@code dx = g - exp(y) * s} (log) or {@code y * (g - s)}, each element by those roundings.
     */
    static void columnsBackward(int w, int n, float[] g, int go, float[] y, int yo, int stride, float[] dx, int dxo,
                                boolean log) {
        if (w < L) {
            for (int r = 0; r < w; r++) {
                float s = 0f;
                for (int j = 0; j < n; j++) {
                    float gj = g[go + j * stride + r];
                    s += log ? gj : gj * y[yo + j * stride + r];
                }
                for (int j = 0; j < n; j++) {
                    int gi = go + j * stride + r, yi = yo + j * stride + r;
                    dx[dxo + j * stride + r] = log ? g[gi] - Transcendental.exp(y[yi]) * s : y[yi] * (g[gi] - s);
                }
            }
            return;
        }
        FloatVector s = FloatVector.zero(S);
        if (log) {
            float[] t = COLUMNS.get(0, n * L);
            for (int j = 0; j < n; j++) {
                s = fromArray(S, g, go + j * stride).add(s);
                fromArray(S, y, yo + j * stride).intoArray(t, j * L);
            }
            for (int j = 0; j < n; j++) {   // a call a column, as in columnSoftmax
                VectorTranscendental.expRun(L, t, j * L, t, j * L);
            }
            for (int j = 0; j < n; j++) {
                fromArray(S, g, go + j * stride).sub(fromArray(S, t, j * L).mul(s)).intoArray(dx, dxo + j * stride);
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            s = fromArray(S, g, go + j * stride).mul(fromArray(S, y, yo + j * stride)).add(s);
        }
        for (int j = 0; j < n; j++) {
            fromArray(S, y, yo + j * stride).mul(fromArray(S, g, go + j * stride).sub(s))
                    .intoArray(dx, dxo + j * stride);
        }
    }

    /**
     * {@code out = exp(y)} over all n >= L elements, out not y: the last L elements as one more vector over lanes
     * already done (the same values again).
     */
    static void expAll(int n, float[] y, int yo, float[] out, int oo) {
        VectorTranscendental.expRun(n - n % L, y, yo, out, oo);
        if (n % L != 0) {
            VectorTranscendental.expRun(L, y, yo + n - L, out, oo + n - L);
        }
    }

    /**
     * {@code d = g - d * s} over all n >= L elements, the whole vectors then the last L as {@link #logSoftmaxAll} takes
     * them (read before anything is written: d is an input too).
     */
    static void lessTimesAll(int n, float[] g, int go, float[] d, int dOff, float s) {
        int last = n - L;
        FloatVector end = fromArray(S, g, go + last).sub(fromArray(S, d, dOff + last).mul(s));
        for (int i = 0; i <= last; i += L) {
            fromArray(S, g, go + i).sub(fromArray(S, d, dOff + i).mul(s)).intoArray(d, dOff + i);
        }
        end.intoArray(d, dOff + last);
    }

    /**
     * {@code out = g * y} over all n >= L elements, the whole vectors then the last L as {@link #logSoftmaxAll} takes
     * them.
     */
    static void timesAll(int n, float[] g, int go, float[] y, int yo, float[] out, int oo) {
        int last = n - L;
        FloatVector end = fromArray(S, g, go + last).mul(fromArray(S, y, yo + last));
        for (int i = 0; i <= last; i += L) {
            fromArray(S, g, go + i).mul(fromArray(S, y, yo + i)).intoArray(out, oo + i);
        }
        end.intoArray(out, oo + last);
    }

    /**
     * {@code out = y * (g - s)} over all n >= L elements, the whole vectors then the last L as {@link #logSoftmaxAll}
     * takes them.
     */
    static void timesLessAll(int n, float[] y, int yo, float[] g, int go, float s, float[] out, int oo) {
        int last = n - L;
        FloatVector end = fromArray(S, y, yo + last).mul(fromArray(S, g, go + last).sub(s));
        for (int i = 0; i <= last; i += L) {
            fromArray(S, y, yo + i).mul(fromArray(S, g, go + i).sub(s)).intoArray(out, oo + i);
        }
        end.intoArray(out, oo + last);
    }

    /**
     * {@code y = exp(x + shift)} over all n elements: the shift written to y, then the exponential in place. From n = L
     * on, the elements past the last whole vector are the last L elements' vector again (taken from x before anything
     * is written, so x may be y), shifted and exponentiated over the lanes already done: the same values, written
     * twice. Below L they go through one vector in a scratch array, or, a few, one at a time: one at a time, the 12
     * left of a 60-class row took more time than the 48 before them, and the scratch vector's moves and fill took a
     * fifth of a row's time.
     */
    static void shiftedExp(int n, float[] x, int xo, float shift, float[] y, int yo) {
        int tail = n % L;
        if (tail > 0 && n >= L) {
            int last = n - L;
            FloatVector end = fromArray(S, x, xo + last).add(shift);
            VectorTranscendental.expRun(shift(n, x, xo, shift, y, yo), y, yo, y, yo);
            end.intoArray(y, yo + last);
            VectorTranscendental.expRun(L, y, yo + last, y, yo + last);
            return;
        }
        int bound = shift(n, x, xo, shift, y, yo);
        VectorTranscendental.expRun(bound, y, yo, y, yo);
        if (tail >= MIN_TAIL) {
            float[] t = TAIL.get(0, L);
            for (int j = 0; j < tail; j++) {
                t[j] = x[xo + bound + j] + shift;
            }
            // zeros past the tail, not what an earlier row left there: their results are not copied out, and a
            // leftover that underflowed would take the slow subnormal path on Intel cores for nothing
            java.util.Arrays.fill(t, tail, L, 0f);
            VectorTranscendental.expRun(L, t, 0, t, 0);
            System.arraycopy(t, 0, y, yo + bound, tail);
        } else {
            for (int j = bound; j < n; j++) {
                y[yo + j] = Transcendental.exp(x[xo + j] + shift);
            }
        }
    }

    /**
     * {@code y = (x - max) - logSum} over all n >= L elements (a log-softmax row), the last L as one vector read before
     * anything is written (so x may be y) and written last, over lanes the whole vectors wrote with the same values.
     */
    static void logSoftmaxAll(int n, float[] x, int xo, float max, float logSum, float[] y, int yo) {
        int last = n - L;
        FloatVector end = fromArray(S, x, xo + last).sub(max).sub(logSum);
        for (int i = 0, bound = n - n % L; i < bound; i += L) {
            fromArray(S, x, xo + i).sub(max).sub(logSum).intoArray(y, yo + i);
        }
        end.intoArray(y, yo + last);
    }

    /** {@code y = x + shift} for the leading whole vectors; returns how many elements that was. */
    static int shift(int n, float[] x, int xo, float shift, float[] y, int yo) {
        int bound = n - n % L;
        for (int i = 0; i < bound; i += L) {
            fromArray(S, x, xo + i).add(shift).intoArray(y, yo + i);
        }
        return bound;
    }

    /**
     * {@code x += mask} over the first n elements (a multiple of the vector length); returns the largest sum, with
     * {@link VectorReductions#max}'s lanewise max and lane reduction (a maximum, whatever order its lanes meet in).
     */
    static float addMax(int n, float[] x, int xo, float[] mask, int mo) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i += L) {
            FloatVector v = fromArray(S, x, xo + i).add(fromArray(S, mask, mo + i));
            v.intoArray(x, xo + i);
            acc = v.max(acc);
        }
        return acc.reduceLanes(VectorOperators.MAX);
    }

    /**
     * Whether rows of n floats take {@link #maskedRowPair}: 16 lanes, and n as {@link VectorReductions#sumPair16}
     * takes it.
     */
    static boolean pairs(int n) {
        return L == 16 && n % 16 == 0 && n >= 16 && n <= ScalarReductions.BLOCK;
    }

    /**
     * Two masked softmax rows in place: rows of n floats at o and q ({@link #pairs}), mask rows at mo and mq.
     * Each row gets {@link #addMax}'s adds and maximum, then {@link SoftmaxRows#exp}'s steps (the shift by minus the
     * maximum, the exponential of the shifted values, the canonical sum, the division), the two rows side by side:
     * the same operations on the same values, so the same bits as a row at a time.
     */
    static void maskedRowPair(int n, float[] p, int o, int q, float[] mask, int mo, int mq) {
        FloatVector first = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), second = first;
        for (int i = 0; i < n; i += L) {
            FloatVector u = fromArray(S, p, o + i).add(fromArray(S, mask, mo + i));
            FloatVector v = fromArray(S, p, q + i).add(fromArray(S, mask, mq + i));
            u.intoArray(p, o + i);
            v.intoArray(p, q + i);
            first = u.max(first);
            second = v.max(second);
        }
        shift(n, p, o, -first.reduceLanes(VectorOperators.MAX), p, o);
        shift(n, p, q, -second.reduceLanes(VectorOperators.MAX), p, q);
        if (q == o + n) {
            VectorTranscendental.expRun(2 * n, p, o, p, o);
        } else {
            VectorTranscendental.expRun(n, p, o, p, o);
            VectorTranscendental.expRun(n, p, q, p, q);
        }
        long sums = VectorReductions.sumPair16(n, p, o, q);
        divide(n, p, o, Float.intBitsToFloat((int) (sums >>> 32)));
        divide(n, p, q, Float.intBitsToFloat((int) sums));
    }

    /** {@code d = (d + shift) * p * scale} for the leading whole vectors; returns how many elements that was. */
    static int shiftTimes(int n, float[] d, int dOff, float shift, float[] p, int pOff, float scale) {
        int bound = n - n % L;
        for (int i = 0; i < bound; i += L) {
            fromArray(S, d, dOff + i).add(shift).mul(fromArray(S, p, pOff + i)).mul(scale).intoArray(d, dOff + i);
        }
        return bound;
    }

    /**
     * {@code y /= divisor} over all n >= L elements in place, the last L as one vector read before the whole vectors
     * divide (so its lanes they cover are divided once) and written last.
     */
    static void divideAll(int n, float[] y, int yo, float divisor) {
        int last = n - L;
        FloatVector end = fromArray(S, y, yo + last).div(divisor);
        divide(n, y, yo, divisor);
        end.intoArray(y, yo + last);
    }

    /** {@code y = y / divisor} for the leading whole vectors of n. */
    static void divide(int n, float[] y, int yo, float divisor) {
        int bound = n - n % L;
        for (int i = 0; i < bound; i += L) {
            fromArray(S, y, yo + i).div(divisor).intoArray(y, yo + i);
        }
    }
}
