package dev.vgrad.kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 2-D sliding window over one group's input planes [channels, h, w]: kernel (kh, kw), stride, padding and
 * dilation, each a (height, width) pair. Its two index maps are what convolution as implicit GEMM reads instead of a
 * patch matrix: {@link #patchMap} for the forward product and the weight gradient, {@link #transposedMap} for the
 * input gradient. Both are cached by value (a training step asks for the same few every time: building them was most
 * of a step's allocation before).
 *
 * <p>Validation of the numbers is the caller's: the ops check them and name the op in their messages.
 */
public record ConvGeometry(int channels, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                           int dw) {
    /** What a cached table is. */
    private enum Table { PATCH_MAP, TRANSPOSED_MAP, TAPS, TRANSPOSED_TAPS, POSITIONS }

    /** The key of a cached table: the geometry, the table, and the output channels where the table depends on them. */
    private record Key(ConvGeometry geometry, Table table, int outChannels) {}

    private static final int CACHED = 64;

    /** The most recently used tables (least recently used dropped beyond {@link #CACHED}). */
    private static final Map<Key, int[]> MAPS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, int[]> eldest) {
            return size() > CACHED;
        }
    };

    /** Output rows: {@code (h + 2 ph - dh (kh - 1) - 1) / sh + 1}. */
    public int outH() {
        return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
    }

    /** Output columns. */
    public int outW() {
        return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
    }

    /** Rows of the patch matrix: channels * kh * kw, ordered (channel, kernel row, kernel column) as PyTorch's. */
    public int patchRows() {
        return channels * kh * kw;
    }

    /** Columns of the patch matrix: one per output position, outH * outW. */
    public int patchCols() {
        return outH() * outW();
    }

    /**
     * The patch matrix of one image as offsets: entry {@code r * patchCols() + l} is where window l's element r lies
     * in the [channels, h, w] image, or -1 where it falls in the padding. Shared: do not write to it.
     */
    public int[] patchMap() {
        return cached(new Key(this, Table.PATCH_MAP, 0));
    }

    /**
     * The input gradient's patch matrix as offsets into one image's output gradient [outChannels, outH, outW]: rows
     * (output channel, kernel row, kernel column), one column per input position (h * w). Entry (r, q) is where the
     * output that input position q fed through kernel tap r lies, or -1 where no output did (padding, or a position
     * a stride skipped). The input gradient is then the weights, arranged [channels, outChannels * kh * kw], times
     * this matrix: a convolution of the output gradient, with no fold. Shared: do not write to it.
     */
    public int[] transposedMap(int outChannels) {
        if (outChannels < 0) {
            throw new IllegalArgumentException("transposedMap: outChannels must be >= 0, got " + outChannels);
        }
        return cached(new Key(this, Table.TRANSPOSED_MAP, outChannels));
    }

    /** Rows of the image zero-padded for the direct forward kernels: h + 2 ph. */
    int paddedH() {
        return h + 2 * ph;
    }

    /** Columns of the padded image: w + 2 pw. */
    int paddedW() {
        return w + 2 * pw;
    }

    /**
     * For each patch row (channel, kernel row, kernel column), its tap's offset in the padded image
     * [channels, paddedH, paddedW] from a window's top-left corner. Shared: do not write to it.
     */
    int[] taps() {
        return cached(new Key(this, Table.TAPS, 0));
    }

    /** For each output position (oh, ow), its window's top-left corner in the padded image. Shared. */
    int[] positions() {
        return cached(new Key(this, Table.POSITIONS, 0));
    }

    /** Rows of the output gradient padded for the direct input-gradient kernel (stride 1): h + dh (kh - 1). */
    int transposedH() {
        return h + dh * (kh - 1);
    }

    /** Columns of the padded output gradient: w + dw (kw - 1). */
    int transposedW() {
        return w + dw * (kw - 1);
    }

    /**
     * For each row (output channel, kernel row, kernel column) of the input gradient's product, where its tap lies in
     * the output gradient padded to [outChannels, transposedH, transposedW] (kh - 1 - ki rows and kw - 1 - kj columns
     * in, scaled by the dilation: the kernel flipped) from an input position. Stride 1 only. Shared.
     */
    int[] transposedTaps(int outChannels) {
        return cached(new Key(this, Table.TRANSPOSED_TAPS, outChannels));
    }

    private static int[] cached(Key key) {
        synchronized (MAPS) {
            return MAPS.computeIfAbsent(key, k -> switch (k.table) {
                case PATCH_MAP -> k.geometry.buildPatchMap();
                case TRANSPOSED_MAP -> k.geometry.buildTransposedMap(k.outChannels);
                case TAPS -> k.geometry.buildTaps(k.geometry.channels, k.geometry.paddedH(), k.geometry.paddedW(), false);
                case TRANSPOSED_TAPS -> k.geometry.buildTaps(k.outChannels, k.geometry.transposedH(),
                        k.geometry.transposedW(), true);
                case POSITIONS -> k.geometry.buildPositions();
            });
        }
    }

    private int[] buildTaps(int planes, int rows, int cols, boolean flipped) {
        int[] t = new int[planes * kh * kw];
        int i = 0;
        for (int c = 0; c < planes; c++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int y = (flipped ? kh - 1 - ki : ki) * dh, x = (flipped ? kw - 1 - kj : kj) * dw;
                    t[i++] = (c * rows + y) * cols + x;
                }
            }
        }
        return t;
    }

    private int[] buildPositions() {
        int outH = outH(), outW = outW();
        int[] q = new int[outH * outW];
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++) {
                q[oh * outW + ow] = oh * sh * paddedW() + ow * sw;
            }
        }
        return q;
    }

    private int[] buildPatchMap() {
        int outH = outH(), outW = outW();
        int[] m = new int[patchRows() * patchCols()];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    for (int oh = 0; oh < outH; oh++) {
                        int ih = oh * sh - ph + ki * dh;
                        for (int ow = 0; ow < outW; ow++) {
                            int iw = ow * sw - pw + kj * dw;
                            m[i++] = ih < 0 || ih >= h || iw < 0 || iw >= w ? -1 : (c * h + ih) * w + iw;
                        }
                    }
                }
            }
        }
        return m;
    }

    private int[] buildTransposedMap(int outChannels) {
        int outH = outH(), outW = outW();
        int[] m = new int[outChannels * kh * kw * h * w];
        int i = 0;
        for (int o = 0; o < outChannels; o++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    for (int ih = 0; ih < h; ih++) {
                        int oh = outputIndex(ih + ph - ki * dh, sh, outH);
                        for (int iw = 0; iw < w; iw++) {
                            int ow = outputIndex(iw + pw - kj * dw, sw, outW);
                            m[i++] = oh < 0 || ow < 0 ? -1 : (o * outH + oh) * outW + ow;
                        }
                    }
                }
            }
        }
        return m;
    }

    /** The output index whose window start, {@code index * stride}, is {@code at}; -1 when there is none. */
    private static int outputIndex(int at, int stride, int outSize) {
        if (at < 0 || at % stride != 0 || at / stride >= outSize) {
            return -1;
        }
        return at / stride;
    }
}
