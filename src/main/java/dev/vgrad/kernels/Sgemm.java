package dev.vgrad.kernels;

import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM on row-major {@code float[]} matrices: {@code C = alpha * op(A) * op(B) + beta * C},
 * where op(X) is X or its transpose. The transpose flags are how backward avoids materializing a transpose:
 * {@code dA = dC * B^T} is {@code sgemm(false, true, ...)} on B's own storage.
 *
 * <h2>Algorithms</h2>
 * <ul>
 *   <li><b>Blocked</b> (the GotoBLAS/BLIS scheme). B is packed into panels {@link #NR} columns wide and
 *   {@link #KC} deep (KC x NR floats: 16 KiB with 8-lane vectors, 32 KiB with AVX-512's 16 lanes; it stays in L1
 *   while a panel of A streams past it); A is packed into panels of
 *   {@link #MR} rows, {@link #MC} at a time (96 KiB: stays in L2), with alpha folded in. The micro-kernel
 *   keeps an MR x NR tile of C in 8 vector registers (4 rows x 2 vectors) and does 8 FMAs per 2 vector
 *   loads and 4 broadcasts. On AVX2 (16 registers) larger tiles (6x16, 4x24) measured slower: C2 spilled the extra
 *   accumulators. With AVX-512's 32 registers a taller tile may pay; not yet measured. Packing makes every
 *   transpose variant run the same inner loop
 *   from contiguous memory, and zero-padding makes edge tiles run it too.</li>
 *   <li><b>Direct</b>: products with alpha 1 and an untransposed B up to {@link #DIRECT_FLOPS} whose C divides into
 *   whole tiles run the same register tile reading A (either layout) and B in place: no packing, no separate scaling
 *   of C. A transposed B stays on the packed path: copying it into rows first was no faster, and packing it into
 *   panels for this tile was faster alone but slower inside the training step (BENCHMARKS.md).</li>
 *   <li><b>Rows</b>: below {@link #SMALL_FLOPS}, or with fewer than {@link #MR} rows, an untransposed B is read in
 *   place by a 1 x NR strip per row of C. A transposed B takes the packed path even then: its products run along
 *   memory, and chaining them in the canonical order in place would be a scalar loop.</li>
 *   <li><b>Parallel</b>: with {@link #setThreads} above 1, products of at least {@link #PARALLEL_FLOPS}
 *   multiply-adds split C into blocks of rows (or columns) that run the blocked algorithm on separate threads.</li>
 * </ul>
 *
 * <h2>One result on every path</h2>
 * Every path computes each element of C in the order {@link ScalarGemm} spells out: FMA chains from zero over
 * k-blocks of {@link #KC} (alpha folded into A's element first), each added to beta * C in turn. The bits therefore
 * do not depend on which path a shape takes, on the vector width, on how many threads split C, on the JIT tier, or
 * on {@code -Dvgrad.scalar}. KC is fixed for that reason: cache blocking may change how panels are walked, never
 * where a chain is cut.
 */
public final class Sgemm {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();
    /** Rows of the micro-kernel's C tile. */
    static final int MR = 4;
    /** Columns of the micro-kernel's C tile: two vectors. */
    static final int NR = 2 * L;
    /** Offsets of L consecutive columns of a packed A panel: 0, MR, 2 MR, ... */
    private static final int[] PANEL_COLUMNS = java.util.stream.IntStream.range(0, L).map(i -> i * MR).toArray();
    /** Offsets of L consecutive rows of a packed B panel: 0, NR, 2 NR, ... */
    private static final int[] PANEL_ROWS = java.util.stream.IntStream.range(0, L).map(i -> i * NR).toArray();
    /**
     * Whether packing scatters a vector into a panel's column. Only AVX-512 has a scatter instruction; with narrower
     * vectors the Vector API runs a scatter in Java, boxing every vector: on a Zen 3 (AVX2) that made the training
     * step allocate 2.7 MB and SGEMM run at 40 % of peak. There a scalar loop packs.
     */
    private static final boolean SCATTER = L >= 16;
    /** Depth of a packed panel. */
    static final int KC = ScalarGemm.DEPTH_BLOCK;
    /** Rows of A packed at once (a multiple of MR). */
    static final int MC = 96;
    /** Columns of B packed at once (a multiple of NR). */
    static final int NC = 3072;
    /** m*n*k under which the unpacked path is used. */
    static final long SMALL_FLOPS = 16L * 16 * 16;
    /**
     * m*n*k up to which whole tiles of an untransposed product are read in place, without packing: the operands fit
     * in L1/L2, so packing would cost more than the strided reads it saves.
     */
    static final long DIRECT_FLOPS = 96L * 96 * 96;

    /** Products below this many multiply-adds stay on the calling thread: a hand-off costs microseconds. */
    static final long PARALLEL_FLOPS = 1L << 20;
    private static volatile int threads = Integer.getInteger("vgrad.threads", 1);
    private static volatile java.util.concurrent.ForkJoinPool pool;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private Sgemm() {}

    /**
     * How many threads large products use (default 1, or the system property {@code vgrad.threads}). Rows of C
     * (or columns, when C is wide) are split among them; each thread packs its own panels.
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    /** The number of threads large products use. */
    public static int threads() {
        return threads;
    }

    private static synchronized java.util.concurrent.ForkJoinPool pool() {
        if (pool == null) {
            pool = new java.util.concurrent.ForkJoinPool(Math.max(1, threads - 1));
        }
        return pool;
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with op(A) m x k, op(B) k x n and C m x n, all row-major.
     * {@code A[i][p]} is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when transA; likewise B.
     * With beta == 0, C is not read (NaN there does not propagate), as in BLAS.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!Vectorization.ENABLED) {
            ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (!transB && k > 0 && alpha == 1f && m % MR == 0 && n % NR == 0 && (long) m * n * k <= DIRECT_FLOPS) {
            direct(transA, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        boolean overwrite = beta == 0f && k > 0 && alpha != 0f;
        if (!overwrite) {
            // With beta 0 the first k-block writes C instead of adding to it: no separate zeroing pass.
            scale(m, n, beta, c, cOff, ldc);
        }
        if (k == 0 || alpha == 0f) {
            return;
        }
        boolean few = (long) m * n * k <= SMALL_FLOPS || m < MR;
        if (few && !transB) {
            rows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc);
        } else if (threads > 1 && (long) m * n * k >= PARALLEL_FLOPS) {
            parallel(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc);
        } else {
            blocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc);
        }
    }

    /**
     * Splits C into one block of rows per thread (of columns when C is wider than tall), each multiplied by the
     * blocked algorithm on its own thread; the caller's thread takes the first block.
     */
    private static void parallel(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                                 float[] c, int cOff, int ldc) {
        int t = threads;
        boolean byRows = m >= n;
        int extent = byRows ? m : n, unit = byRows ? MR : NR;
        int chunk = ((extent + t - 1) / t + unit - 1) / unit * unit;
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int start = chunk; start < extent; start += chunk) {
            int s0 = start, len = Math.min(chunk, extent - start);
            futures.add(pool().submit(() -> block(byRows, s0, len, transA, transB, m, n, k, alpha, a, aOff, lda, b,
                    bOff, ldb, overwrite, c, cOff, ldc)));
        }
        block(byRows, 0, Math.min(chunk, extent), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite,
                c, cOff, ldc);
        for (var f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during a parallel sgemm", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a parallel sgemm block failed", e.getCause());
            }
        }
    }

    /** Rows (or columns) [start, start+len) of C, by the blocked algorithm. */
    private static void block(boolean byRows, int start, int len, boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                              float[] c, int cOff, int ldc) {
        if (byRows) {
            int aStart = aOff + (transA ? start : start * lda);
            blocked(transA, transB, len, n, k, alpha, a, aStart, lda, b, bOff, ldb, overwrite, c, cOff + start * ldc, ldc);
        } else {
            int bStart = bOff + (transB ? start * ldb : start);
            blocked(transA, transB, m, len, k, alpha, a, aOff, lda, b, bStart, ldb, overwrite, c, cOff + start, ldc);
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            if (beta == 0f) {
                Elementwise.unary(UnaryOp.FILL, 0f, 0f, n, c, cOff + i * ldc, 1, c, cOff + i * ldc, 1);
            } else {
                Elementwise.unary(UnaryOp.MUL_SCALAR, beta, 0f, n, c, cOff + i * ldc, 1, c, cOff + i * ldc, 1);
            }
        }
    }

    /**
     * Products too small to pay for packing, and single rows or a few (GEMV-like) with an untransposed B: each row
     * of C is built {@link #NR} columns at a time from rows of B read in place, k-block by k-block as the packed
     * kernel does (so the bits are the same), the remaining columns one element at a time.
     */
    private static void rows(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc) {
        int depthStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = transA ? aOff + i : aOff + i * lda, ci = cOff + i * ldc;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean store = overwrite && pc == 0;
                int j = 0;
                for (; j + NR <= n; j += NR) {
                    rowTile(kc, alpha, a, ai + pc * depthStep, depthStep, b, bOff + pc * ldb + j, ldb, store, c, ci + j);
                }
                for (; j < n; j++) {
                    float chain = 0f;
                    for (int p = 0; p < kc; p++) {
                        chain = Math.fma(alpha * a[ai + (pc + p) * depthStep], b[bOff + (pc + p) * ldb + j], chain);
                    }
                    c[ci + j] = store ? chain : c[ci + j] + chain;
                }
            }
        }
    }

    /** One 1 x NR strip of C: a depth-kc chain from zero per element, then stored or added. */
    private static void rowTile(int kc, float alpha, float[] a, int ai, int depthStep, float[] b, int bi, int ldb,
                                boolean store, float[] c, int ci) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0;
        for (int p = 0; p < kc; p++, ai += depthStep, bi += ldb) {
            FloatVector av = FloatVector.broadcast(S, alpha * a[ai]);
            c0 = av.fma(FloatVector.fromArray(S, b, bi), c0);
            c1 = av.fma(FloatVector.fromArray(S, b, bi + L), c1);
        }
        writeRow(store, c0, c1, c, ci);
    }

    /** The packed algorithm; with {@code overwrite}, C's prior contents are ignored (beta 0) instead of added to. */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                                float[] c, int cOff, int ldc) {
        float[][] scratch = SCRATCH.get();
        float[] ap = scratch[0], bp = scratch[1], tile = scratch[2];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, pc, mc, kc, alpha, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bPanel = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int cTile = cOff + (ic + ir) * ldc + jc + jr;
                            // One call site for the micro-kernel, edge tiles going through a small buffer: with two
                            // hot call sites C2 inlined two copies, ran out of inlining budget and left Vector API
                            // intrinsics in this method un-intrinsified (boxed vectors, measured 10x slower).
                            boolean full = mr == MR && nr == NR;
                            boolean store = overwrite && pc == 0; // C's first k-block: write, do not add
                            kernel(kc, ap, ir * kc, bp, bPanel, full ? c : tile, full ? cTile : 0, full ? ldc : NR,
                                    store || !full);
                            if (!full) {
                                for (int i = 0; i < mr; i++) {
                                    for (int j = 0; j < nr; j++) {
                                        int ci = cTile + i * ldc + j;
                                        c[ci] = store ? tile[i * NR + j] : c[ci] + tile[i * NR + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into panels of NR columns: panel q holds, for each p, the NR values
     * B[pc+p][jc+q*NR ..], zero-padded past nc.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int jc, int kc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = jr * kc;
            if (!transB) {
                // Rows of B are contiguous: copy NR-wide slices of them.
                for (int p = 0; p < kc; p++, dst += NR) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    if (nr == NR) {
                        System.arraycopy(b, src, bp, dst, NR);
                    } else {
                        System.arraycopy(b, src, bp, dst, nr);
                        java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
                    }
                }
            } else {
                // B is stored transposed: its columns are contiguous, so read each along p and scatter into the
                // panel (stride NR, inside L1) rather than gather element by element across rows.
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    int p = 0;
                    if (SCATTER) {
                        for (int bound = S.loopBound(kc); p < bound; p += L) {
                            // L consecutive p of column j go to L panel rows, NR apart: one vector scatter.
                            FloatVector.fromArray(S, b, src + p).intoArray(bp, dst + p * NR + j, PANEL_ROWS, 0);
                        }
                    }
                    for (; p < kc; p++) {
                        bp[dst + p * NR + j] = b[src + p];
                    }
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[dst + p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs alpha * op(A)[ic:ic+mc, pc:pc+kc] into panels of MR rows: panel r holds, for each p, the MR values
     * A[ic+r*MR ..][pc+p], zero-padded past mc.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int pc, int mc, int kc,
                              float alpha, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int dst = ir * kc;
            if (transA) {
                // Columns of op(A) are contiguous: copy MR-wide slices of them.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    for (int i = 0; i < mr; i++) {
                        ap[dst + p * MR + i] = alpha * a[src + i];
                    }
                    for (int i = mr; i < MR; i++) {
                        ap[dst + p * MR + i] = 0f;
                    }
                }
            } else {
                // Rows of A are contiguous: read each along p, L at a time, and scatter them MR apart.
                for (int i = 0; i < mr; i++) {
                    int src = aOff + (ic + ir + i) * lda + pc;
                    int p = 0;
                    if (SCATTER) {
                        for (int bound = S.loopBound(kc); p < bound; p += L) {
                            FloatVector.fromArray(S, a, src + p).mul(alpha).intoArray(ap, dst + p * MR + i, PANEL_COLUMNS, 0);
                        }
                    }
                    for (; p < kc; p++) {
                        ap[dst + p * MR + i] = alpha * a[src + p];
                    }
                }
                for (int i = mr; i < MR; i++) {
                    for (int p = 0; p < kc; p++) {
                        ap[dst + p * MR + i] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The no-packing path for small products with alpha 1 whose C divides into whole MR x NR tiles: the same
     * register tile as the packed kernel, reading B's rows in place and broadcasting A's elements where they lie
     * (along a row of A, or down a column when transA). Each k-block's tile is written once as
     * {@code beta * C + acc} (C not read when beta is 0), later blocks adding to it: the packed path's order.
     */
    private static void direct(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                               float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int rowStep = transA ? 1 : lda, depthStep = transA ? lda : 1;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            for (int i = 0; i < m; i += MR) {
                for (int j = 0; j < n; j += NR) {
                    directTile(kc, a, aOff + i * rowStep + pc * depthStep, rowStep, depthStep, b, bOff + pc * ldb + j,
                            ldb, blockBeta, c, cOff + i * ldc + j, ldc);
                }
            }
        }
    }

    /**
     * One MR x NR tile of the direct path: {@link #kernel}'s loop over operands read in place instead of packed. It
     * is a method of its own rather than a second caller of the kernel because a second hot call site of one tile
     * method is what made C2 box the vectors before (see {@link #blocked}). Its vectors stay unboxed only while C2
     * inlines the four {@link #storeRow} calls; when the beta != 0 branch of the epilogue is hot too, the tile nears
     * C2's node-count cutoff (seen when a transposed-B variant ran through here: one row's store went out of line and the step
     * allocated a megabyte). TrainStepBench's gc.alloc.rate.norm is the figure that catches it.
     */
    private static void directTile(int k, float[] a, int ai, int rowStep, int depthStep, float[] b,
                                   int bi, int ldb, float beta, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00,
                c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < k; p++, ai += depthStep, bi += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + rowStep]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * rowStep]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * rowStep]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        storeRow(beta, c00, c01, c, ci);
        storeRow(beta, c10, c11, c, ci + ldc);
        storeRow(beta, c20, c21, c, ci + 2 * ldc);
        storeRow(beta, c30, c31, c, ci + 3 * ldc);
    }

    /** C's row = the accumulators (beta 0), or beta * C's row + the accumulators. */
    private static void storeRow(float beta, FloatVector v0, FloatVector v1, float[] c, int ci) {
        if (beta == 0f) {
            v0.intoArray(c, ci);
            v1.intoArray(c, ci + L);
        } else {
            FloatVector.fromArray(S, c, ci).mul(beta).add(v0).intoArray(c, ci);
            FloatVector.fromArray(S, c, ci + L).mul(beta).add(v1).intoArray(c, ci + L);
        }
    }

    /** C[0:MR, 0:NR] += Ap(MR x kc) * Bp(kc x NR) with the tile held in 8 vector registers. */
    private static void kernel(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                               boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00,
                c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        writeRow(store, c00, c01, c, ci);
        writeRow(store, c10, c11, c, ci + ldc);
        writeRow(store, c20, c21, c, ci + 2 * ldc);
        writeRow(store, c30, c31, c, ci + 3 * ldc);
    }

    /** C's row = the accumulators (store), or C's row + the accumulators. */
    private static void writeRow(boolean store, FloatVector v0, FloatVector v1, float[] c, int ci) {
        if (store) {
            v0.intoArray(c, ci);
            v1.intoArray(c, ci + L);
        } else {
            v0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            v1.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        }
    }
}
