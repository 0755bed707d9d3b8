package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Pooling;

/**
 * 2-D max pooling as one pass over each input plane: every window's maximum and where it lies, with no window tensor
 * in between. (Composed as unfold + max(dim), pooling wrote a patch tensor as large as its input, reduced it with a
 * strided scalar loop and folded the gradient back: a fifth of the CNN step on a Zen 3.) The choice follows PyTorch's
 * kernel: padding never wins, the first in-bounds element starts, a larger value or a NaN takes over, so among equal
 * maxima the first counts and among NaNs the last. Backward adds each output's gradient at its chosen position; under
 * createGraph it is the same scatter as recorded ops (scatterAdd, whose backward gathers), so it differentiates again.
 */
final class WindowMax {
    private WindowMax() {}

    /** x [N, C, H, W] pooled by kernel (kh, kw), stride (sh, sw) and padding (ph, pw), dilation 1. */
    static Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw) {
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        Tensor in = Compute.dense(x);
        Tensor out = Tensor.empty(new int[] {n, c, oh, ow}, "max_pool2d");
        boolean record = Graph.recording(x);
        // Positions within each plane (h * W + w), as exact small floats: arena memory inside a training step.
        Tensor positions = record ? Tensor.empty(Shapes.of(n * c, oh * ow), "max_pool2d") : null;
        float[] src = in.array(), dst = out.array(), at = record ? positions.array() : null;
        int planes = n * c, plane = h * w, cells = oh * ow;
        // Planes are independent: parts take whole ones, so any thread count gives the same result.
        int parts = Parallel.partsFor((long) planes * plane), offset = in.offset;
        if (parts == 1) {
            pool(src, offset, dst, at, 0, planes, h, w, oh, ow, kh, kw, sh, sw, ph, pw);
        } else {
            Parallel.forRanges(planes, parts, (from, to) -> pool(src, offset, dst, at, from, to, h, w, oh, ow, kh, kw,
                    sh, sw, ph, pw));
        }
        if (!record) {
            return out;
        }
        return recorded(x, out, positions, planes, plane, cells, isPairs(kh, kw, sh, sw, ph, pw));
    }

    /** Planes [from, to): the 2x2 stride-2 kernel where it applies, else the general loop. */
    private static void pool(float[] src, int offset, float[] dst, float[] at, int from, int to, int h, int w, int oh,
                             int ow, int kh, int kw, int sh, int sw, int ph, int pw) {
        if (isPairs(kh, kw, sh, sw, ph, pw)) {
            Pooling.maxPool2x2(src, offset, h, w, from, to, dst, at);
        } else {
            windows(src, offset, dst, at, from, to, h, w, oh, ow, kh, kw, sh, sw, ph, pw);
        }
    }

    /**
     * 2x2 windows at stride 2 without padding (the CNN's pooling): {@link Pooling}'s kernels, which make the same
     * choice as {@link #windows} without its per-window bounds, L windows at a time (a fifth of the CNN step went to
     * the general loop, a tenth to a scalar one for these windows).
     */
    private static boolean isPairs(int kh, int kw, int sh, int sw, int ph, int pw) {
        return kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0;
    }

    /**
     * The general window loop: for each output, the window's in-bounds rows and columns scanned in order, the first
     * element starting, a larger value or a NaN taking over.
     */
    private static void windows(float[] src, int offset, float[] dst, float[] at, int from, int to, int h, int w,
                                int oh, int ow, int kh, int kw, int sh, int sw, int ph, int pw) {
        int plane = h * w, cells = oh * ow;
        for (int p = from; p < to; p++) {
            int base = offset + p * plane;
            for (int i = 0; i < oh; i++) {
                int h0 = Math.max(i * sh - ph, 0), h1 = Math.min(i * sh - ph + kh, h);
                for (int j = 0; j < ow; j++) {
                    int w0 = Math.max(j * sw - pw, 0), w1 = Math.min(j * sw - pw + kw, w);
                    float best = Float.NEGATIVE_INFINITY;
                    int chosen = h0 * w + w0;
                    for (int y = h0; y < h1; y++) {
                        for (int z = w0; z < w1; z++) {
                            float v = src[base + y * w + z];
                            if (v > best || Float.isNaN(v)) {
                                best = v;
                                chosen = y * w + z;
                            }
                        }
                    }
                    int o = p * cells + i * ow + j;
                    dst[o] = best;
                    if (at != null) {
                        at[o] = chosen;
                    }
                }
            }
        }
    }

    /** Planes [from, to) of the input gradient: {@link Pooling}'s 2x2 stride-2 kernel, or its general scatter. */
    private static void gradient(boolean pairs, float[] g, int go, float[] pos, int po, float[] dx, int from, int to,
                                 int h, int w, int cells) {
        if (pairs) {
            Pooling.maxPool2x2Backward(g, go, pos, po, h, w, from, to, dx);
        } else {
            Pooling.maxPoolBackward(g, go, pos, po, h * w, cells, from, to, dx);
        }
    }

    private static Tensor recorded(Tensor x, Tensor out, Tensor positions, int planes, int plane, int cells,
                                   boolean pairs) {
        int[] inputShape = x.shape.clone();
        int h = inputShape[2], w = inputShape[3];
        out.setGradFn(new Node("MaxPool2DWithIndicesBackward0", x) {
            private final SavedTensor savedPositions = save(positions);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor chosen = savedPositions.get();
                if (GradMode.isEnabled()) {
                    Tensor flat = Tensor.zeros(planes, plane).scatterAdd(1, chosen, g.reshape(planes, cells));
                    return grads(flat.reshape(inputShape));
                }
                Tensor gc = Compute.dense(g);
                Tensor dx = Tensor.empty(inputShape, "max_pool2d_backward");
                float[] gs = gc.array(), dxs = dx.array(), pos = chosen.array();
                int go = gc.offset, po = chosen.offset, parts = Parallel.partsFor((long) planes * plane);
                if (parts == 1) {
                    gradient(pairs, gs, go, pos, po, dxs, 0, planes, h, w, cells);
                } else {
                    Parallel.forRanges(planes, parts, (from, to) -> gradient(pairs, gs, go, pos, po, dxs, from, to, h,
                            w, cells));
                }
                return grads(dx);
            }
        });
        return out;
    }
}
