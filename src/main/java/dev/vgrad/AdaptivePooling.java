package dev.vgrad;

import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.UnaryOp;

/**
 * Adaptive average (and max, {@link #maximum}) pooling of [N, C, H, W] to [N, C, oh, ow] as one op: cell (i, j) is
 * the mean of rows {@code floor(i H / oh)} to {@code ceil((i + 1) H / oh)} and the columns likewise, PyTorch's
 * windows, which overlap where the sizes do not divide. Backward spreads each cell's gradient over its window, divided
 * by its size (adding where windows overlap); that spreading is an op of its own whose gradient is the pooling again,
 * so the pair differentiates to any order. Composed (a narrowed view and a mean a cell, stacked), a 7 x 7 output
 * recorded 49 means and their views forward, and as many nodes backward.
 */
public final class AdaptivePooling {
    private AdaptivePooling() {}

    /**
     * x [N, C, H, W] (any strides) to [N, C, oh, ow]; oh, ow positive (the caller checks the shapes). A window as wide
     * as the input (ow 1, global pooling among them) is one contiguous run, summed by the vector reduction in its fixed
     * order and divided in float; any other window's sum is taken in double, row by row, divided by its size and
     * rounded once. In double alone, a 14 x 14 plane's 196 dependent adds made global pooling of [64, 64, 14, 14] 2.5x
     * slower than PyTorch's.
     */
    public static Tensor average(Tensor x, int oh, int ow) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        Tensor xd = Compute.dense(x);
        Tensor out = Tensor.empty(new int[] {n, c, oh, ow}, "adaptive_avg_pool2d");
        float[] in = xd.array(), y = out.array();
        int inOff = xd.offset, yOff = out.offset;
        for (int plane = 0; plane < n * c; plane++) {
            int src = inOff + plane * h * w, dst = yOff + plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int h0 = start(i, h, oh), h1 = end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = start(j, w, ow), w1 = end(j, w, ow);
                    int count = (h1 - h0) * (w1 - w0);
                    if (w0 == 0 && w1 == w) {
                        y[dst + i * ow + j] = Reductions.sum(count, in, src + h0 * w, 1) / count;
                        continue;
                    }
                    double sum = 0;
                    for (int r = h0; r < h1; r++) {
                        for (int q = w0; q < w1; q++) {
                            sum += in[src + r * w + q];
                        }
                    }
                    y[dst + i * ow + j] = (float) (sum / count);
                }
            }
        }
        return Graph.recording(x) ? Graph.record(out, "AdaptiveAvgPool2DBackward0", x, g -> spread(g, h, w)) : out;
    }

    /**
     * average's backward: g [N, C, oh, ow] to [N, C, h, w], each cell's gradient divided by its window's size and
     * added to every element of the window, cells in order, onto zeros. Where the windows tile the input exactly (the
     * sizes divide) each element gets one share, so it is set (as {@code 0 + share}) and no zeros are written first.
     */
    static Tensor spread(Tensor g, int h, int w) {
        int n = g.shape[0], c = g.shape[1], oh = g.shape[2], ow = g.shape[3];
        Tensor gd = Compute.dense(g);
        boolean tiles = h % oh == 0 && w % ow == 0;
        int[] shape = {n, c, h, w};
        Tensor out = tiles ? Tensor.empty(shape, "adaptive_avg_pool2d_backward")
                : Tensor.zerosOf(shape, "adaptive_avg_pool2d_backward");
        float[] gin = gd.array(), dx = out.array();
        int gOff = gd.offset, dxOff = out.offset;
        for (int plane = 0; plane < n * c; plane++) {
            int src = gOff + plane * oh * ow, dst = dxOff + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int h0 = start(i, h, oh), h1 = end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = start(j, w, ow), w1 = end(j, w, ow);
                    float share = gin[src + i * ow + j] / ((h1 - h0) * (w1 - w0));
                    if (w0 == 0 && w1 == w) {
                        // one run, as in forward; where rows of windows overlap, added
                        int run = dst + h0 * w, len = (h1 - h0) * w;
                        if (tiles) {
                            Elementwise.unary(UnaryOp.FILL, share + 0f, 0f, len, dx, run, 1, dx, run, 1);
                        } else {
                            Elementwise.unary(UnaryOp.ADD_SCALAR, share, 0f, len, dx, run, 1, dx, run, 1);
                        }
                        continue;
                    }
                    for (int r = h0; r < h1; r++) {
                        for (int q = w0; q < w1; q++) {
                            int at = dst + r * w + q;
                            dx[at] = (tiles ? 0f : dx[at]) + share;
                        }
                    }
                }
            }
        }
        return Graph.recording(g)
                ? Graph.record(out, "AdaptiveAvgPool2DBackwardBackward0", g, gg -> average(gg, oh, ow)) : out;
    }

    /**
     * adaptive_max_pool2d of x [N, C, H, W] (any strides) to [N, C, oh, ow] over the same windows: each cell the first
     * maximum of its window in row-major order, or its first NaN (the bits and positions of a max along the flattened
     * window, which it replaces). Backward sends each cell's gradient to that position.
     */
    public static Tensor maximum(Tensor x, int oh, int ow) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        Tensor xd = Compute.dense(x);
        int[] shape = {n, c, oh, ow};
        Tensor out = Tensor.empty(shape, "adaptive_max_pool2d");
        boolean backward = Graph.recording(x);
        // each maximum's position in its plane, as exact small floats in arena memory (kept for backward only)
        Tensor positions = backward ? Tensor.empty(shape, "adaptive_max_pool2d") : null;
        float[] in = xd.array(), y = out.array(), at = backward ? positions.array() : null;
        int inOff = xd.offset, yOff = out.offset, atOff = backward ? positions.offset : 0;
        for (int plane = 0; plane < n * c; plane++) {
            int src = inOff + plane * h * w, dst = plane * oh * ow;
            for (int i = 0; i < oh; i++) {
                int h0 = start(i, h, oh), h1 = end(i, h, oh);
                for (int j = 0; j < ow; j++) {
                    int w0 = start(j, w, ow), w1 = end(j, w, ow);
                    int best = h0 * w + w0;
                    float value = in[src + best];
                    for (int r = h0; r < h1 && !Float.isNaN(value); r++) {
                        for (int q = r == h0 ? w0 + 1 : w0; q < w1 && !Float.isNaN(value); q++) {
                            float v = in[src + r * w + q];
                            if (v > value || Float.isNaN(v)) {
                                value = v;
                                best = r * w + q;
                            }
                        }
                    }
                    y[yOff + dst + i * ow + j] = value;
                    if (backward) {
                        at[atOff + dst + i * ow + j] = best;
                    }
                }
            }
        }
        return backward
                ? Graph.record(out, "AdaptiveMaxPool2DBackward0", x, g -> place(g, positions, h, w)) : out;
    }

    /**
     * maximum's backward: g [N, C, oh, ow] to [N, C, h, w], each cell's gradient added at its maximum's position (a
     * position that is the maximum of overlapping windows gets each of theirs), onto zeros. Its gradient picks the
     * positions back out.
     */
    private static Tensor place(Tensor g, Tensor positions, int h, int w) {
        int n = g.shape[0], c = g.shape[1], cells = g.shape[2] * g.shape[3];
        Tensor gd = Compute.dense(g);
        Tensor out = Tensor.zerosOf(new int[] {n, c, h, w}, "adaptive_max_pool2d_backward");
        float[] gin = gd.array(), dx = out.array(), at = positions.array();
        for (int plane = 0; plane < n * c; plane++) {
            int src = gd.offset + plane * cells, pos = positions.offset + plane * cells;
            int dst = out.offset + plane * h * w;
            for (int k = 0; k < cells; k++) {
                dx[dst + (int) at[pos + k]] += gin[src + k];
            }
        }
        int oh = g.shape[2], ow = g.shape[3];
        return Graph.recording(g)
                ? Graph.record(out, "AdaptiveMaxPool2DBackwardBackward0", g, gg -> pick(gg, positions, oh, ow)) : out;
    }

    /** place's gradient: gg [N, C, h, w] to [N, C, oh, ow], each cell the element at its maximum's position. */
    private static Tensor pick(Tensor gg, Tensor positions, int oh, int ow) {
        int n = gg.shape[0], c = gg.shape[1], h = gg.shape[2], w = gg.shape[3], cells = oh * ow;
        Tensor gd = Compute.dense(gg);
        Tensor out = Tensor.empty(new int[] {n, c, oh, ow}, "adaptive_max_pool2d_backward_backward");
        float[] gin = gd.array(), y = out.array(), at = positions.array();
        for (int plane = 0; plane < n * c; plane++) {
            int src = gd.offset + plane * h * w, pos = positions.offset + plane * cells;
            int dst = out.offset + plane * cells;
            for (int k = 0; k < cells; k++) {
                y[dst + k] = gin[src + (int) at[pos + k]];
            }
        }
        return Graph.recording(gg)
                ? Graph.record(out, "AdaptiveMaxPool2DBackwardBackwardBackward0", gg, g -> place(g, positions, h, w))
                : out;
    }

    /**
     * The first of output cell i's rows (or columns, or depth planes) out of {@code size}, for {@code cells} cells:
     * PyTorch's adaptive window start, floor(i size / cells).
     */
    public static int start(int i, int size, int cells) {
        return (int) ((long) i * size / cells);
    }

    /** One past the last of {@link #start}'s window: ceil((i + 1) size / cells). */
    public static int end(int i, int size, int cells) {
        return (int) (((long) (i + 1) * size + cells - 1) / cells);
    }
}
