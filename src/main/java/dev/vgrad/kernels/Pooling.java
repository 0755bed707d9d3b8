package dev.vgrad.kernels;

/**
 * Max pooling over 2x2 windows at stride 2 without padding (the pooling of LeNet-style CNNs), forward and backward,
 * on planes of {@code h x w} floats stored one after another. A window's maximum follows PyTorch's kernel: the
 * top-left element starts, then top-right, bottom-left and bottom-right take over when larger or NaN, so among equal
 * maxima the first counts and among NaNs the last. Its position is kept as the plane-relative index
 * {@code y * w + x}, a float (exact below 2^24), which is what the backward reads.
 *
 * <p>The Vector API path splits each row's pairs into their left and right elements with two-vector shuffles and
 * makes the three choices for L windows at once; the scalar path is the reference it is tested against.
 */
public final class Pooling {
    private Pooling() {}

    /**
     * Planes {@code [from, to)} of {@code src} (plane p at {@code src[offset + p*h*w]}) pooled into {@code dst}
     * (plane p's {@code (h/2) x (w/2)} maxima at {@code dst[p * (h/2) * (w/2)]}), each maximum's position into
     * {@code at} at the same index when {@code at} is not null.
     */
    public static void maxPool2x2(float[] src, int offset, int h, int w, int from, int to, float[] dst, float[] at) {
        if (Vectorization.ENABLED) {
            VectorPooling.maxPool2x2(src, offset, h, w, from, to, dst, at);
        } else {
            ScalarPooling.maxPool2x2(src, offset, h, w, from, to, dst, at);
        }
    }

    /**
     * The input gradient of {@link #maxPool2x2} for planes {@code [from, to)}: {@code dx[p*h*w + i]} is the gradient
     * {@code g[go + p*cells + o]} of the window o whose maximum lies at i, and 0 for every other element (cells being
     * {@code (h/2) * (w/2)}). {@code pos} holds the positions {@link #maxPool2x2} wrote, from {@code pos[po]}.
     */
    public static void maxPool2x2Backward(float[] g, int go, float[] pos, int po, int h, int w, int from, int to,
                                          float[] dx) {
        if (Vectorization.ENABLED) {
            VectorPooling.maxPool2x2Backward(g, go, pos, po, h, w, from, to, dx);
        } else {
            ScalarPooling.maxPool2x2Backward(g, go, pos, po, h, w, from, to, dx);
        }
    }

    /**
     * The input gradient of a max pooling of any window: planes {@code [from, to)} of {@code dx} ({@code plane}
     * floats each) zeroed, then each window's gradient {@code g[go + p*cells + o]} added at its maximum's
     * plane-relative position {@code pos[po + p*cells + o]} (overlapping windows may share one).
     */
    public static void maxPoolBackward(float[] g, int go, float[] pos, int po, int plane, int cells, int from, int to,
                                       float[] dx) {
        ScalarPooling.scatter(g, go, pos, po, plane, cells, from, to, dx);
    }
}
