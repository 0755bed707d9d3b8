package dev.vgrad.kernels;

/**
 * Running sums along contiguous lines (cumsum along the last dimension), each line's chain element after element in
 * the line's order from its first element (its last, reversed): the bits of a plain loop on every path. With vectors,
 * whole groups of lines run side by side ({@link VectorLines}); the rest one line at a time, the running sum kept in a
 * register (through memory, each addition waited on the store before it).
 */
public final class LineSums {
    private LineSums() {}

    /**
     * In place over {@code lines} lines of {@code len} floats from {@code off}, one after another: element i of a line
     * becomes {@code x[i] + s}, s the running sum of the elements before it (after it, with {@code reverse}).
     */
    public static void along(int lines, int len, float[] o, int off, boolean reverse) {
        int l = 0;
        if (Vectorization.ENABLED && VectorLines.BLOCK > 0 && len >= VectorLines.BLOCK) {
            VectorLines.sums(lines, len, o, off, reverse);
            l = lines / VectorLines.BLOCK * VectorLines.BLOCK;
        }
        for (; l < lines; l++) {
            int base = off + l * len;
            if (reverse) {
                backward(o, base, base + len - 1, o[base + len - 1]);
            } else {
                forward(o, base + 1, base + len, o[base]);
            }
        }
    }

    /** {@code o[from..to)} in order, each element becoming itself plus the running sum from {@code sum}; the last. */
    static float forward(float[] o, int from, int to, float sum) {
        for (int i = from; i < to; i++) {
            sum = o[i] + sum;
            o[i] = sum;
        }
        return sum;
    }

    /** {@link #forward} from {@code o[to - 1]} down to {@code o[from]}. */
    static float backward(float[] o, int from, int to, float sum) {
        for (int i = to - 1; i >= from; i--) {
            sum = o[i] + sum;
            o[i] = sum;
        }
        return sum;
    }
}
