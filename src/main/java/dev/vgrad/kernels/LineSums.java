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
                float sum = o[base + len - 1];
                for (int i = len - 2; i >= 0; i--) {
                    sum = o[base + i] + sum;
                    o[base + i] = sum;
                }
            } else {
                float sum = o[base];
                for (int i = 1; i < len; i++) {
                    sum = o[base + i] + sum;
                    o[base + i] = sum;
                }
            }
        }
    }
}
