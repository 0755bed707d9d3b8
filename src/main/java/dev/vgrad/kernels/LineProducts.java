package dev.vgrad.kernels;

/**
 * Products along one dimension of a contiguous array, each line's factors multiplied in order from 1 (one chain per
 * line: the bits of a plain loop, on every path). A chain of multiplies waits on each one's latency, four cycles or so;
 * these kernels keep eight chains, or a vector of them, in flight instead of one (torch.prod(x, dim) ran 18x
 * PyTorch 1.13's time as one chain a line, 2026-12-05).
 */
public final class LineProducts {
    /** Lines multiplied side by side where the lines are runs. */
    static final int CHAINS = 8;

    private LineProducts() {}

    /**
     * {@code out[outOff + o * inner + j] = prod over i < len of x[xOff + (o * len + i) * inner + j]} for every
     * {@code o < outer}, {@code j < inner}: the product along the middle dimension of [outer, len, inner].
     */
    public static void along(int outer, int len, int inner, float[] x, int xOff, float[] out, int outOff) {
        if (inner == 1) {
            runs(outer, len, x, xOff, out, outOff);
            return;
        }
        // The lines lie side by side: one elementwise multiply of a whole row of them per step along the dimension.
        for (int o = 0; o < outer; o++) {
            int at = outOff + o * inner;
            java.util.Arrays.fill(out, at, at + inner, 1f);
            for (int i = 0; i < len; i++) {
                Elementwise.binary(BinaryOp.MUL, inner, out, at, 1, x, xOff + (o * len + i) * inner, 1, out, at, 1);
            }
        }
    }

    /** {@code out[outOff + l]} = the product of the run of {@code len} floats at {@code xOff + l * len}, l < lines. */
    static void runs(int lines, int len, float[] x, int xOff, float[] out, int outOff) {
        int l = 0;
        if (Vectorization.ENABLED && VectorLines.BLOCK > 0 && len >= VectorLines.BLOCK) {
            VectorLines.products(lines, len, x, xOff, out, outOff);
            l = lines / VectorLines.BLOCK * VectorLines.BLOCK;
        }
        for (; l + CHAINS <= lines; l += CHAINS) {
            int b = xOff + l * len;
            float p0 = 1f, p1 = 1f, p2 = 1f, p3 = 1f, p4 = 1f, p5 = 1f, p6 = 1f, p7 = 1f;
            for (int i = 0; i < len; i++) {
                p0 *= x[b + i];
                p1 *= x[b + len + i];
                p2 *= x[b + 2 * len + i];
                p3 *= x[b + 3 * len + i];
                p4 *= x[b + 4 * len + i];
                p5 *= x[b + 5 * len + i];
                p6 *= x[b + 6 * len + i];
                p7 *= x[b + 7 * len + i];
            }
            out[outOff + l] = p0;
            out[outOff + l + 1] = p1;
            out[outOff + l + 2] = p2;
            out[outOff + l + 3] = p3;
            out[outOff + l + 4] = p4;
            out[outOff + l + 5] = p5;
            out[outOff + l + 6] = p6;
            out[outOff + l + 7] = p7;
        }
        for (; l < lines; l++) {
            float p = 1f;
            for (int i = 0, b = xOff + l * len; i < len; i++) {
                p *= x[b + i];
            }
            out[outOff + l] = p;
        }
    }
}
