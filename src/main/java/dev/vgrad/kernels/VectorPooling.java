package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pooling}'s Vector API path, L windows at a time. A row of windows rarely fills whole vectors (the CNN's
 * pooled rows are 14 and 7 wide); rather than finish each row one window at a time, its last vector runs on into the
 * next row, whose own pass then overwrites what that wrote. Only the last row of a range, where there is no next row
 * of its own to overwrite, finishes on the scalar path, so no thread writes outside its planes.
 */
final class VectorPooling {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S), ONE = FloatVector.broadcast(S, 1f);
    /** 0, 1, 2, ...: the lanes' offsets within 2L consecutive inputs' first half. */
    private static final FloatVector LANES = FloatVector.fromArray(S, lanes(1, 0), 0);
    /** 0, 2, 4, ...: the left column of L consecutive windows, relative to the first's. */
    private static final FloatVector TWICE = FloatVector.fromArray(S, lanes(2, 0), 0);
    /** The left (even) and right (odd) elements of L pairs held in two vectors. */
    private static final VectorShuffle<Float> LEFT = shuffle(2, 0), RIGHT = shuffle(2, 1);
    /** Each of the lower (upper) half's lanes twice: a window's gradient for both columns it spans. */
    private static final VectorShuffle<Float> LOWER_TWICE = shuffle(0.5f, 0), UPPER_TWICE = shuffle(0.5f, L / 2f);

    private VectorPooling() {}

    private static float[] lanes(float step, float from) {
        float[] v = new float[L];
        for (int x = 0; x < L; x++) {
            v[x] = from + x * step;
        }
        return v;
    }

    /** Lane x takes lane {@code (int) (from + x * step)} of two vectors (an index of L or more names the second's). */
    private static VectorShuffle<Float> shuffle(float step, float from) {
        int[] idx = new int[L];
        for (int x = 0; x < L; x++) {
            idx[x] = (int) (from + x * step);
        }
        return VectorShuffle.fromArray(S, idx, 0);
    }

    /**
     * One loop over the range's rows of windows and their vectors, rather than a loop per row: the rows are short (one
     * vector or two), and C2 set each row's loop up (range-check limits) at a cost of several vectors' work.
     */
    static void maxPool2x2(float[] src, int offset, int h, int w, int from, int to, float[] dst, float[] at) {
        int oh = h / 2, ow = w / 2, cells = oh * ow, end = to * cells;
        if (cells == 0) {
            return;
        }
        int p = from, i = 0, j = 0, o = from * cells, top = offset + from * h * w, rel = 0;
        while (p < to) {
            if (j + L <= ow || (o + j + L <= end && top + w + 2 * (j + L) <= src.length)) {
                windows(src, top + 2 * j, w, rel + 2 * j, dst, at, o + j);
                j += L;
            } else {
                ScalarPooling.windows(src, top, rel, w, j, ow, dst, at, o);
                j = ow;
            }
            if (j >= ow) {
                j = 0;
                o += ow;
                if (++i == oh) {
                    i = 0;
                    p++;
                    top = offset + p * h * w;
                    rel = 0;
                } else {
                    top += 2 * w;
                    rel += 2 * w;
                }
            }
        }
    }

    /**
     * L windows whose top-left elements are {@code src[a], src[a+2], ...}: the same three choices as
     * {@link ScalarPooling#windows}, in its order, on L windows at once.
     */
    private static void windows(float[] src, int a, int w, int rel, float[] dst, float[] at, int o) {
        // No vector crosses a call here: a vector argument or result of a method C2 leaves out of line is boxed.
        FloatVector wide = FloatVector.broadcast(S, w), wider = FloatVector.broadcast(S, w + 1);
        FloatVector t0 = FloatVector.fromArray(S, src, a), t1 = FloatVector.fromArray(S, src, a + L);
        FloatVector b0 = FloatVector.fromArray(S, src, a + w), b1 = FloatVector.fromArray(S, src, a + w + L);
        FloatVector best = t0.rearrange(LEFT, t1);
        FloatVector v = t0.rearrange(RIGHT, t1);
        // v takes over from best where it is larger, or NaN
        VectorMask<Float> take = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
        best = best.blend(v, take);
        FloatVector chosen = ZERO.blend(ONE, take);
        v = b0.rearrange(LEFT, b1);
        take = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
        best = best.blend(v, take);
        chosen = chosen.blend(wide, take);
        v = b0.rearrange(RIGHT, b1);
        take = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
        best = best.blend(v, take);
        chosen = chosen.blend(wider, take);
        best.intoArray(dst, o);
        if (at != null) {
            TWICE.add(rel).add(chosen).intoArray(at, o);
        }
    }

    /**
     * Each input element written once, its window's gradient where the window's maximum lies and 0 elsewhere, input
     * row by input row in one loop (as the forward walks its rows); no zeroing pass. Planes with an odd side have
     * elements in no window: the scalar path.
     */
    static void maxPool2x2Backward(float[] g, int go, float[] pos, int po, int h, int w, int from, int to,
                                   float[] dx) {
        if (h % 2 != 0 || w % 2 != 0) {
            ScalarPooling.maxPool2x2Backward(g, go, pos, po, h, w, from, to, dx);
            return;
        }
        int oh = h / 2, ow = w / 2, cells = oh * ow, end = to * h * w;
        // Row (i, bottom) of plane p starts at dx[d], plane-relative position rel; its windows' gradients at g[o].
        int p = from, i = 0, j = 0, o = from * cells, d = from * h * w, rel = 0;
        boolean bottom = false;
        while (p < to) {
            int gi = go + o + j, pi = po + o + j;
            if (j + L <= ow || (d + 2 * (j + L) <= end && gi + L <= g.length && pi + L <= pos.length)) {
                gradients(g, gi, pos, pi, rel + 2 * j, dx, d + 2 * j);
                j += L;
            } else {
                for (; j < ow; j++, gi++, pi++) {
                    float chosen = pos[pi], grad = g[gi] + 0f;
                    dx[d + 2 * j] = chosen == rel + 2 * j ? grad : 0f;
                    dx[d + 2 * j + 1] = chosen == rel + 2 * j + 1 ? grad : 0f;
                }
            }
            if (j >= ow) {
                j = 0;
                d += w;
                rel += w;
                if (!bottom) {
                    bottom = true;
                } else {
                    bottom = false;
                    o += ow;
                    if (++i == oh) {
                        i = 0;
                        p++;
                        rel = 0;
                    }
                }
            }
        }
    }

    /**
     * The 2L input elements from dx[d] (plane-relative positions from {@code rel}): element z gets window z/2's
     * gradient (from g[gi]) when that window's maximum (pos[pi]) is at {@code rel + z}, else 0. Adding 0 makes a
     * chosen -0 gradient +0, as the scalar path's zeroing and adding does (and PyTorch's).
     */
    private static void gradients(float[] g, int gi, float[] pos, int pi, int rel, float[] dx, int d) {
        FloatVector gv = FloatVector.fromArray(S, g, gi).add(ZERO);
        FloatVector pv = FloatVector.fromArray(S, pos, pi);
        FloatVector first = LANES.add(rel), second = first.add(L);
        ZERO.blend(gv.rearrange(LOWER_TWICE), pv.rearrange(LOWER_TWICE).compare(VectorOperators.EQ, first))
                .intoArray(dx, d);
        ZERO.blend(gv.rearrange(UPPER_TWICE), pv.rearrange(UPPER_TWICE).compare(VectorOperators.EQ, second))
                .intoArray(dx, d + L);
    }
}
