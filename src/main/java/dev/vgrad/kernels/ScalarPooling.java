package dev.vgrad.kernels;

/**
 * {@link Pooling}'s scalar reference, the single windows the vector path leaves at the ends of ranges, and the scatter
 * behind every max pooling's input gradient.
 */
final class ScalarPooling {
    private ScalarPooling() {}

    static void maxPool2x2(float[] src, int offset, int h, int w, int from, int to, float[] dst, float[] at) {
        int oh = h / 2, ow = w / 2;
        for (int p = from; p < to; p++) {
            int o = p * oh * ow;
            for (int i = 0; i < oh; i++, o += ow) {
                windows(src, offset + p * h * w + 2 * i * w, 2 * i * w, w, 0, ow, dst, at, o);
            }
        }
    }

    /**
     * Windows {@code [j0, j1)} of one row of windows whose top-left element is {@code src[top]} (plane-relative
     * index {@code rel}), written from {@code dst[o]}.
     */
    static void windows(float[] src, int top, int rel, int w, int j0, int j1, float[] dst, float[] at, int o) {
        for (int j = j0; j < j1; j++) {
            int a = top + 2 * j;
            // Selects without branches: on random data each comparison is a coin toss, and three mispredicted
            // branches an output made this loop a sixth of the CNN step.
            float best = src[a];
            int chosen = 0;
            float v = src[a + 1];
            int take = takes(v, best);
            best = select(take, v, best);
            chosen = (take & 1) | (~take & chosen);
            v = src[a + w];
            take = takes(v, best);
            best = select(take, v, best);
            chosen = (take & w) | (~take & chosen);
            v = src[a + w + 1];
            take = takes(v, best);
            best = select(take, v, best);
            chosen = (take & (w + 1)) | (~take & chosen);
            dst[o + j] = best;
            if (at != null) {
                at[o + j] = rel + 2 * j + chosen;
            }
        }
    }

    /** -1 (all bits) when v takes over from best (larger, or NaN), else 0. */
    private static int takes(float v, float best) {
        return -((v > best ? 1 : 0) | (v != v ? 1 : 0));
    }

    /** v where take is -1, best where it is 0, by bits. */
    private static float select(int take, float v, float best) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(v) & take) | (Float.floatToRawIntBits(best) & ~take));
    }

    static void maxPool2x2Backward(float[] g, int go, float[] pos, int po, int h, int w, int from, int to,
                                   float[] dx) {
        scatter(g, go, pos, po, h * w, (h / 2) * (w / 2), from, to, dx);
    }

    /** Zeroes planes [from, to) of dx, then adds each window's gradient at its maximum's position. */
    static void scatter(float[] g, int go, float[] pos, int po, int plane, int cells, int from, int to, float[] dx) {
        java.util.Arrays.fill(dx, from * plane, to * plane, 0f);
        for (int q = from; q < to; q++) {
            for (int o = 0; o < cells; o++) {
                dx[q * plane + (int) pos[po + q * cells + o]] += g[go + q * cells + o];
            }
        }
    }
}
