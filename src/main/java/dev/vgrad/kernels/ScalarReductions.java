package dev.vgrad.kernels;

/**
 * The reference reductions, one element at a time, in vgrad's canonical summation order, which every vector
 * width reproduces bit for bit (see {@link VectorReductions}):
 * <ol>
 *   <li>the run is cut into blocks of {@link #BLOCK} elements whose float partial sums are added in double;</li>
 *   <li>inside a block, element {@code i} of each whole group of {@link #GROUP} goes to accumulator slot
 *   {@code i % GROUP}; then element {@code i} of each whole group of {@link #LANES} left goes to slot
 *   {@code i % LANES};</li>
 *   <li>the slots fold into {@link #LANES} lanes as {@code (s[l] + s[16+l]) + (s[32+l] + s[48+l])}, the lanes
 *   into one in a tree (lane l plus lane l + 8, then + 4, + 2, + 1), and the last elements are added one by
 *   one.</li>
 * </ol>
 * Dot products are the same with {@code fma(a, b, acc)} for {@code acc + x}. This is a 16-lane vector unit with
 * four accumulators written out in scalar code: AVX-512 runs it as is, AVX2 as pairs of 8-lane halves.
 */
final class ScalarReductions {
    /** Lanes of the canonical vector. */
    static final int LANES = 16;
    /** Elements per step of the main loop: four accumulators of {@link #LANES}. */
    static final int GROUP = 4 * LANES;
    /** Elements per float partial sum; the float error grows with the block, not with n. */
    static final int BLOCK = 2048;

    /** The accumulator slots, per thread: strided runs take this path on the vector path too, and must not allocate. */
    private static final ThreadLocal<float[]> SLOTS = ThreadLocal.withInitial(() -> new float[GROUP]);

    private ScalarReductions() {}

    /** The sum of term(x[off + i*stride]) in the canonical blocks, lanes and order. */
    static float sum(int n, float[] x, int off, int stride, SumTerm term) {
        double total = 0;
        float[] slots = SLOTS.get();
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            java.util.Arrays.fill(slots, 0f);
            int base = off + start * stride;
            int i = 0;
            for (; i + GROUP <= len; i += GROUP) {
                for (int s = 0; s < GROUP; s++) {
                    slots[s] += term.of(x[base + (i + s) * stride]);
                }
            }
            for (; i + LANES <= len; i += LANES) {
                for (int s = 0; s < LANES; s++) {
                    slots[s] += term.of(x[base + (i + s) * stride]);
                }
            }
            float partial = foldLanes(slots);
            for (; i < len; i++) {
                partial += term.of(x[base + i * stride]);
            }
            total += partial;
        }
        return (float) total;
    }

    /**
     * Columns [j0, j1) of {@link Reductions#addRowProducts}: each row (times h's, where h is not null) added into acc,
     * in row order; with h null, of {@link Reductions#addRows}.
     */
    static void addRows(int rows, int cols, int j0, int j1, float[] g, int gOff, float[] h, int hOff, float[] acc,
                        int accOff) {
        for (int r = 0; r < rows; r++) {
            int row = gOff + r * cols, hRow = hOff + r * cols;
            for (int j = j0; j < j1; j++) {
                acc[accOff + j] += h == null ? g[row + j] : g[row + j] * h[hRow + j];
            }
        }
    }

    /** {@link Reductions#maxRows} for columns [j0, cols). */
    static void maxRows(int rows, int cols, int j0, float[] x, int xOff, float[] best, int bestOff, float[] at,
                        int atOff) {
        for (int j = j0; j < cols; j++) {
            best[bestOff + j] = x[xOff + j];
            if (at != null) {
                at[atOff + j] = 0f;
            }
        }
        for (int r = 1; r < rows; r++) {
            int row = xOff + r * cols;
            for (int j = j0; j < cols; j++) {
                float b = best[bestOff + j], v = x[row + j];
                // a NaN found stays; a later NaN or a strictly larger value replaces the best so far
                if (b == b && (v > b || v != v)) {
                    best[bestOff + j] = v;
                    if (at != null) {
                        at[atOff + j] = r;
                    }
                }
            }
        }
    }

    static float dot(int n, float[] a, int ao, int as, float[] b, int bo, int bs) {
        double total = 0;
        float[] slots = SLOTS.get();
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            java.util.Arrays.fill(slots, 0f);
            int abase = ao + start * as, bbase = bo + start * bs;
            int i = 0;
            for (; i + GROUP <= len; i += GROUP) {
                for (int s = 0; s < GROUP; s++) {
                    slots[s] = Math.fma(a[abase + (i + s) * as], b[bbase + (i + s) * bs], slots[s]);
                }
            }
            for (; i + LANES <= len; i += LANES) {
                for (int s = 0; s < LANES; s++) {
                    slots[s] = Math.fma(a[abase + (i + s) * as], b[bbase + (i + s) * bs], slots[s]);
                }
            }
            float partial = foldLanes(slots);
            for (; i < len; i++) {
                partial = Math.fma(a[abase + i * as], b[bbase + i * bs], partial);
            }
            total += partial;
        }
        return (float) total;
    }

    /** The four accumulators added lane by lane, then the lanes added in a halving tree; slots is clobbered. */
    private static float foldLanes(float[] slots) {
        for (int l = 0; l < LANES; l++) {
            slots[l] = (slots[l] + slots[LANES + l]) + (slots[2 * LANES + l] + slots[3 * LANES + l]);
        }
        for (int half = LANES / 2; half >= 1; half /= 2) {
            for (int l = 0; l < half; l++) {
                slots[l] = slots[l] + slots[l + half];
            }
        }
        return slots[0];
    }

    static float max(int n, float[] x, int off, int stride) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i * stride]);
        }
        return m;
    }
}
