package dev.vgrad.kernels;

/**
 * 2-D convolution as implicit GEMM: the forward product and both backward products run SGEMM's blocked algorithm
 * with B gathered from the images through an index map ({@link ConvGeometry}) while it is packed, so no patch matrix
 * is ever written (the only copy of the patches is the packed panel block SGEMM packs for any product). Arrays are
 * row-major: images [n, groups * channels, h, w], weights [groups * outPerGroup, channels, kh, kw], outputs
 * [n, groups * outPerGroup, outH, outW]; the geometry is one group's.
 * <ul>
 *   <li>Forward, per image and group: {@code Y[og, L] = W[og, K] * P[K, L]}, P the image's patch matrix (K the
 *   window size channels * kh * kw, L the output positions); the bias starts C, so it costs no pass of its own.</li>
 *   <li>Weight gradient, per group: {@code dW[og, K] = sum over images of dY[og, L] * P^T}: P^T through the
 *   transpose flag (the map read along its rows), each image's product added to the last in image order.</li>
 *   <li>Input gradient, per image and group: {@code dX[channels, h*w] = W'[channels, og*kh*kw] * T}, W' the weights
 *   with their first two axes swapped and T the output gradient's transposed patch matrix: a convolution of the
 *   output gradient, as cuDNN's and oneDNN's backward-data kernels do it. Unlike dX = W^T dY followed by a fold, it
 *   writes each element of dX once, from one part, with no buffer and no scatter; the cost is that with a stride
 *   above 1 most of T's entries are the zeros of skipped positions (a factor sh * sw more multiply-adds).</li>
 * </ul>
 * With the Vector API these are the fallback: {@link VectorConv}'s direct paths take the forward product (width stride
 * 1), the input gradient (strides 1) and the weight gradient (any stride), reading a zero-padded copy of each image in
 * the register tile instead of packing B, with the same terms in the same order.
 *
 * <p>Every product keeps SGEMM's canonical order ({@link ScalarGemm}), and work is split between threads by images (the
 * forward and input-gradient products) or by columns of dW, never inside a sum, so the bits do not depend on the
 * thread count. Without the Vector API the gathered B is written out and multiplied by {@link PackedScalarGemm}: the
 * same bits again.
 */
public final class ConvGemm {
    /**
     * dW's columns are split between threads in multiples of this: whole micro-tiles on every vector width (one 8-row
     * tile with 16 lanes, two 4-row ones with 8). Units of 32 split a 3x3x32 layer's 288 columns 160 / 128 between two
     * threads and left a 3x3 layer on one input channel (9 columns) to one thread.
     */
    private static final int COLUMN_UNIT = 8;
    /**
     * Per thread: packed weights (the direct paths' A), the scalar path's written-out B, the direct weight gradient's
     * dW^T, the input gradient's weights with their first two axes swapped.
     */
    private static final Scratch SCRATCH = new Scratch(4);

    private ConvGemm() {}

    /**
     * {@code y = conv(x, w) + bias} for n images. {@code bias} may be null. y is overwritten.
     *
     * @param outPerGroup output channels per group; w holds {@code groups * outPerGroup} filters
     */
    public static void forward(ConvGeometry geo, int n, int groups, int outPerGroup, float[] x, int xOff, float[] w,
                               int wOff, float[] bias, int biasOff, float[] y, int yOff) {
        forward(geo, n, groups, outPerGroup, x, xOff, w, wOff, bias, biasOff, y, yOff, true);
    }

    /** {@link #forward}; {@code allowDirect} false keeps it on the gathered path (for tests of one path against the other). */
    static void forward(ConvGeometry geo, int n, int groups, int outPerGroup, float[] x, int xOff, float[] w, int wOff,
                        float[] bias, int biasOff, float[] y, int yOff, boolean allowDirect) {
        int window = geo.patchRows(), cols = geo.patchCols();
        boolean direct = allowDirect && Vectorization.ENABLED && geo.sw() == 1;
        int[] map = direct ? null : geo.patchMap(), taps = direct ? geo.taps() : null;
        float[] packed = direct ? packedRows(w, wOff, groups, outPerGroup, window) : null;
        int parts = parts(n, (long) groups * outPerGroup * window * cols);
        // One part runs here without a lambda: its object, one per call, was a twentieth of a CNN step's bytes.
        if (parts == 1) {
            forwardImages(0, n, geo, groups, outPerGroup, x, xOff, w, wOff, bias, biasOff, y, yOff, map, taps, packed);
        } else {
            Parallel.forRanges(n, parts, (from, to) -> forwardImages(from, to, geo, groups, outPerGroup, x, xOff, w,
                    wOff, bias, biasOff, y, yOff, map, taps, packed));
        }
    }

    /** Images [from, to) of {@link #forward}: the direct path when {@code packed} is given, else the gathered one. */
    private static void forwardImages(int from, int to, ConvGeometry geo, int groups, int outPerGroup, float[] x,
                                      int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff,
                                      int[] map, int[] taps, float[] packed) {
        int window = geo.patchRows(), cols = geo.patchCols(), plane = geo.h() * geo.w();
        int inImage = groups * geo.channels() * plane, outImage = groups * outPerGroup * cols;
        int span = packed == null ? 1
                : VectorConv.spanImages(geo.channels() * geo.paddedH() * geo.paddedW(), cols, to - from);
        for (int b = from; b < to; b += span) {
            int count = Math.min(span, to - b);
            for (int g = 0; g < groups; g++) {
                int out = yOff + b * outImage + g * outPerGroup * cols;
                int in = xOff + b * inImage + g * geo.channels() * plane;
                if (packed != null) {
                    VectorConv.forwardImages(geo, taps, outPerGroup, count, x, in, inImage, packed,
                            g * VectorConv.paddedRows(outPerGroup) * window, bias, biasOff + g * outPerGroup, y, out,
                            outImage);
                } else {
                    if (bias != null) {
                        for (int o = 0; o < outPerGroup; o++) {
                            java.util.Arrays.fill(y, out + o * cols, out + (o + 1) * cols,
                                    bias[biasOff + g * outPerGroup + o]);
                        }
                    }
                    gathered(false, outPerGroup, cols, window, w, wOff + g * outPerGroup * window, window, x, in,
                            map, 0, cols, bias != null, y, out, cols);
                }
            }
        }
    }

    /** Each group's rows [rows, depth] of {@code a}, packed by {@link VectorConv#packRows} into this thread's scratch. */
    private static float[] packedRows(float[] a, int aOff, int groups, int rows, int depth) {
        int block = VectorConv.paddedRows(rows) * depth;
        float[] packed = SCRATCH.get(0, groups * block);
        for (int g = 0; g < groups; g++) {
            VectorConv.packRows(a, aOff + g * rows * depth, depth, rows, depth, packed, g * block);
        }
        return packed;
    }

    /** {@code dx}, the gradient of the input, from the output gradient {@code dy}; dx is overwritten. */
    public static void inputGrad(ConvGeometry geo, int n, int groups, int outPerGroup, float[] dy, int dyOff,
                                 float[] w, int wOff, float[] dx, int dxOff) {
        inputGrad(geo, n, groups, outPerGroup, dy, dyOff, w, wOff, dx, dxOff, true);
    }

    /** {@link #inputGrad}; {@code allowDirect} false keeps it on the gathered path. */
    static void inputGrad(ConvGeometry geo, int n, int groups, int outPerGroup, float[] dy, int dyOff, float[] w,
                          int wOff, float[] dx, int dxOff, boolean allowDirect) {
        int channels = geo.channels(), taps = geo.kh() * geo.kw(), depth = outPerGroup * taps;
        int plane = geo.h() * geo.w();
        float[] swapped = SCRATCH.get(3, groups * channels * depth);
        for (int g = 0; g < groups; g++) {
            for (int o = 0; o < outPerGroup; o++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(w, wOff + ((g * outPerGroup + o) * channels + c) * taps, swapped,
                            (g * channels + c) * depth + o * taps, taps);
                }
            }
        }
        boolean direct = allowDirect && Vectorization.ENABLED && geo.sh() == 1 && geo.sw() == 1;
        int[] map = direct ? null : geo.transposedMap(outPerGroup);
        int[] flipped = direct ? geo.transposedTaps(outPerGroup) : null;
        float[] packed = direct ? packedRows(swapped, 0, groups, channels, depth) : null;
        int parts = parts(n, (long) groups * channels * depth * plane);
        if (parts == 1) {
            inputGradImages(0, n, geo, groups, outPerGroup, dy, dyOff, swapped, dx, dxOff, map, flipped, packed);
        } else {
            Parallel.forRanges(n, parts, (from, to) -> inputGradImages(from, to, geo, groups, outPerGroup, dy, dyOff,
                    swapped, dx, dxOff, map, flipped, packed));
        }
    }

    /** Images [from, to) of {@link #inputGrad}: the direct path when {@code packed} is given, else the gathered one. */
    private static void inputGradImages(int from, int to, ConvGeometry geo, int groups, int outPerGroup, float[] dy,
                                        int dyOff, float[] swapped, float[] dx, int dxOff, int[] map, int[] flipped,
                                        float[] packed) {
        int channels = geo.channels(), depth = outPerGroup * geo.kh() * geo.kw();
        int plane = geo.h() * geo.w(), cols = geo.patchCols();
        int inImage = groups * channels * plane, outImage = groups * outPerGroup * cols;
        int span = packed == null ? 1
                : VectorConv.spanImages(outPerGroup * geo.transposedH() * geo.transposedW(), plane,
                        to - from);
        for (int b = from; b < to; b += span) {
            int count = Math.min(span, to - b);
            for (int g = 0; g < groups; g++) {
                int in = dyOff + b * outImage + g * outPerGroup * cols;
                int out = dxOff + b * inImage + g * channels * plane;
                if (packed != null) {
                    VectorConv.inputGradImages(geo, flipped, outPerGroup, count, dy, in, outImage, packed,
                            g * VectorConv.paddedRows(channels) * depth, dx, out, inImage);
                } else {
                    gathered(false, channels, plane, depth, swapped, g * channels * depth, depth, dy, in, map, 0,
                            plane, false, dx, out, plane);
                }
            }
        }
    }

    /**
     * {@code dw}, the gradient of the weights, from the input x and the output gradient dy: dw is overwritten, or
     * with {@code accumulate} the gradient is added to what dw holds (a parameter's grad from an earlier pass).
     */
    public static void weightGrad(ConvGeometry geo, int n, int groups, int outPerGroup, float[] x, int xOff,
                                  float[] dy, int dyOff, float[] dw, int dwOff, boolean accumulate) {
        weightGrad(geo, n, groups, outPerGroup, x, xOff, dy, dyOff, dw, dwOff, true, accumulate);
    }

    /**
     * {@link #weightGrad}; {@code allowDirect} false keeps it on the gathered path. Parts split dW's columns (patch
     * rows), each summing every image for its own.
     */
    static void weightGrad(ConvGeometry geo, int n, int groups, int outPerGroup, float[] x, int xOff, float[] dy,
                           int dyOff, float[] dw, int dwOff, boolean allowDirect, boolean accumulate) {
        int window = geo.patchRows(), cols = geo.patchCols();
        if (n == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(dw, dwOff, dwOff + groups * outPerGroup * window, 0f);
            }
            return;
        }
        boolean direct = allowDirect && Vectorization.ENABLED;
        int[] map = direct ? null : geo.patchMap();
        int[] taps = direct ? geo.taps() : null, positions = direct ? geo.positions() : null;
        // The direct path sums dW^T [window, outPerGroup] per group, then each part moves its rows into dW.
        float[] transposed = direct ? SCRATCH.get(2, groups * window * outPerGroup) : null;
        int units = (window + COLUMN_UNIT - 1) / COLUMN_UNIT;
        int parts = parts(units, (long) n * groups * outPerGroup * window * cols);
        if (parts == 1) {
            weightGradUnits(0, units, geo, n, groups, outPerGroup, x, xOff, dy, dyOff, dw, dwOff, map, taps, positions,
                    transposed, accumulate);
        } else {
            Parallel.forRanges(units, parts, (from, to) -> weightGradUnits(from, to, geo, n, groups, outPerGroup, x,
                    xOff, dy, dyOff, dw, dwOff, map, taps, positions, transposed, accumulate));
        }
    }

    /**
     * dW's columns [from, to) units of {@link #COLUMN_UNIT} of {@link #weightGrad}, over every image: the direct path
     * (through dW^T) when {@code transposed} is given, else the gathered one.
     */
    private static void weightGradUnits(int from, int to, ConvGeometry geo, int n, int groups, int outPerGroup,
                                        float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff, int[] map,
                                        int[] taps, int[] positions, float[] transposed, boolean accumulate) {
        int window = geo.patchRows(), cols = geo.patchCols(), plane = geo.h() * geo.w();
        int inImage = groups * geo.channels() * plane, outImage = groups * outPerGroup * cols;
        int j0 = from * COLUMN_UNIT, j1 = Math.min(window, to * COLUMN_UNIT);
        for (int g = 0; g < groups; g++) {
            int x0 = xOff + g * geo.channels() * plane, dy0 = dyOff + g * outPerGroup * cols;
            int dw0 = dwOff + g * outPerGroup * window;
            if (transposed != null) {
                int t0 = g * window * outPerGroup;
                VectorConv.weightGradRows(geo, taps, positions, n, outPerGroup, x, x0, inImage, dy, dy0, outImage, j0,
                        j1, transposed, t0);
                for (int p = j0; p < j1; p++) {
                    for (int o = 0; o < outPerGroup; o++) {
                        float v = transposed[t0 + p * outPerGroup + o];
                        dw[dw0 + o * window + p] = accumulate ? dw[dw0 + o * window + p] + v : v;
                    }
                }
                continue;
            }
            for (int b = 0; b < n; b++) {
                gathered(true, outPerGroup, j1 - j0, cols, dy, dy0 + b * outImage, cols, x, x0 + b * inImage, map,
                        j0 * cols, cols, accumulate || b > 0, dw, dw0 + j0, window);
            }
        }
    }

    /**
     * The bias gradient: {@code db[o]} = the sum of {@code dy[b, o, :]} over images b and the plane's {@code plane}
     * positions, for dy [n, channels, plane]; db is overwritten, or with {@code accumulate} added to. Each image's
     * plane is summed by {@link Reductions#sum} (vector lanes in its fixed order: the same bits on every path and
     * thread count) and the planes' sums are added in double, images in order. (Four scalar chains in double took 4 %
     * of the CNN step on a Zen 3.)
     */
    public static void biasGrad(int n, int channels, int plane, float[] dy, int dyOff, float[] db, int dbOff,
                                boolean accumulate) {
        // Channels split between threads: each channel's sum is one part's, in the serial order (it ran on the
        // caller alone, 4 % of its time in the CNN step on two threads; Intel Xeon, 2026-12-03).
        int parts = Math.min(channels, Parallel.partsFor((long) n * channels * plane));
        if (parts <= 1) {
            biasGradChannels(0, channels, n, channels, plane, dy, dyOff, db, dbOff, accumulate);
        } else {
            SplitJobs.BiasGrad.run(parts, n, channels, plane, dy, dyOff, db, dbOff, accumulate);
        }
    }

    /** Channels [from, to) of {@link #biasGrad}. */
    static void biasGradChannels(int from, int to, int n, int channels, int plane, float[] dy, int dyOff,
                                 float[] db, int dbOff, boolean accumulate) {
        for (int o = from; o < to; o++) {
            double total = 0;
            for (int b = 0; b < n; b++) {
                total += Reductions.sum(plane, dy, dyOff + (b * channels + o) * plane, 1);
            }
            float sum = (float) total;
            db[dbOff + o] = accumulate ? db[dbOff + o] + sum : sum;
        }
    }

    /** Parts for {@code items} independent items of {@code macs} multiply-adds in all. */
    private static int parts(int items, long macs) {
        return macs < Sgemm.PARALLEL_FLOPS ? 1 : Math.min(items, Parallel.partsHere());
    }

    /**
     * {@code C = A * B} (C += with accumulate) on this thread, A m x k stored with row length lda, and B k x n read
     * through a map: {@code B[p][j] = src[srcOff + map[mapOff + p * ldm + j]]}, or with transB
     * {@code map[mapOff + j * ldm + p]}, and 0 where the map holds -1. The order of every sum is SGEMM's.
     */
    public static void gathered(boolean transB, int m, int n, int k, float[] a, int aOff, int lda, float[] src,
                                int srcOff, int[] map, int mapOff, int ldm, boolean accumulate, float[] c, int cOff,
                                int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        if (Vectorization.ENABLED) {
            VectorGemm.gathered(transB, m, n, k, a, aOff, lda, src, srcOff, map, mapOff, ldm, accumulate, c, cOff, ldc);
            return;
        }
        float[] b = SCRATCH.get(1, k * n);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                int at = map[mapOff + (transB ? j * ldm + p : p * ldm + j)];
                b[p * n + j] = at < 0 ? 0f : src[srcOff + at];
            }
        }
        PackedScalarGemm.sgemm(false, false, m, n, k, 1f, a, aOff, lda, b, 0, n, accumulate ? 1f : 0f, c, cOff, ldc);
    }
}
