package dev.vgrad.kernels;

/**
 * SGEMM on the scalar path (a JVM without the Vector API module, or {@code -Dvgrad.scalar=true}): {@link ScalarGemm}'s
 * canonical order bit for bit, at a speed fit for use. {@code ScalarGemm} walks C an element at a time and reads
 * B down its columns: on one core of an AMD Zen 5 (family 26 model 2, {@code peak} 233.6 GFLOP/s, 2026-12-07; a
 * throwaway loop) 1.8, 1.6 and 0.5 GFLOP/s at 256^3, 512^3 and 1024^3 (4.1 s), so a program started without
 * {@code --add-modules jdk.incubator.vector} multiplied matrices a hundred times slower than PyTorch. In one JMH run on
 * that CPU this class ran them at 10.8-12.0 GFLOP/s on one thread and EJML at 5.9-6.1 (BENCHMARKS.md, "2026-12-07,
 * evening").
 *
 * <p>Here B is packed a {@link #KC} x {@link #NC} block at a time into panels {@link #NR} columns wide and A an
 * {@link #MC} x KC block at a time into panels {@link #MR} rows high, with alpha folded into A's elements (alpha times
 * the element, rounded, as the reference computes it); a register tile of MR x NR independent FMA chains then runs
 * down the depth of a block, each chain from zero, and adds its sum to C as the reference adds a block's chain. Eight
 * chains are what two FMA units of latency four keep busy, and 2 x 4 leaves registers to spare on AVX2's sixteen. A
 * tile past C's edge runs on zero-padded panels and writes only C's part. The depth is cut where the reference cuts
 * it, so every element of C comes out of the same float operations in the same order: on any thread count (C's rows
 * split into blocks, one per thread, above {@link Sgemm#PARALLEL_FLOPS}) and at any blocking.
 */
final class PackedScalarGemm {
    /** Depth of a packed panel: the reference's chain length, which fixes the bits. */
    static final int KC = ScalarGemm.DEPTH_BLOCK;
    /** Rows of the register tile. */
    static final int MR = 2;
    /** Columns of the register tile. */
    static final int NR = 4;
    /** Rows of A packed at once: 64 KiB of panels, which stay in L2 while B's panels pass. */
    static final int MC = 64;
    /** Columns of B packed at once: 512 KiB of panels. */
    static final int NC = 512;

    /** Per thread: A's panels (slot 0) and B's (slot 1). */
    private static final Scratch PANELS = new Scratch(2);

    private PackedScalarGemm() {}

    /** {@link Sgemm#sgemm}'s contract, with the reference's bits. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int parts = (long) m * n * k < Sgemm.PARALLEL_FLOPS ? 1 : Math.min(Parallel.partsHere(), (m + MR - 1) / MR);
        if (parts <= 1) {
            rows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        SplitJobs.ScalarGemmRows.run((m + MR - 1) / MR, parts, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff,
                ldb, beta, c, cOff, ldc);
    }

    /** What the reference gives without products: C scaled by beta, or zeros where beta is 0 (C not read). */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    /** Rows {@code [i0, i1)} of C, the whole blocked product for them. */
    static void rows(boolean transA, boolean transB, int i0, int i1, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        float[] ap = PANELS.get(0, MC * KC);
        float[] bp = PANELS.get(1, NC * KC);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, alpha, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            tile(kc, ap, ir * kc, bp, jr * kc, c, cOff + (ic + ir) * ldc + jc + jr, ldc,
                                    Math.min(MR, mc - ir), Math.min(NR, nc - jr), pc == 0, beta);
                        }
                    }
                }
            }
        }
    }

    /** op(B)'s rows [pc, pc + kc) and columns [jc, jc + nc) as panels NR wide, kc deep, zero past column nc. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc, width = Math.min(NR, nc - jr);
            for (int p = 0; p < kc; p++) {
                int at = base + p * NR;
                for (int jj = 0; jj < NR; jj++) {
                    int j = jc + jr + jj;
                    bp[at + jj] = jj >= width ? 0f
                            : transB ? b[bOff + j * ldb + pc + p] : b[bOff + (pc + p) * ldb + j];
                }
            }
        }
    }

    /** alpha * op(A)'s rows [ic, ic + mc), depth [pc, pc + kc), as panels MR high, zero past row mc. */
    private static void packA(boolean transA, float alpha, float[] a, int aOff, int lda, int ic, int mc, int pc,
                              int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc, height = Math.min(MR, mc - ir);
            for (int p = 0; p < kc; p++) {
                int at = base + p * MR;
                for (int r = 0; r < MR; r++) {
                    int i = ic + ir + r;
                    ap[at + r] = r >= height ? 0f
                            : alpha * (transA ? a[aOff + (pc + p) * lda + i] : a[aOff + i * lda + pc + p]);
                }
            }
        }
    }

    /**
     * One MR x NR tile: its eight chains from zero over kc steps of the panels, then each added to C as the reference
     * adds a block's chain ({@code first}: the depth's first block, which replaces C where beta is 0 and otherwise
     * adds to beta * C). Only {@code rows} x {@code cols} of the tile lie inside C.
     */
    private static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int ci, int ldc,
                             int rows, int cols, boolean first, float beta) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f, c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR, bi = bo + p * NR;
            float a0 = ap[ai], a1 = ap[ai + 1];
            float b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
        }
        addRow(c, ci, cols, c00, c01, c02, c03, first, beta);
        if (rows > 1) {
            addRow(c, ci + ldc, cols, c10, c11, c12, c13, first, beta);
        }
    }

    /** The first {@code cols} of a tile row's four chains added into C from {@code at}. */
    private static void addRow(float[] c, int at, int cols, float s0, float s1, float s2, float s3, boolean first,
                               float beta) {
        c[at] = added(c, at, s0, first, beta);
        if (cols > 1) {
            c[at + 1] = added(c, at + 1, s1, first, beta);
        }
        if (cols > 2) {
            c[at + 2] = added(c, at + 2, s2, first, beta);
        }
        if (cols > 3) {
            c[at + 3] = added(c, at + 3, s3, first, beta);
        }
    }

    /** C's element after a block's chain, in the reference's operations. */
    private static float added(float[] c, int at, float chain, boolean first, float beta) {
        if (!first) {
            return c[at] + chain;
        }
        return beta == 0f ? chain : beta * c[at] + chain;
    }
}
