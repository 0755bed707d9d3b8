package dev.vgrad.kernels;

/**
 * Per-thread matrices held by rows that the factorizations keep between calls, a few slots of them: a matrix of
 * 128 x 128 doubles is 128 KB, and a fresh one each call costs more than an LU of it takes to run (new memory is
 * zeroed and fetched from DRAM; a kept one is still in L2). Matrices over MAX_ELEMENTS are allocated each time (their
 * O(n^3) work dwarfs that, and a thread should not keep a large one alive). Contents are left over from earlier calls
 * unless zeros are asked for.
 */
final class RowBuffers {
    private static final int MAX_ELEMENTS = 256 * 256;
    private static final int SLOTS = 2;   // a factorization holds at most its matrix and one result
    private static final ThreadLocal<double[][][]> KEPT = ThreadLocal.withInitial(() -> new double[SLOTS][][]);

    private RowBuffers() {}

    /** This thread's rows x cols matrix in slot, its rows exactly cols long; all zeros when {@code zeroed}. */
    static double[][] get(int slot, int rows, int cols, boolean zeroed) {
        if ((long) rows * cols > MAX_ELEMENTS) {
            return new double[rows][cols];
        }
        double[][][] kept = KEPT.get();
        double[][] m = kept[slot];
        if (m == null || m.length != rows || rows > 0 && m[0].length != cols) {
            m = new double[rows][cols];
            kept[slot] = m;
        } else if (zeroed) {
            for (double[] row : m) {
                java.util.Arrays.fill(row, 0);
            }
        }
        return m;
    }
}
