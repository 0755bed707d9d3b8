package dev.vgrad.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sgemm}'s Vector API paths (the direct, rows, blocked and parallel algorithms its Javadoc describes), in a
 * class of their own so that {@code Sgemm} loads without the {@code jdk.incubator.vector} module.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();
    private static final int MR = Sgemm.MR;
    /**
     * Rows of the blocked path's register tile and of its packed A panels: {@link #MR} (4 rows x 2 vectors, 8
     * accumulators) with AVX2's 16 registers; twice that with 32 ({@link VectorWidth#REGISTERS}: AVX-512 at any
     * width, AArch64), where 16 accumulators, 2 B vectors and the broadcasts fit without a spill. See {@link Sgemm}'s
     * Javadoc for the measurements. With 4 or 8 lanes the system property {@code vgrad.gemm.tileRows} (4 or 8)
     * overrides the choice, so that one machine's tests run both tiles at those widths; 16 lanes imply AVX-512's
     * registers, and their aligned kernels and transposes are written for 8 rows.
     */
    static final int TILE_ROWS = tileRows(System.getProperty("vgrad.gemm.tileRows"), VectorWidth.REGISTERS, L);
    /** Columns of the micro-kernel's C tile: two vectors. */
    static final int NR = 2 * L;
    private static final int KC = Sgemm.KC;
    private static final int MC = Sgemm.MC / TILE_ROWS * TILE_ROWS;
    private static final int NC = Sgemm.NC;
    private static final long SMALL_FLOPS = Sgemm.SMALL_FLOPS;
    private static final long DIRECT_FLOPS = Sgemm.DIRECT_FLOPS;
    /** Rows of C up to which an untransposed B is read in place at any size (see {@link #takesDirect}). */
    private static final int FEW_ROWS = 16;

    private static final long PARALLEL_FLOPS = Sgemm.PARALLEL_FLOPS;
    /**
     * Rows packed together: of a transposed A (8 x MR floats, two cache lines of each panel, MR being 4), and of an
     * untransposed B (8 x NR floats, a run of 8 to 16 lines of one panel; see {@link #packAligned}).
     */
    private static final int PACK_ROWS = 8;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC], new float[TILE_ROWS * NR]});

    /**
     * Whether the blocked path puts B's packed panels into {@link Panels} (off the heap, on cache lines) for
     * {@link #alignedKernel} (an untransposed B always, a transposed one from {@link #ALIGNED_TRANSPOSED_ROWS} rows of
     * A): with 16 lanes only. See {@link Sgemm}'s Javadoc for where it pays and where it did not.
     */
    private static final boolean ALIGNED = L == 16;
    /**
     * Rows of A from which a transposed B, packed into an array as before, is also copied into the aligned panels:
     * at 64 (an MLP's batch) the copy cost that step 4.5 %, at 4 096 (a transformer's tokens) it saved its forward
     * 2-4 % (see {@link Sgemm}). At 256 rows (each thread's half of an MLP's batch of 512 on two threads, or a batch of
     * 256 on one) the copy pays too: 256 x 128 x 784 with B transposed, one thread, 133-140 GFLOP/s without it, 137-145
     * with it; 192 rows 130-145 against 139-151; at 128 rows no gain (131-139 against 122-138; Intel Xeon, family 6
     * model 167, 2026-12-06, separate JVMs alternated twice).
     */
    private static final int ALIGNED_TRANSPOSED_ROWS = 256;
    /** Per thread: the aligned block of packed B, KC x NC floats. */
    private static final Panels ALIGNED_PANELS = new Panels();
    /** The byte order of aligned panels: only ever read back by this JVM. */
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Bytes of one step of a packed B panel (NR floats). */
    private static final long ROW_BYTES = (long) NR * Float.BYTES;
    /**
     * Whether {@link #readsInPlace} may read A in place on this machine: where the core splits 512-bit FMAs in two
     * ({@link Processor#splitsWideFmas}, a Zen 4), unless the system property {@code vgrad.gemm.aInPlace} says
     * {@code true} or {@code false}. In place, the kernel addresses A's eight rows through seven row offsets held in
     * registers; on a Zen 4 a step's 16 FMAs take 16 cycles and hide that (the products of a linear layer 5-10 %
     * faster than packed), on an Intel Xeon they take 8, and SGEMM lost 15-20 % on every shape measured (2026-12-05,
     * family 6 model 167: 512^3 146 -> 121 GFLOP/s, 4096 x 128 x 512 with B transposed 133 -> 109).
     */
    private static final boolean A_IN_PLACE = System.getProperty("vgrad.gemm.aInPlace") != null
            ? Boolean.getBoolean("vgrad.gemm.aInPlace") : Processor.CURRENT.splitsWideFmas();
    /** Columns of B's block up to which {@link #readsInPlace} reads A in place rather than packing it. */
    private static final int IN_PLACE_COLUMNS = 512;
    /** A transposed A with rows a multiple of this many floats (2 KiB) apart is packed: see {@link #readsInPlace}. */
    private static final int CONFLICTING_STRIDE = 512;

    private VectorGemm() {}

    /**
     * {@link #TILE_ROWS} for vectors of {@code lanes} floats: 8 with 16 lanes; otherwise {@code forced} ("4" or "8")
     * where given, else 8 with 32 vector registers and 4 with fewer.
     */
    static int tileRows(String forced, int registers, int lanes) {
        if (lanes >= 16) {
            return 2 * MR;
        }
        if (forced == null || forced.isBlank()) {
            return registers >= 32 ? 2 * MR : MR;
        }
        return switch (forced.strip()) {
            case "4" -> MR;
            case "8" -> 2 * MR;
            default -> throw new IllegalArgumentException("vgrad.gemm.tileRows must be 4 or 8, got '" + forced + "'");
        };
    }

    /** {@link Sgemm#sgemm} for m, n > 0: chooses the direct, rows, parallel or blocked path. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        product(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null, 0);
    }

    /**
     * {@link Sgemm#sgemmSummingRowsOfA} for m, n > 0: sgemm's path, and where it is the blocked one on this thread,
     * each block of op(A)'s rows added into the sums right after it is packed; the other paths do not, and say so.
     */
    static boolean sgemmSummingRowsOfA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                       float beta, float[] c, int cOff, int ldc, float[] sums, int sumsOff) {
        return product(true, false, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, sums, sumsOff);
    }

    /** {@link #sgemm}, with op(A)'s row sums where {@code sums} is not null: whether they were added. */
    private static boolean product(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc, float[] sums, int sumsOff) {
        if (transB && n == 1) {
            // One column of B is a run of k floats either way: read untransposed, it takes the direct path's GEMV
            // instead of packing A to fill one column of a 32-wide tile (512 x 1 x 64: 15.9 -> 7.9 us, Intel Xeon).
            transB = false;
            ldb = 1;
        }
        if (takesDirect(transB, m, n, k, alpha, beta)) {
            direct(transA, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return false;
        }
        boolean overwrite = beta == 0f && k > 0 && alpha != 0f;
        if (!overwrite) {
            // With beta 0 the first k-block writes C instead of adding to it: no separate zeroing pass.
            scale(m, n, beta, c, cOff, ldc);
        }
        if (k == 0 || alpha == 0f) {
            return false;
        }
        if (takesRows(transB, m, n, k)) {
            rows(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc);
            return false;
        }
        return packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite, null, 0, c, cOff, ldc,
                sums, sumsOff);
    }

    /**
     * {@link Sgemm#sgemmWithBias} for m, n > 0. Products that pack take the bias tile by tile inside the blocked
     * algorithm; the direct and rows paths (small products) and k = 0 start from C filled with the bias.
     */
    static void sgemmWithBias(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        if (transB && n == 1) {
            // a layer of one output: its weight is the vector, read untransposed as in sgemm
            transB = false;
            ldb = 1;
        }
        if (k == 0 || takesDirect(transB, m, n, k, 1f, 1f) || takesRows(transB, m, n, k)) {
            Sgemm.fillRows(m, n, bias, biasOff, c, cOff, ldc);
            sgemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
            return;
        }
        packed(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, false, bias, biasOff, c, cOff, ldc, null, 0);
    }

    /**
     * Adds rows [pc, pc + kc) of A's columns [ic, ic + mc) (A stored k x m, lda apart: op(A)'s rows ic.. are its
     * columns) into {@code sums} from {@code sumsOff}, each column's floats one after another in order.
     */
    private static void addRowsOfTransposed(float[] a, int aOff, int lda, int ic, int pc, int mc, int kc, float[] sums,
                                            int sumsOff) {
        VectorReductions.addRows(kc, lda, 0, mc, a, aOff + pc * lda + ic, null, 0, sums, sumsOff);
    }

    private static boolean takesDirect(boolean transB, int m, int n, int k, float alpha, float beta) {
        if (transB || k == 0 || alpha != 1f) {
            return false;
        }
        if (m % MR == 0 && n % NR == 0) {
            return (long) m * n * k <= DIRECT_FLOPS;
        }
        // With edges (beta 0 or 1, as every product of autograd's): small products, and any with a few rows of C,
        // whose B would be packed to serve one or two tiles down. Edge columns run as scalar chains, which pays for a
        // column or two (a GEMV's one) and not for ten (512 x 10 x 64: 79 us against 18 packed, Intel Xeon).
        return (beta == 0f || beta == 1f) && n % NR <= 2 && (m >= MR || n >= NR)
                && ((long) m * n * k <= DIRECT_FLOPS || m <= FEW_ROWS);
    }

    private static boolean takesRows(boolean transB, int m, int n, int k) {
        return !transB && ((long) m * n * k <= SMALL_FLOPS || m < MR);
    }

    /**
     * The packed algorithm, split over threads when the product is large enough: the blocked or parallel path. With
     * {@code sums} (not null) the blocked path adds op(A)'s rows there as well: whether it did.
     */
    private static boolean packed(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                                  int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite, float[] bias,
                                  int biasOff, float[] c, int cOff, int ldc, float[] sums, int sumsOff) {
        int threads = (long) m * n * k >= PARALLEL_FLOPS ? Parallel.partsHere() : 1;
        if (threads > 1) {
            ParallelProduct.multiply(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, overwrite,
                    bias, biasOff, c, cOff, ldc, SCRATCH.get()[1], sums, sumsOff);
            return sums != null;
        }
        blocked(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, null, 0, overwrite, bias, biasOff, c,
                cOff, ldc, sums, sumsOff);
        return sums != null;
    }

    /**
     * {@code C = A * B} (or {@code C += A * B} with accumulate) on this thread, A m x k stored, B k x n gathered
     * through an index map (see {@link ConvGemm}): the blocked algorithm with B's packing reading through the map, so
     * no k x n matrix of B is ever written. k > 0.
     */
    static void gathered(boolean transB, int m, int n, int k, float[] a, int aOff, int lda, float[] src, int srcOff,
                         int[] map, int mapOff, int ldm, boolean accumulate, float[] c, int cOff, int ldc) {
        blocked(false, transB, m, n, k, 1f, a, aOff, lda, src, srcOff, ldm, map, mapOff, !accumulate, null, 0, c, cOff,
                ldc, null, 0);
    }

    /**
     * Rows (or columns) [start, start+len) of C, by the blocked algorithm: one part of a {@link ParallelProduct}. A
     * bias (null for none) is indexed by C's column, so a block of columns takes its own stretch of it. With
     * {@code sums} (not null; A transposed, B not) op(A)'s rows are added there as {@link #packedRows} adds them: a
     * block of rows adds its own rows' sums, a block of columns all of them (it packs all of A).
     */
    static void block(boolean byRows, int start, int len, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                      float[] bias, int biasOff, float[] c, int cOff, int ldc, float[] sums, int sumsOff) {
        if (byRows) {
            int aStart = aOff + (transA ? start : start * lda);
            blocked(transA, transB, len, n, k, alpha, a, aStart, lda, b, bOff, ldb, null, 0, overwrite, bias, biasOff,
                    c, cOff + start * ldc, ldc, sums, sumsOff + start);
        } else {
            int bStart = bOff + (transB ? start * ldb : start);
            blocked(transA, transB, m, len, k, alpha, a, aOff, lda, b, bStart, ldb, null, 0, overwrite, bias,
                    biasOff + start, c, cOff + start, ldc, sums, sumsOff);
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
        if (!store) {
            c0 = FloatVector.fromArray(S, c, ci).add(c0);
            c1 = FloatVector.fromArray(S, c, ci + L).add(c1);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + L);
    }

    /**
     * The packed algorithm; with {@code overwrite}, C's prior contents are ignored (beta 0) instead of added to; with a
     * {@code bias} (null for none), C starts as the bias in every row instead (see {@link #packedRows}). With a
     * {@code map}, B is gathered from {@code b} as {@link #gathered} describes, {@code ldb} being the map's row length;
     * packing is then the only place B is read, so the rest of the algorithm does not know the difference.
     */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb, int[] map, int mapOff,
                                boolean overwrite, float[] bias, int biasOff, float[] c, int cOff, int ldc,
                                float[] sums, int sumsOff) {
        float[] bp = SCRATCH.get()[1];
        MemorySegment aligned = ALIGNED && map == null && (!transB || m >= ALIGNED_TRANSPOSED_ROWS)
                ? ALIGNED_PANELS.get((long) KC * NC) : null;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (aligned != null && transB) {
                    // turned in registers into the array (vector stores into a segment re-check it each time), then
                    // moved to the aligned panels in one copy
                    packB(true, b, bOff, ldb, pc, jc, kc, nc, bp);
                    Panels.copy(bp, 0, aligned, 0, (nc + NR - 1) / NR * NR * kc);
                } else if (aligned != null) {
                    packAligned(b, bOff, ldb, pc, jc, kc, nc, aligned);
                } else if (map == null) {
                    packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp);
                } else {
                    gatherB(transB, b, bOff, map, mapOff, ldb, pc, jc, kc, nc, bp);
                }
                packedRows(transA, 0, m, jc, nc, pc, kc, alpha, a, aOff, lda, bp, aligned, overwrite && pc == 0,
                        pc == 0 ? bias : null, biasOff, c, cOff, ldc, jc == 0 ? sums : null, sumsOff);
            }
        }
    }

    /**
     * Rows [rowStart, rowEnd) of C's columns [jc, jc+nc): alpha * op(A)[those rows, pc:pc+kc] times the packed block
     * {@code bp} of B (or, where not null, {@code aligned}: see {@link #packAligned}), written ({@code store}, C's
     * first k-block) or added. A is packed here, {@link #MC} rows at a
     * time, into this thread's own buffer; {@code bp} may be another thread's (see {@link ParallelProduct}). With a
     * {@code bias} (C's first k-block of {@link Sgemm#sgemmWithBias}; {@code biasOff} is C's column 0), each tile of C
     * is filled with the bias rows and then added to, which is the bits of a fill pass before the product; each tile
     * is filled while the tile before it is computed, so its lines of C are on their way to the cache when its sums
     * arrive (a fill pass over all of C first had left an 8 MB C in L3 or memory by then).
     */
    static void packedRows(boolean transA, int rowStart, int rowEnd, int jc, int nc, int pc, int kc, float alpha,
                           float[] a, int aOff, int lda, float[] bp, MemorySegment aligned, boolean store,
                           float[] bias, int biasOff,
                           float[] c, int cOff, int ldc, float[] sums, int sumsOff) {
        float[][] scratch = SCRATCH.get();
        float[] ap = scratch[0], tile = scratch[2];
        boolean write = store && bias == null;
        boolean inPlace = readsInPlace(transA, lda, nc, alpha, aligned != null && nc <= L);
        int rowStep = transA ? 1 : lda, depthStep = transA ? lda : 1;
        for (int ic = rowStart; ic < rowEnd; ic += MC) {
            int mc = Math.min(MC, rowEnd - ic);
            // Tiles of A read in place, the rest (all of it, or the rows below the last whole tile) packed.
            int inPlaceRows = inPlace ? mc / TILE_ROWS * TILE_ROWS : 0;
            if (inPlaceRows < mc) {
                packPanels(transA, a, aOff, lda, ic + inPlaceRows, pc, mc - inPlaceRows, kc, alpha, ap,
                        inPlaceRows * kc);
            }
            if (sums != null) {
                // op(A)'s rows summed while the packing has just brought them in (see sgemmSummingRowsOfA)
                addRowsOfTransposed(a, aOff, lda, ic, pc, mc, kc, sums, sumsOff + ic);
            }
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                int bPanel = jr * kc;
                if (bias != null) {
                    fillTile(bias, biasOff + jc + jr, Math.min(TILE_ROWS, mc), nr, c, cOff + ic * ldc + jc + jr, ldc);
                }
                for (int ir = 0; ir < mc; ir += TILE_ROWS) {
                    int mr = Math.min(TILE_ROWS, mc - ir);
                    int cTile = cOff + (ic + ir) * ldc + jc + jr;
                    if (bias != null && ir + TILE_ROWS < mc) {
                        fillTile(bias, biasOff + jc + jr, Math.min(TILE_ROWS, mc - ir - TILE_ROWS), nr, c,
                                cTile + TILE_ROWS * ldc, ldc);
                    }
                    // One call site for each micro-kernel (TILE_ROWS is a constant, so C2 compiles one branch of
                    // tile), edge tiles going through a small buffer: with two hot call sites of one kernel C2
                    // inlined two copies, ran out of inlining budget and left Vector API intrinsics in this method
                    // un-intrinsified (boxed vectors, measured 10x slower). The aligned kernel is a second method,
                    // compiled on its own (UnprofiledStepsTest and the steps' bytes unchanged with it).
                    boolean full = mr == TILE_ROWS && nr == NR, here = ir < inPlaceRows;
                    float[] at = here ? a : ap;
                    int ai = here ? aOff + (ic + ir) * rowStep + pc * depthStep : ir * kc;
                    int across = here ? rowStep : 1, down = here ? depthStep : TILE_ROWS;
                    if (aligned != null && nr <= L) {
                        // a panel at most one vector wide: half the tile's FMAs (a 784-wide weight gradient's last
                        // 16 columns, a 10-class head)
                        full = mr == TILE_ROWS && nr == L;
                        alignedHalfKernel(kc, at, ai, across, down, aligned, bPanel, full ? c : tile,
                                full ? cTile : 0, full ? ldc : NR, write || !full);
                    } else if (aligned != null) {
                        alignedKernel(kc, at, ai, across, down, aligned, bPanel, full ? c : tile, full ? cTile : 0,
                                full ? ldc : NR, write || !full);
                    } else {
                        tile(kc, at, ai, across, down, bp, bPanel, full ? c : tile, full ? cTile : 0,
                                full ? ldc : NR, write || !full);
                    }
                    if (!full) {
                        addTile(tile, mr, nr, write, c, cTile, ldc);
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #packedRows} reads A's whole 8-row tiles where they lie instead of packing them, for a block of B
     * {@code nc} columns wide: where {@link #A_IN_PLACE} allows it, with the tall tile (AVX-512) and alpha 1 (packing
     * is where alpha is folded in), up to {@link #IN_PLACE_COLUMNS} columns, and for a transposed A only where its rows
     * do not lie a multiple of {@link #CONFLICTING_STRIDE} floats apart. A packed element of A serves the nc columns of
     * B's block, so where nc is small packing costs as much as a tenth of the kernel's time (a linear layer's 4096 x
     * 128 x 512 forward), and read in place a row-major tile's eight rows are eight streams that each stay in L1 across
     * 16 steps; where nc is large packing is paid back, and the eight streams (rows 4 or 8 KiB apart, in the same L1
     * sets) lost 1-3 % at 1024^3 and 2048^3. A transposed A gives the tile 8 floats of each of kc rows lda apart; at a
     * multiple of 2 KiB those rows fall into two of L1's 64 sets, and the lines the next tile needs are gone by then.
     * See {@link Sgemm}'s Javadoc for the measurements. On every machine where the block is {@code halfTile} (B's block
     * one vector wide or less, on the aligned panels): {@link #alignedHalfKernel} reads A through row offsets either
     * way, so packing would buy each element one use and nothing else (a 10-class head's 512 x 10 x 64 product with B
     * transposed: 20.8 -> 15.9 us on the Intel Xeon of Sgemm's Javadoc).
     */
    static boolean readsInPlace(boolean transA, int lda, int nc, float alpha, boolean halfTile) {
        return (A_IN_PLACE || halfTile) && TILE_ROWS > MR && alpha == 1f && nc <= IN_PLACE_COLUMNS
                && (!transA || lda % CONFLICTING_STRIDE != 0);
    }

    /** Rows [0, rows) of C's columns [0, cols) from {@code ci}, cols at most NR, set to the bias from {@code bi}. */
    private static void fillTile(float[] bias, int bi, int rows, int cols, float[] c, int ci, int ldc) {
        if (cols == NR) {
            FloatVector b0 = FloatVector.fromArray(S, bias, bi), b1 = FloatVector.fromArray(S, bias, bi + L);
            for (int r = 0; r < rows; r++, ci += ldc) {
                b0.intoArray(c, ci);
                b1.intoArray(c, ci + L);
            }
        } else {
            Sgemm.fillRows(rows, cols, bias, bi, c, ci, ldc);
        }
    }

    /** An edge tile's mr x nr corner, computed into {@code tile} (rows NR apart), written (store) or added to C. */
    static void addTile(float[] tile, int mr, int nr, boolean store, float[] c, int ci, int ldc) {
        addTile(tile, 0, mr, nr, store, c, ci, ldc);
    }

    /** {@link #addTile} for the tile's columns from {@code column} on: mr x nr of them go to C from {@code ci}. */
    static void addTile(float[] tile, int column, int mr, int nr, boolean store, float[] c, int ci, int ldc) {
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                int at = ci + i * ldc + j, from = i * NR + column + j;
                c[at] = store ? tile[from] : c[at] + tile[from];
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into panels of NR columns: panel q holds, for each p, the NR values
     * B[pc+p][jc+q*NR ..], zero-padded past nc.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int jc, int kc, int nc, float[] bp) {
        packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp, 0);
    }

    /** {@link #packB} into {@code bp} from {@code bpOff}: a share of a block's panels, packed by one of its threads. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int jc, int kc, int nc, float[] bp,
                      int bpOff) {
        if (!transB) {
            // Rows of B are contiguous: PACK_ROWS rows at a time, each panel's slices of them in turn (two vector
            // moves a slice), as packAligned walks them.
            int full = nc / NR * NR;
            for (int p0 = 0; p0 < kc; p0 += PACK_ROWS) {
                int rows = Math.min(PACK_ROWS, kc - p0);
                for (int jr = 0; jr < full; jr += NR) {
                    int src = bOff + (pc + p0) * ldb + jc + jr, dst = bpOff + jr * kc + p0 * NR;
                    for (int p = 0; p < rows; p++, src += ldb, dst += NR) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    }
                }
            }
            if (full < nc) {
                int nr = nc - full;
                for (int p = 0, dst = bpOff + full * kc; p < kc; p++, dst += NR) {
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc + full, bp, dst, nr);
                    java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
                }
            }
            return;
        }
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = bpOff + jr * kc;
            if (nr == NR) {
                // L x L blocks (L columns of B, L steps of p, each column contiguous along p) turned in registers,
                // with 4, 8 or 16 lanes; the rest, and other widths, the panel's NR columns read side by side (NR
                // streams, each line used for 16 steps), the panel written in order. With 16 lanes the scatter of
                // each column's steps (one element a cycle on Intel) left a transposed-B product at m = 64 a quarter
                // slower than its untransposed twin (Intel Xeon, 2026-12-03).
                int src = bOff + (jc + jr) * ldb + pc;
                int p0 = 0;
                if (TRANSPOSE_BLOCK > 0) {
                    for (; p0 + L <= kc; p0 += L) {
                        for (int half = 0; half < NR; half += L) {
                            transposeBlock(b, src + half * ldb + p0, ldb, bp, dst + p0 * NR + half, NR);
                        }
                    }
                }
                for (int p = p0, d = dst + p0 * NR; p < kc; p++, d += NR) {
                    for (int j = 0, s = src + p; j < NR; j++, s += ldb) {
                        bp[d + j] = b[s];
                    }
                }
                continue;
            }
            // The last, partial panel: each column read along p into the panel (stride NR, inside L1). No vector
            // scatter here: beside the 16-lane transposes in this method, C2 left the scatter's vectors boxed (the
            // CNN step allocated 23 KB a step instead of 7.5; Intel Xeon, 2026-12-03), and on Intel a scatter stores
            // one float a cycle anyway.
            for (int j = 0; j < nr; j++) {
                int src = bOff + (jc + jr + j) * ldb + pc;
                for (int p = 0; p < kc; p++) {
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

    /**
     * {@link #packB} for an untransposed B into aligned panels: the same layout, written through the segment. Only
     * this packer writes a segment: each vector store into one re-checks it (see {@link Sgemm}). Here that is two
     * stores a panel row for a block that serves every tile of A's rows; the convolution's gathers (twice their time
     * through a segment) and the transposed packer (3.9 -> 4.4 % of the CNN step) fared worse.
     */
    private static void packAligned(float[] b, int bOff, int ldb, int pc, int jc, int kc, int nc,
                                    MemorySegment bp) {
        int full = nc / NR * NR;
        // PACK_ROWS rows of B at a time, each panel's slices of them in turn: a run of PACK_ROWS * NR floats into one
        // panel. Row by row, each row's slices went to every panel in turn, kc * NR floats (32 KiB at full depth)
        // apart: the same L1 set for every panel, so past a dozen panels each store missed. A linear layer's weight
        // gradient 128 x 784 x 512 (A transposed, 25 panels) spent 15 % of its time here (perf), and took 570 -> 517
        // us on one thread; 512^3 (16 panels) did not move, nor did the MLP step, whose B comes from L3 either way
        // (Zen 5, family 26 model 2, 2026-12-08, BENCHMARKS.md).
        // Panel by panel, a whole panel at once, the reads had jumped a row's length at every step: JFR put a tenth
        // of a 512^3 product in the packer then.
        for (int p0 = 0; p0 < kc; p0 += PACK_ROWS) {
            int rows = Math.min(PACK_ROWS, kc - p0);
            for (int jr = 0; jr < full; jr += NR) {
                int src = bOff + (pc + p0) * ldb + jc + jr;
                long at = ((long) jr * kc + (long) p0 * NR) * Float.BYTES;
                for (int p = 0; p < rows; p++, src += ldb, at += ROW_BYTES) {
                    FloatVector.fromArray(S, b, src).intoMemorySegment(bp, at, ORDER);
                    FloatVector.fromArray(S, b, src + L).intoMemorySegment(bp, at + L * Float.BYTES, ORDER);
                }
            }
        }
        if (full < nc) {
            int nr = nc - full;
            for (int p = 0, dst = full * kc; p < kc; p++, dst += NR) {
                Panels.copy(b, bOff + (pc + p) * ldb + jc + full, bp, dst, nr);
                Panels.zero(bp, dst + nr, NR - nr);
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] of a gathered B into panels of NR columns, as {@link #packB} packs a stored one:
     * B[p][j] is {@code src[srcOff + map[mapOff + p * ldm + j]]}, or with transB {@code map[mapOff + j * ldm + p]},
     * and 0 where the map holds -1. The walk follows the map in memory order, as packB follows B.
     */
    private static void gatherB(boolean transB, float[] src, int srcOff, int[] map, int mapOff, int ldm, int pc,
                                int jc, int kc, int nc, float[] bp) {
        if (!transB) {
            int full = nc / NR * NR;
            for (int p = 0; p < kc; p++) {
                int row = mapOff + (pc + p) * ldm + jc;
                for (int jr = 0, dst = p * NR; jr < nc; jr += NR, dst += kc * NR) {
                    int nr = jr < full ? NR : nc - full;
                    for (int j = 0; j < nr; j++) {
                        int at = map[row + jr + j];
                        bp[dst + j] = at < 0 ? 0f : src[srcOff + at];
                    }
                    for (int j = nr; j < NR; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            }
            return;
        }
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int first = mapOff + (jc + jr) * ldm + pc;
            // The panel's columns are rows of the map: read them side by side, write the panel in order.
            for (int p = 0, d = jr * kc; p < kc; p++, d += NR) {
                for (int j = 0, at = first + p; j < nr; j++, at += ldm) {
                    int from = map[at];
                    bp[d + j] = from < 0 ? 0f : src[srcOff + from];
                }
                for (int j = nr; j < NR; j++) {
                    bp[d + j] = 0f;
                }
            }
        }
    }

    /**
     * Packs alpha * op(A)[ic:ic+mc, pc:pc+kc] into panels of {@link #TILE_ROWS} rows (the layout {@link #tile} reads)
     * from {@code ap[apOff]}: panel r holds, for each p, the TILE_ROWS values A[ic+r*TILE_ROWS ..][pc+p], zero-padded
     * past mc. The two layouts of A are methods of their own, each compiled
     * with its own inlining budget: in one method, the vector moves of one were left calling their bounds check out of
     * line (3.6 % of the block step in {@code Objects.checkIndex}).
     */
    static void packPanels(boolean transA, float[] a, int aOff, int lda, int ic, int pc, int mc, int kc, float alpha,
                           float[] ap, int apOff) {
        if (transA) {
            packTransposedA(a, aOff, lda, ic, pc, mc, kc, alpha, ap, apOff);
        } else {
            packRowMajorA(a, aOff, lda, ic, pc, mc, kc, alpha, ap, apOff);
        }
    }

    /** {@link #packPanels} of a transposed A: op(A)'s columns are A's rows. */
    private static void packTransposedA(float[] a, int aOff, int lda, int ic, int pc, int mc, int kc, float alpha,
                                        float[] ap, int apOff) {
        int height = TILE_ROWS;
        // Take A's rows PACK_ROWS at a time and send each row's height-wide slices to their panels, so that each
        // panel receives PACK_ROWS * height consecutive floats at once. Panel by panel, every step jumped a row's
        // length (with rows 2 KiB apart it kept hitting the same L1 sets: a linear layer's 512 x 128 x 4096 weight
        // gradient ran at a third of peak); row by row, the 24 panels written in turn lie MR * kc floats apart, 4 KiB
        // at full depth: the same L1 set again. With 8-lane vectors two MR panels are filled at once from whole
        // vectors (packRowPairs); otherwise scalar moves. Never MR-lane vectors: a second vector species makes
        // FloatVector's shared methods polymorphic in C2's profiles, and C2 then stopped intrinsifying other kernels
        // (Adam's update boxed every vector: 4 MB a step).
        int whole = mc / height * height;
        int pairs = L == 2 * height ? mc / L * L : 0;  // panels packed two at a time from whole vectors
        for (int p = 0; p < kc; p += PACK_ROWS) {
            int rows = Math.min(PACK_ROWS, kc - p), src = aOff + (pc + p) * lda + ic;
            int ir = 0, dst = apOff + p * height;
            if (rows == PACK_ROWS) {
                for (; ir < pairs; ir += L, dst += L * kc) {
                    packRowPairs(alpha, a, src + ir, lda, ap, dst, dst + height * kc);
                }
            }
            if (height > MR && L <= height) {
                // 8-row panels with 4 or 8 lanes (32 registers, see TILE_ROWS): a slice is one or two whole vectors
                for (; ir < whole; ir += height, dst += height * kc) {
                    for (int q = 0, s = src + ir, d = dst; q < rows; q++, s += lda, d += height) {
                        for (int i = 0; i < height; i += L) {
                            FloatVector.fromArray(S, a, s + i).mul(alpha).intoArray(ap, d + i);
                        }
                    }
                }
            } else if (height == MR) {
                for (; ir < whole; ir += MR, dst += MR * kc) {
                    for (int q = 0, s = src + ir, d = dst; q < rows; q++, s += lda, d += MR) {
                        ap[d] = alpha * a[s];
                        ap[d + 1] = alpha * a[s + 1];
                        ap[d + 2] = alpha * a[s + 2];
                        ap[d + 3] = alpha * a[s + 3];
                    }
                }
            } else {
                for (; ir < whole; ir += height, dst += height * kc) {
                    for (int q = 0, s = src + ir, d = dst; q < rows; q++, s += lda, d += height) {
                        for (int i = 0; i < height; i++) {
                            ap[d + i] = alpha * a[s + i];
                        }
                    }
                }
            }
        }
        if (whole < mc) {
            // The last, partial panel: its mr columns' slices, zero-padded to the panel's height.
            int mr = mc - whole, dst = apOff + whole * kc;
            for (int p = 0; p < kc; p++) {
                int src = aOff + (pc + p) * lda + ic + whole;
                for (int i = 0; i < mr; i++) {
                    ap[dst + p * height + i] = alpha * a[src + i];
                }
                for (int i = mr; i < height; i++) {
                    ap[dst + p * height + i] = 0f;
                }
            }
        }
    }

    /** {@link #packPanels} of a row-major A. */
    private static void packRowMajorA(float[] a, int aOff, int lda, int ic, int pc, int mc, int kc, float alpha,
                                      float[] ap, int apOff) {
        int height = TILE_ROWS;
        for (int ir = 0; ir < mc; ir += height) {
            int mr = Math.min(height, mc - ir);
            int dst = apOff + ir * kc;
            if (L < 16 && mr == MR && height == MR) {
                // Narrower vectors, a whole panel: its MR rows read side by side, L columns at a time turned
                // into the panel's order in registers, the panel written in order (row by row, the writes jumped MR
                // floats apart and the packing took 7-10 % of a 512^3 product by JFR, against 5-6 % read side by side
                // with scalar moves; BENCHMARKS.md).
                int r0 = aOff + (ic + ir) * lda + pc, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
                int p = 0, d = dst;
                for (; p + L <= kc; p += L, d += MR * L) {
                    transposeRows(alpha, a, r0 + p, r1 + p, r2 + p, r3 + p, ap, d);
                }
                for (; p < kc; p++, d += MR) {
                    ap[d] = alpha * a[r0 + p];
                    ap[d + 1] = alpha * a[r1 + p];
                    ap[d + 2] = alpha * a[r2 + p];
                    ap[d + 3] = alpha * a[r3 + p];
                }
                continue;
            }
            if (height == 8 && mr == height) {
                int r0 = aOff + (ic + ir) * lda + pc;
                int p = 0;
                for (; p + L <= kc; p += L) {
                    transposeEightRows(alpha, a, r0 + p, lda, ap, dst + p * height);
                }
                for (; p < kc; p++) {
                    for (int i = 0, d = dst + p * height; i < height; i++) {
                        ap[d + i] = alpha * a[r0 + i * lda + p];
                    }
                }
                continue;
            }
            // The last, partial panel (and other widths): each row read along p into the panel, height apart. No
            // vector scatter: with C2's inlining of vgrad's methods turned off, the scatter's vectors were boxed (a
            // CNN step at batch 4 allocated 190 KB; see VectorWidth for the rule), and on Intel a scatter stores one
            // float a cycle anyway.
            for (int i = 0; i < mr; i++) {
                int src = aOff + (ic + ir + i) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    ap[dst + p * height + i] = alpha * a[src + p];
                }
            }
            for (int i = mr; i < height; i++) {
                for (int p = 0; p < kc; p++) {
                    ap[dst + p * height + i] = 0f;
                }
            }
        }
    }

    /**
     * Writes the MR x L block of A whose rows start at {@code s0} to {@code s3} to {@code ap} from {@code dst}
     * column by column (MR floats a column), times alpha: four vector loads, two rounds of two-vector shuffles, four
     * vector stores, instead of 4 L scalar loads and stores.
     */
    static void transposeRows(float alpha, float[] a, int s0, int s1, int s2, int s3, float[] ap, int dst) {
        FloatVector r0 = FloatVector.fromArray(S, a, s0).mul(alpha);
        FloatVector r1 = FloatVector.fromArray(S, a, s1).mul(alpha);
        FloatVector r2 = FloatVector.fromArray(S, a, s2).mul(alpha);
        FloatVector r3 = FloatVector.fromArray(S, a, s3).mul(alpha);
        FloatVector u0 = r0.rearrange(PAIRS_LOW, r1), u1 = r0.rearrange(PAIRS_HIGH, r1);
        FloatVector v0 = r2.rearrange(PAIRS_LOW, r3), v1 = r2.rearrange(PAIRS_HIGH, r3);
        u0.rearrange(QUADS_LOW, v0).intoArray(ap, dst);
        u0.rearrange(QUADS_HIGH, v0).intoArray(ap, dst + L);
        u1.rearrange(QUADS_LOW, v1).intoArray(ap, dst + 2 * L);
        u1.rearrange(QUADS_HIGH, v1).intoArray(ap, dst + 3 * L);
    }

    /**
     * The 8 x L block of A whose first row starts at {@code s} (rows {@code lda} apart), times alpha, written to
     * {@code ap} from {@code dst} column by column (8 floats a column). With L = 16: eight vector loads, three rounds
     * of eight two-source permutes (pairs of rows, quads, octets; {@link #IPAIRS_LOW} and the rest), eight vector
     * stores; the scatter it replaces costs about a cycle per float on Intel's AVX-512 (the 16-lane store splits into
     * 16 element stores). With 4 or 8 lanes: {@link #transposeEightNarrowRows}.
     */
    private static void transposeEightRows(float alpha, float[] a, int s, int lda, float[] ap, int dst) {
        transposeEightRows(alpha, a, s, s + lda, s + 2 * lda, s + 3 * lda, s + 4 * lda, s + 5 * lda, s + 6 * lda,
                s + 7 * lda, ap, dst);
    }

    /** {@link #transposeEightRows(float, float[], int, int, float[], int)} of rows starting anywhere in {@code a}. */
    static void transposeEightRows(float alpha, float[] a, int s0, int s1, int s2, int s3, int s4, int s5, int s6,
                                   int s7, float[] ap, int dst) {
        if (L != 16) {
            transposeEightNarrowRows(alpha, a, s0, s1, s2, s3, s4, s5, s6, s7, ap, dst);
            return;
        }
        IntVector r0 = FloatVector.fromArray(S, a, s0).mul(alpha).reinterpretAsInts();
        IntVector r1 = FloatVector.fromArray(S, a, s1).mul(alpha).reinterpretAsInts();
        IntVector r2 = FloatVector.fromArray(S, a, s2).mul(alpha).reinterpretAsInts();
        IntVector r3 = FloatVector.fromArray(S, a, s3).mul(alpha).reinterpretAsInts();
        IntVector r4 = FloatVector.fromArray(S, a, s4).mul(alpha).reinterpretAsInts();
        IntVector r5 = FloatVector.fromArray(S, a, s5).mul(alpha).reinterpretAsInts();
        IntVector r6 = FloatVector.fromArray(S, a, s6).mul(alpha).reinterpretAsInts();
        IntVector r7 = FloatVector.fromArray(S, a, s7).mul(alpha).reinterpretAsInts();
        // pairs of rows, interleaved: columns 0..7 (p..) and 8..15 (q..)
        IntVector p01 = IPAIRS_LOW.selectFrom(r0, r1), q01 = IPAIRS_HIGH.selectFrom(r0, r1);
        IntVector p23 = IPAIRS_LOW.selectFrom(r2, r3), q23 = IPAIRS_HIGH.selectFrom(r2, r3);
        IntVector p45 = IPAIRS_LOW.selectFrom(r4, r5), q45 = IPAIRS_HIGH.selectFrom(r4, r5);
        IntVector p67 = IPAIRS_LOW.selectFrom(r6, r7), q67 = IPAIRS_HIGH.selectFrom(r6, r7);
        // four rows of four columns each: columns 0-3, 4-7, 8-11, 12-15 of rows 0-3 (x..) and 4-7 (y..)
        IntVector x0 = IQUADS_LOW.selectFrom(p01, p23), x1 = IQUADS_HIGH.selectFrom(p01, p23);
        IntVector x2 = IQUADS_LOW.selectFrom(q01, q23), x3 = IQUADS_HIGH.selectFrom(q01, q23);
        IntVector y0 = IQUADS_LOW.selectFrom(p45, p67), y1 = IQUADS_HIGH.selectFrom(p45, p67);
        IntVector y2 = IQUADS_LOW.selectFrom(q45, q67), y3 = IQUADS_HIGH.selectFrom(q45, q67);
        // eight rows of two columns each, in column order
        IOCTETS_LOW.selectFrom(x0, y0).reinterpretAsFloats().intoArray(ap, dst);
        IOCTETS_HIGH.selectFrom(x0, y0).reinterpretAsFloats().intoArray(ap, dst + L);
        IOCTETS_LOW.selectFrom(x1, y1).reinterpretAsFloats().intoArray(ap, dst + 2 * L);
        IOCTETS_HIGH.selectFrom(x1, y1).reinterpretAsFloats().intoArray(ap, dst + 3 * L);
        IOCTETS_LOW.selectFrom(x2, y2).reinterpretAsFloats().intoArray(ap, dst + 4 * L);
        IOCTETS_HIGH.selectFrom(x2, y2).reinterpretAsFloats().intoArray(ap, dst + 5 * L);
        IOCTETS_LOW.selectFrom(x3, y3).reinterpretAsFloats().intoArray(ap, dst + 6 * L);
        IOCTETS_HIGH.selectFrom(x3, y3).reinterpretAsFloats().intoArray(ap, dst + 7 * L);
    }

    /**
     * {@link #transposeEightRows}' turn with 4 or 8 lanes (an 8-row tile with 32 registers at those widths: AArch64, or
     * AVX-512 with a narrower species): the 8 x L block of A whose rows start at {@code s0} to {@code s7}, times alpha,
     * written to {@code ap} from {@code dst} column by column (8 floats a column). Each half of the rows is turned as
     * {@link #transposeRows} turns four rows; with 4 lanes each resulting vector is one column's half, stored in place,
     * with 8 lanes it holds two columns' halves, and one more shuffle each joins the halves of a column. With 8 lanes
     * these are {@link #transpose8}'s rounds; transpose8 (a column stride, no alpha) keeps its own copy: delegating it
     * to this method, given a stride, made AVX2's transposing copy of 1024 x 1024 12-20 % slower (Intel Xeon under
     * {@code -XX:UseAVX=2}, 2026-12-06).
     */
    private static void transposeEightNarrowRows(float alpha, float[] a, int s0, int s1, int s2, int s3, int s4,
                                                 int s5, int s6, int s7, float[] ap, int dst) {
        FloatVector r0 = FloatVector.fromArray(S, a, s0).mul(alpha);
        FloatVector r1 = FloatVector.fromArray(S, a, s1).mul(alpha);
        FloatVector r2 = FloatVector.fromArray(S, a, s2).mul(alpha);
        FloatVector r3 = FloatVector.fromArray(S, a, s3).mul(alpha);
        FloatVector r4 = FloatVector.fromArray(S, a, s4).mul(alpha);
        FloatVector r5 = FloatVector.fromArray(S, a, s5).mul(alpha);
        FloatVector r6 = FloatVector.fromArray(S, a, s6).mul(alpha);
        FloatVector r7 = FloatVector.fromArray(S, a, s7).mul(alpha);
        FloatVector u0 = r0.rearrange(PAIRS_LOW, r1), u1 = r0.rearrange(PAIRS_HIGH, r1);
        FloatVector v0 = r2.rearrange(PAIRS_LOW, r3), v1 = r2.rearrange(PAIRS_HIGH, r3);
        FloatVector w0 = r4.rearrange(PAIRS_LOW, r5), w1 = r4.rearrange(PAIRS_HIGH, r5);
        FloatVector x0 = r6.rearrange(PAIRS_LOW, r7), x1 = r6.rearrange(PAIRS_HIGH, r7);
        // rows 0-3 (t..) and 4-7 (b..) in column order, 4 floats a column: L / 4 columns a vector
        FloatVector t0 = u0.rearrange(QUADS_LOW, v0), t1 = u0.rearrange(QUADS_HIGH, v0);
        FloatVector t2 = u1.rearrange(QUADS_LOW, v1), t3 = u1.rearrange(QUADS_HIGH, v1);
        FloatVector b0 = w0.rearrange(QUADS_LOW, x0), b1 = w0.rearrange(QUADS_HIGH, x0);
        FloatVector b2 = w1.rearrange(QUADS_LOW, x1), b3 = w1.rearrange(QUADS_HIGH, x1);
        if (L == 4) {
            t0.intoArray(ap, dst);
            b0.intoArray(ap, dst + 4);
            t1.intoArray(ap, dst + 8);
            b1.intoArray(ap, dst + 12);
            t2.intoArray(ap, dst + 16);
            b2.intoArray(ap, dst + 20);
            t3.intoArray(ap, dst + 24);
            b3.intoArray(ap, dst + 28);
        } else {
            t0.rearrange(LOWER_HALVES, b0).intoArray(ap, dst);
            t0.rearrange(UPPER_HALVES, b0).intoArray(ap, dst + L);
            t1.rearrange(LOWER_HALVES, b1).intoArray(ap, dst + 2 * L);
            t1.rearrange(UPPER_HALVES, b1).intoArray(ap, dst + 3 * L);
            t2.rearrange(LOWER_HALVES, b2).intoArray(ap, dst + 4 * L);
            t2.rearrange(UPPER_HALVES, b2).intoArray(ap, dst + 5 * L);
            t3.rearrange(LOWER_HALVES, b3).intoArray(ap, dst + 6 * L);
            t3.rearrange(UPPER_HALVES, b3).intoArray(ap, dst + 7 * L);
        }
    }

    /** Rows and columns of the square blocks {@link #transposeBlock} turns: L where that is 4, 8 or 16, else 0. */
    static final int TRANSPOSE_BLOCK = L == 16 || L == 8 || L == 4 ? L : 0;

    /**
     * The {@link #TRANSPOSE_BLOCK}-square block whose rows start {@code ld} apart from {@code src}, turned: lane k of
     * row r becomes {@code out[o + k * ldo + r]}. For callers outside SGEMM (a transposing copy's tiles).
     */
    static void transposeBlock(float[] b, int src, int ld, float[] out, int o, int ldo) {
        if (L == 16) {
            transpose16(b, src, ld, out, o, ldo);
        } else if (L == 8) {
            transpose8(b, src, ld, out, o, ldo);
        } else {
            transpose4(b, src, ld, out, o, ldo);
        }
    }

    /**
     * With L = 16: lane k of the 16 rows that start {@code ld} apart from {@code src} (16 columns of a transposed B,
     * 16 steps each) becomes the 16 floats at {@code out[o + k * ldo]}: four rounds of sixteen two-source permutes
     * (pairs of rows, quads, octets, halves; {@link #IPAIRS_LOW} and the rest), where a scatter per column stored the
     * 256 floats one at a time.
     */
    private static void transpose16(float[] b, int src, int ld, float[] out, int o, int ldo) {
        IntVector r0 = FloatVector.fromArray(S, b, src + 0 * ld).reinterpretAsInts();
        IntVector r1 = FloatVector.fromArray(S, b, src + 1 * ld).reinterpretAsInts();
        IntVector r2 = FloatVector.fromArray(S, b, src + 2 * ld).reinterpretAsInts();
        IntVector r3 = FloatVector.fromArray(S, b, src + 3 * ld).reinterpretAsInts();
        IntVector r4 = FloatVector.fromArray(S, b, src + 4 * ld).reinterpretAsInts();
        IntVector r5 = FloatVector.fromArray(S, b, src + 5 * ld).reinterpretAsInts();
        IntVector r6 = FloatVector.fromArray(S, b, src + 6 * ld).reinterpretAsInts();
        IntVector r7 = FloatVector.fromArray(S, b, src + 7 * ld).reinterpretAsInts();
        IntVector r8 = FloatVector.fromArray(S, b, src + 8 * ld).reinterpretAsInts();
        IntVector r9 = FloatVector.fromArray(S, b, src + 9 * ld).reinterpretAsInts();
        IntVector r10 = FloatVector.fromArray(S, b, src + 10 * ld).reinterpretAsInts();
        IntVector r11 = FloatVector.fromArray(S, b, src + 11 * ld).reinterpretAsInts();
        IntVector r12 = FloatVector.fromArray(S, b, src + 12 * ld).reinterpretAsInts();
        IntVector r13 = FloatVector.fromArray(S, b, src + 13 * ld).reinterpretAsInts();
        IntVector r14 = FloatVector.fromArray(S, b, src + 14 * ld).reinterpretAsInts();
        IntVector r15 = FloatVector.fromArray(S, b, src + 15 * ld).reinterpretAsInts();
        IntVector p0 = IPAIRS_LOW.selectFrom(r0, r1), q0 = IPAIRS_HIGH.selectFrom(r0, r1);
        IntVector p1 = IPAIRS_LOW.selectFrom(r2, r3), q1 = IPAIRS_HIGH.selectFrom(r2, r3);
        IntVector p2 = IPAIRS_LOW.selectFrom(r4, r5), q2 = IPAIRS_HIGH.selectFrom(r4, r5);
        IntVector p3 = IPAIRS_LOW.selectFrom(r6, r7), q3 = IPAIRS_HIGH.selectFrom(r6, r7);
        IntVector p4 = IPAIRS_LOW.selectFrom(r8, r9), q4 = IPAIRS_HIGH.selectFrom(r8, r9);
        IntVector p5 = IPAIRS_LOW.selectFrom(r10, r11), q5 = IPAIRS_HIGH.selectFrom(r10, r11);
        IntVector p6 = IPAIRS_LOW.selectFrom(r12, r13), q6 = IPAIRS_HIGH.selectFrom(r12, r13);
        IntVector p7 = IPAIRS_LOW.selectFrom(r14, r15), q7 = IPAIRS_HIGH.selectFrom(r14, r15);
        IntVector u0_0 = IQUADS_LOW.selectFrom(p0, p1), u1_0 = IQUADS_HIGH.selectFrom(p0, p1);
        IntVector u2_0 = IQUADS_LOW.selectFrom(q0, q1), u3_0 = IQUADS_HIGH.selectFrom(q0, q1);
        IntVector u0_1 = IQUADS_LOW.selectFrom(p2, p3), u1_1 = IQUADS_HIGH.selectFrom(p2, p3);
        IntVector u2_1 = IQUADS_LOW.selectFrom(q2, q3), u3_1 = IQUADS_HIGH.selectFrom(q2, q3);
        IntVector u0_2 = IQUADS_LOW.selectFrom(p4, p5), u1_2 = IQUADS_HIGH.selectFrom(p4, p5);
        IntVector u2_2 = IQUADS_LOW.selectFrom(q4, q5), u3_2 = IQUADS_HIGH.selectFrom(q4, q5);
        IntVector u0_3 = IQUADS_LOW.selectFrom(p6, p7), u1_3 = IQUADS_HIGH.selectFrom(p6, p7);
        IntVector u2_3 = IQUADS_LOW.selectFrom(q6, q7), u3_3 = IQUADS_HIGH.selectFrom(q6, q7);
        IntVector v0_0 = IOCTETS_LOW.selectFrom(u0_0, u0_1), v1_0 = IOCTETS_HIGH.selectFrom(u0_0, u0_1);
        IntVector v0_1 = IOCTETS_LOW.selectFrom(u0_2, u0_3), v1_1 = IOCTETS_HIGH.selectFrom(u0_2, u0_3);
        IntVector v2_0 = IOCTETS_LOW.selectFrom(u1_0, u1_1), v3_0 = IOCTETS_HIGH.selectFrom(u1_0, u1_1);
        IntVector v2_1 = IOCTETS_LOW.selectFrom(u1_2, u1_3), v3_1 = IOCTETS_HIGH.selectFrom(u1_2, u1_3);
        IntVector v4_0 = IOCTETS_LOW.selectFrom(u2_0, u2_1), v5_0 = IOCTETS_HIGH.selectFrom(u2_0, u2_1);
        IntVector v4_1 = IOCTETS_LOW.selectFrom(u2_2, u2_3), v5_1 = IOCTETS_HIGH.selectFrom(u2_2, u2_3);
        IntVector v6_0 = IOCTETS_LOW.selectFrom(u3_0, u3_1), v7_0 = IOCTETS_HIGH.selectFrom(u3_0, u3_1);
        IntVector v6_1 = IOCTETS_LOW.selectFrom(u3_2, u3_3), v7_1 = IOCTETS_HIGH.selectFrom(u3_2, u3_3);
        ILOWER_HALVES.selectFrom(v0_0, v0_1).reinterpretAsFloats().intoArray(out, o + 0 * ldo);
        IUPPER_HALVES.selectFrom(v0_0, v0_1).reinterpretAsFloats().intoArray(out, o + 1 * ldo);
        ILOWER_HALVES.selectFrom(v1_0, v1_1).reinterpretAsFloats().intoArray(out, o + 2 * ldo);
        IUPPER_HALVES.selectFrom(v1_0, v1_1).reinterpretAsFloats().intoArray(out, o + 3 * ldo);
        ILOWER_HALVES.selectFrom(v2_0, v2_1).reinterpretAsFloats().intoArray(out, o + 4 * ldo);
        IUPPER_HALVES.selectFrom(v2_0, v2_1).reinterpretAsFloats().intoArray(out, o + 5 * ldo);
        ILOWER_HALVES.selectFrom(v3_0, v3_1).reinterpretAsFloats().intoArray(out, o + 6 * ldo);
        IUPPER_HALVES.selectFrom(v3_0, v3_1).reinterpretAsFloats().intoArray(out, o + 7 * ldo);
        ILOWER_HALVES.selectFrom(v4_0, v4_1).reinterpretAsFloats().intoArray(out, o + 8 * ldo);
        IUPPER_HALVES.selectFrom(v4_0, v4_1).reinterpretAsFloats().intoArray(out, o + 9 * ldo);
        ILOWER_HALVES.selectFrom(v5_0, v5_1).reinterpretAsFloats().intoArray(out, o + 10 * ldo);
        IUPPER_HALVES.selectFrom(v5_0, v5_1).reinterpretAsFloats().intoArray(out, o + 11 * ldo);
        ILOWER_HALVES.selectFrom(v6_0, v6_1).reinterpretAsFloats().intoArray(out, o + 12 * ldo);
        IUPPER_HALVES.selectFrom(v6_0, v6_1).reinterpretAsFloats().intoArray(out, o + 13 * ldo);
        ILOWER_HALVES.selectFrom(v7_0, v7_1).reinterpretAsFloats().intoArray(out, o + 14 * ldo);
        IUPPER_HALVES.selectFrom(v7_0, v7_1).reinterpretAsFloats().intoArray(out, o + 15 * ldo);
    }

    /**
     * With L = 8: lane k of the 8 rows that start {@code ld} apart from {@code src} (8 columns of a transposed B, 8
     * steps each) becomes the 8 floats at {@code out[o + k * ldo]}: three rounds of two-vector shuffles (pairs of rows,
     * quads, halves), 24 in all, where the scalar walk took 64 loads from 8 streams and 64 stores.
     */
    private static void transpose8(float[] b, int src, int ld, float[] out, int o, int ldo) {
        FloatVector r0 = FloatVector.fromArray(S, b, src), r1 = FloatVector.fromArray(S, b, src + ld);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ld), r3 = FloatVector.fromArray(S, b, src + 3 * ld);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ld), r5 = FloatVector.fromArray(S, b, src + 5 * ld);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ld), r7 = FloatVector.fromArray(S, b, src + 7 * ld);
        // a.. from rows 0-3, b.. from rows 4-7, as columns of 4, named by the two steps each holds
        FloatVector p01 = r0.rearrange(PAIRS_LOW, r1), q01 = r0.rearrange(PAIRS_HIGH, r1);
        FloatVector p23 = r2.rearrange(PAIRS_LOW, r3), q23 = r2.rearrange(PAIRS_HIGH, r3);
        FloatVector p45 = r4.rearrange(PAIRS_LOW, r5), q45 = r4.rearrange(PAIRS_HIGH, r5);
        FloatVector p67 = r6.rearrange(PAIRS_LOW, r7), q67 = r6.rearrange(PAIRS_HIGH, r7);
        FloatVector a01 = p01.rearrange(QUADS_LOW, p23), a23 = p01.rearrange(QUADS_HIGH, p23);
        FloatVector a45 = q01.rearrange(QUADS_LOW, q23), a67 = q01.rearrange(QUADS_HIGH, q23);
        FloatVector b01 = p45.rearrange(QUADS_LOW, p67), b23 = p45.rearrange(QUADS_HIGH, p67);
        FloatVector b45 = q45.rearrange(QUADS_LOW, q67), b67 = q45.rearrange(QUADS_HIGH, q67);
        a01.rearrange(LOWER_HALVES, b01).intoArray(out, o);
        a01.rearrange(UPPER_HALVES, b01).intoArray(out, o + ldo);
        a23.rearrange(LOWER_HALVES, b23).intoArray(out, o + 2 * ldo);
        a23.rearrange(UPPER_HALVES, b23).intoArray(out, o + 3 * ldo);
        a45.rearrange(LOWER_HALVES, b45).intoArray(out, o + 4 * ldo);
        a45.rearrange(UPPER_HALVES, b45).intoArray(out, o + 5 * ldo);
        a67.rearrange(LOWER_HALVES, b67).intoArray(out, o + 6 * ldo);
        a67.rearrange(UPPER_HALVES, b67).intoArray(out, o + 7 * ldo);
    }

    /**
     * With L = 4 (NEON's width): lane k of the 4 rows that start {@code ld} apart from {@code src} becomes the 4 floats
     * at {@code out[o + k * ldo]}: two rounds of two-vector shuffles (pairs of rows, then quads), 8 in all, as
     * {@link #transposeRows} turns four rows, where the scalar walk took 16 loads from 4 streams and 16 stores.
     */
    private static void transpose4(float[] b, int src, int ld, float[] out, int o, int ldo) {
        FloatVector r0 = FloatVector.fromArray(S, b, src), r1 = FloatVector.fromArray(S, b, src + ld);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ld), r3 = FloatVector.fromArray(S, b, src + 3 * ld);
        FloatVector p01 = r0.rearrange(PAIRS_LOW, r1), q01 = r0.rearrange(PAIRS_HIGH, r1);
        FloatVector p23 = r2.rearrange(PAIRS_LOW, r3), q23 = r2.rearrange(PAIRS_HIGH, r3);
        p01.rearrange(QUADS_LOW, p23).intoArray(out, o);
        p01.rearrange(QUADS_HIGH, p23).intoArray(out, o + ldo);
        q01.rearrange(QUADS_LOW, q23).intoArray(out, o + 2 * ldo);
        q01.rearrange(QUADS_HIGH, q23).intoArray(out, o + 3 * ldo);
    }

    /**
     * With L twice the panels' height (8 lanes and MR-row panels, or 16 lanes and {@link #TILE_ROWS}-row ones): the
     * PACK_ROWS x L block of a transposed A at {@code src} (rows {@code lda} apart), times alpha, as PACK_ROWS slices
     * of L / 2 floats into the panel at {@code left} and as many into the next panel, at
     * {@code right}: each pair of rows' lower halves makes one vector of the left panel, their upper halves one of
     * the right (one two-vector shuffle each), so a panel receives whole vectors in order.
     */
    private static void packRowPairs(float alpha, float[] a, int src, int lda, float[] ap, int left, int right) {
        for (int q = 0; q < PACK_ROWS; q += 2, src += 2 * lda, left += L, right += L) {
            FloatVector x = FloatVector.fromArray(S, a, src).mul(alpha);
            FloatVector y = FloatVector.fromArray(S, a, src + lda).mul(alpha);
            x.rearrange(LOWER_HALVES, y).intoArray(ap, left);
            x.rearrange(UPPER_HALVES, y).intoArray(ap, right);
        }
    }

    /** x's lower half then y's, and x's upper half then y's (two-vector shuffles as below). */
    private static final VectorShuffle<Float> LOWER_HALVES = halves(0), UPPER_HALVES = halves(L / 2);

    private static VectorShuffle<Float> halves(int from) {
        int[] lanes = new int[L];
        for (int x = 0; x < L; x++) {
            lanes[x] = from + x % (L / 2) + (x < L / 2 ? 0 : L);
        }
        return VectorShuffle.fromArray(S, lanes, 0);
    }

    /**
     * Shuffles of two vectors x, y (an index of L or more names y's lane index - L). PAIRS interleave the lower
     * (upper) halves of x and y: x0 y0 x1 y1 ...; QUADS take pairs alternately from x and y: x0 x1 y0 y1 x2 x3 y2 y3
     * ... from the lower (upper) halves. Applied to rows r0..r3 as pairs (r0, r1), (r2, r3), then quads of those,
     * they turn four rows into their columns, MR = 4 floats each.
     */
    private static final VectorShuffle<Float> PAIRS_LOW = shuffle(0, 1), PAIRS_HIGH = shuffle(L / 2, 1),
            QUADS_LOW = shuffle(0, 2), QUADS_HIGH = shuffle(L / 2, 2);
    /** Runs of four taken alternately from x and y, from the lower (upper) halves: the third round for 8 rows. */
    private static final VectorShuffle<Float> OCTETS_LOW = shuffle(0, 4), OCTETS_HIGH = shuffle(L / 2, 4);

    /**
     * The shuffles above as index vectors over the same lanes, for the 16-lane transposes: {@code idx.selectFrom(x,
     * y)} on the floats' bits is one two-source permute ({@code vpermi2d}), where C2 compiles {@code x.rearrange(s,
     * y)} into two one-source permutes and a blend. On a Zen 4, whose 512-bit shuffles issue over two cycles, that
     * made a 16 x 16 transpose 30 ns instead of 43 (in L1) and the CNN step 1-2 % faster (BENCHMARKS.md,
     * 2026-12-04, afternoon). Only the 16-lane paths use them: without AVX-512 a two-source selectFrom has no single
     * instruction.
     */
    private static final VectorSpecies<Integer> SI = S.withLanes(int.class);
    private static final IntVector IPAIRS_LOW = indices(PAIRS_LOW), IPAIRS_HIGH = indices(PAIRS_HIGH),
            IQUADS_LOW = indices(QUADS_LOW), IQUADS_HIGH = indices(QUADS_HIGH), IOCTETS_LOW = indices(OCTETS_LOW),
            IOCTETS_HIGH = indices(OCTETS_HIGH), ILOWER_HALVES = indices(LOWER_HALVES),
            IUPPER_HALVES = indices(UPPER_HALVES);

    /** A shuffle's lanes as selectFrom's indices: y's lane i, which a shuffle holds as i - L, becomes L + i. */
    private static IntVector indices(VectorShuffle<Float> shuffle) {
        int[] lanes = shuffle.toArray();
        for (int x = 0; x < L; x++) {
            lanes[x] = lanes[x] < 0 ? lanes[x] + 2 * L : lanes[x];
        }
        return IntVector.fromArray(SI, lanes, 0);
    }

    /** Runs of {@code group} lanes taken alternately from x and y, starting at lane {@code from} of each. */
    private static VectorShuffle<Float> shuffle(int from, int group) {
        int[] lanes = new int[L];
        for (int x = 0; x < L; x++) {
            lanes[x] = (from + x / (2 * group) * group + x % group) % L + (x % (2 * group) < group ? 0 : L);
        }
        return VectorShuffle.fromArray(S, lanes, 0);
    }

    /**
     * The no-packing path for products with alpha 1 (see {@link #takesDirect}): the same register tile as the
     * packed kernel, reading B's rows in place and broadcasting A's elements where they lie (along a row of A, or down
     * a column when transA). Each k-block's tile is written once as {@code beta * C + acc} (C not read when beta is
     * 0), later blocks adding to it: the packed path's order. On AVX-512 the tiles are {@link #TILE_ROWS} = 8 rows
     * high ({@link #directTallTile}), or MR where those take every row and 8-row ones would not; rows left below the
     * last tile run as 1 x NR strips ({@link #rowTile}), columns right of the last panel as scalar chains
     * ({@link #edgeColumns}); edges come only with beta 0 or 1, which those two take as store or add.
     */
    private static void direct(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                               float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int rowStep = transA ? 1 : lda, depthStep = transA ? lda : 1;
        // 8-row tiles, the rows below them as strips; MR-row tiles only where they take every row. MR-row tiles
        // under 8-row ones boxed their vectors in the transformer step without type profiles (UnprofiledStepsTest:
        // 94 KB a step instead of 5).
        boolean tall = TILE_ROWS > MR && (m % TILE_ROWS == 0 || m % MR != 0);
        int tallRows = tall ? m / TILE_ROWS * TILE_ROWS : 0, tileRows = tall ? tallRows : m / MR * MR;
        int fullColumns = n / NR * NR;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            for (int j = 0; j < fullColumns; j += NR) {
                int i = 0;
                for (; i < tallRows; i += TILE_ROWS) {
                    int ai = aOff + i * rowStep + pc * depthStep, bi = bOff + pc * ldb + j, ci = cOff + i * ldc + j;
                    directTallTile(kc, a, ai, rowStep, depthStep, b, bi, ldb, blockBeta, c, ci, ldc);
                }
                for (; i < tileRows; i += MR) {
                    int ai = aOff + i * rowStep + pc * depthStep, bi = bOff + pc * ldb + j, ci = cOff + i * ldc + j;
                    directTile(kc, a, ai, rowStep, depthStep, b, bi, ldb, blockBeta, c, ci, ldc);
                }
                for (; i < m; i++) {
                    // blockBeta is 0 or 1 here (takesDirect): a 1 x NR strip stores its sums or adds them
                    rowTile(kc, 1f, a, aOff + i * rowStep + pc * depthStep, depthStep, b, bOff + pc * ldb + j, ldb,
                            blockBeta == 0f, c, cOff + i * ldc + j);
                }
            }
        }
        if (fullColumns < n) {
            edgeColumns(m, fullColumns, n, k, a, aOff, rowStep, depthStep, b, bOff, ldb, beta == 0f, c, cOff, ldc);
        }
    }

    /**
     * Columns [j0, n) of C for {@link #direct}: per k-block one FMA chain an element from zero, stored ({@code store},
     * first block) or added, as the tiles do. Eight rows of a column at a time, so that eight independent chains fill
     * the FMA pipeline (one chain waits on each FMA's latency); each group's rows walked through every k-block before
     * the next group, so a long row of A streams once (a block at a time for all rows read each row in two halves).
     * Rows past the last eight, one chain at a time.
     */
    private static void edgeColumns(int m, int j0, int n, int k, float[] a, int aOff, int rowStep, int depthStep,
                                    float[] b, int bOff, int ldb, boolean store, float[] c, int cOff, int ldc) {
        int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep, r6 = 6 * rowStep,
                r7 = 7 * rowStep;
        for (int j = j0; j < n; j++) {
            int i = 0;
            for (; i + 8 <= m; i += 8) {
                int ci = cOff + i * ldc + j;
                for (int pc = 0; pc < k; pc += KC) {
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
                    int ai = aOff + i * rowStep + pc * depthStep, bi = bOff + pc * ldb + j;
                    for (int p = 0, kc = Math.min(KC, k - pc); p < kc; p++, ai += depthStep, bi += ldb) {
                        float bv = b[bi];
                        s0 = Math.fma(a[ai], bv, s0);
                        s1 = Math.fma(a[ai + r1], bv, s1);
                        s2 = Math.fma(a[ai + r2], bv, s2);
                        s3 = Math.fma(a[ai + r3], bv, s3);
                        s4 = Math.fma(a[ai + r4], bv, s4);
                        s5 = Math.fma(a[ai + r5], bv, s5);
                        s6 = Math.fma(a[ai + r6], bv, s6);
                        s7 = Math.fma(a[ai + r7], bv, s7);
                    }
                    boolean first = store && pc == 0;
                    c[ci] = first ? s0 : c[ci] + s0;
                    c[ci + ldc] = first ? s1 : c[ci + ldc] + s1;
                    c[ci + 2 * ldc] = first ? s2 : c[ci + 2 * ldc] + s2;
                    c[ci + 3 * ldc] = first ? s3 : c[ci + 3 * ldc] + s3;
                    c[ci + 4 * ldc] = first ? s4 : c[ci + 4 * ldc] + s4;
                    c[ci + 5 * ldc] = first ? s5 : c[ci + 5 * ldc] + s5;
                    c[ci + 6 * ldc] = first ? s6 : c[ci + 6 * ldc] + s6;
                    c[ci + 7 * ldc] = first ? s7 : c[ci + 7 * ldc] + s7;
                }
            }
            for (; i < m; i++) {
                int ci = cOff + i * ldc + j;
                for (int pc = 0; pc < k; pc += KC) {
                    float chain = 0f;
                    int ai = aOff + i * rowStep + pc * depthStep, bi = bOff + pc * ldb + j;
                    for (int p = 0, kc = Math.min(KC, k - pc); p < kc; p++, ai += depthStep, bi += ldb) {
                        chain = Math.fma(a[ai], b[bi], chain);
                    }
                    c[ci] = store && pc == 0 ? chain : c[ci] + chain;
                }
            }
        }
    }

    /**
     * One MR x NR tile of the direct path: {@link #kernel}'s loop over operands read in place instead of packed. It
     * is a method of its own rather than a second caller of the kernel because a second hot call site of one tile
     * method is what made C2 box the vectors before (see {@link #blocked}). Its epilogue is written out as
     * tallKernel's is: through a helper a row, the vectors stayed unboxed only while C2 inlined all four calls, and it
     * did not when a transposed-B variant ran through here (the step allocated a megabyte) nor when the caller's
     * profile was stale ("low call site frequency": UnprofiledStepsTest's CNN at batch 4, 20 KB a step).
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
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (beta != 0f) {
            c00 = FloatVector.fromArray(S, c, ci).mul(beta).add(c00);
            c01 = FloatVector.fromArray(S, c, ci + L).mul(beta).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).mul(beta).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).mul(beta).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).mul(beta).add(c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    /**
     * One 8-row tile of {@link #direct}: {@link #tallKernel}'s loop over operands read in place, its epilogue
     * written as tallKernel's is (one branch for beta * C, then the stores) for the same reason.
     */
    private static void directTallTile(int k, float[] a, int ai, int rowStep, int depthStep, float[] b, int bi, int ldb,
                                       float beta, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep, r6 = 6 * rowStep,
                r7 = 7 * rowStep;
        for (int p = 0; p < k; p++, ai += depthStep, bi += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + r1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + r2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + r3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + r4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + r5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + r6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + r7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc;
        if (beta != 0f) {
            c00 = FloatVector.fromArray(S, c, ci).mul(beta).add(c00);
            c01 = FloatVector.fromArray(S, c, ci + L).mul(beta).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).mul(beta).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).mul(beta).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).mul(beta).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).mul(beta).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).mul(beta).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).mul(beta).add(c31);
            c40 = FloatVector.fromArray(S, c, c4).mul(beta).add(c40);
            c41 = FloatVector.fromArray(S, c, c4 + L).mul(beta).add(c41);
            c50 = FloatVector.fromArray(S, c, c5).mul(beta).add(c50);
            c51 = FloatVector.fromArray(S, c, c5 + L).mul(beta).add(c51);
            c60 = FloatVector.fromArray(S, c, c6).mul(beta).add(c60);
            c61 = FloatVector.fromArray(S, c, c6 + L).mul(beta).add(c61);
            c70 = FloatVector.fromArray(S, c, c7).mul(beta).add(c70);
            c71 = FloatVector.fromArray(S, c, c7 + L).mul(beta).add(c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + L);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + L);
        c60.intoArray(c, c6);
        c61.intoArray(c, c6 + L);
        c70.intoArray(c, c7);
        c71.intoArray(c, c7 + L);
    }

    /**
     * C[0:TILE_ROWS, 0:NR] (+)= A * Bp: {@link #kernel} or {@link #tallKernel}, whichever this width uses.
     * TILE_ROWS is a constant, so C2 folds the choice; the kernels are too large to be inlined into their callers,
     * and this is every caller's one call site of them. A's tile is {@code ap[ai + r * across + p * down]} for row r
     * and step p: a packed panel is {@code across} 1 and {@code down} TILE_ROWS, and only the tall kernel reads
     * anything else (see {@link #readsInPlace}).
     */
    static void tile(int kc, float[] ap, int ai, int across, int down, float[] bp, int bi, float[] c, int ci, int ldc,
                     boolean store) {
        if (TILE_ROWS == MR) {
            kernel(kc, ap, ai, bp, bi, c, ci, ldc, store);
        } else {
            tallKernel(kc, ap, ai, across, down, bp, bi, c, ci, ldc, store);
        }
    }

    /** C[0:MR, 0:NR] += Ap(MR x kc) * Bp(kc x NR) with the tile held in 8 vector registers. */
    static void kernel(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean store) {
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
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (!store) {
            c00 = FloatVector.fromArray(S, c, ci).add(c00);
            c01 = FloatVector.fromArray(S, c, ci + L).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).add(c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    /**
     * {@link #kernel} for a {@link #TILE_ROWS} = 8 row tile (AVX-512): C[0:8, 0:NR] (+)= A(8 x kc) * Bp(kc x NR) in 16
     * accumulators, A's element (r, p) at {@code ap[ai + r * across + p * down]}: a panel packed 8 rows high, or A
     * itself (see {@link #readsInPlace}). Each step loads B's two vectors once for 16 FMAs instead of 8,
     * and C2 keeps the tile, both B vectors and its broadcasts in registers (no spill in its code on an Intel Xeon
     * with AVX-512, 2026-12-03).
     */
    static void tallKernel(int kc, float[] ap, int ai, int across, int down, float[] bp, int bi, float[] c, int ci,
                           int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int r1 = across, r2 = 2 * across, r3 = 3 * across, r4 = 4 * across, r5 = 5 * across, r6 = 6 * across,
                r7 = 7 * across;
        // A packed panel's offsets as constants: each broadcast then addresses A from one index register, where
        // seven row offsets held in registers cost an Intel Xeon 15-20 % of the kernel (see A_IN_PLACE).
        if (across == 1 && down == 8) {
            for (int p = 0; p < kc; p++, ai += 8, bi += NR) {
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
                FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        } else {
            for (int p = 0; p < kc; p++, ai += down, bi += NR) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[ai + r1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[ai + r2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[ai + r3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[ai + r4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[ai + r5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[ai + r6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[ai + r7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        }
        // C's vector is the receiver of each add, not the accumulator: C2 knows a loaded vector's class but not a loop
        // phi's, and binds a call on the latter only through a type profile (see VectorWidth).
        // One branch for the sums' adds and one run of stores: eight inlined calls of a row-writing helper (each with
        // both branches) took C2 past its node-count cutoff for inlining, and the rows it left out of line boxed their
        // vectors (SGEMM 512^3 at a tenth of its speed).
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc;
        if (!store) {
            c00 = FloatVector.fromArray(S, c, ci).add(c00);
            c01 = FloatVector.fromArray(S, c, ci + L).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).add(c31);
            c40 = FloatVector.fromArray(S, c, c4).add(c40);
            c41 = FloatVector.fromArray(S, c, c4 + L).add(c41);
            c50 = FloatVector.fromArray(S, c, c5).add(c50);
            c51 = FloatVector.fromArray(S, c, c5 + L).add(c51);
            c60 = FloatVector.fromArray(S, c, c6).add(c60);
            c61 = FloatVector.fromArray(S, c, c6 + L).add(c61);
            c70 = FloatVector.fromArray(S, c, c7).add(c70);
            c71 = FloatVector.fromArray(S, c, c7 + L).add(c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + L);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + L);
        c60.intoArray(c, c6);
        c61.intoArray(c, c6 + L);
        c70.intoArray(c, c7);
        c71.intoArray(c, c7 + L);
    }

    /**
     * {@link #tallKernel} with B's panel read from an aligned segment ({@link #packAligned}), so that no load of B
     * crosses a cache line. A copy rather than one kernel over segments for every path: the convolution's and the
     * transposed packers write their panels faster into arrays, and one kernel call site seeing both heap and native
     * segments ran at 0.6x (see {@link Sgemm}'s Javadoc). The epilogue is written out again for the same reason as in
     * tallKernel: a shared helper would take sixteen vectors as arguments, boxed wherever C2 does not inline it.
     */
    private static void alignedKernel(int kc, float[] ap, int ai, int across, int down, MemorySegment bp, int bi,
                                      float[] c, int ci, int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int r1 = across, r2 = 2 * across, r3 = 3 * across, r4 = 4 * across, r5 = 5 * across, r6 = 6 * across,
                r7 = 7 * across;
        // B's byte offset as an induction variable of its own: computed from an int index each step, C2 left two
        // bounds checks of the segment in the loop (512^3 no faster than from an array).
        long at = (long) bi * Float.BYTES;
        // A packed panel's offsets as constants: each broadcast then addresses A from one index register, where
        // seven row offsets held in registers cost an Intel Xeon 15-20 % of the kernel (see A_IN_PLACE).
        if (across == 1 && down == 8) {
            for (int p = 0; p < kc; p++, ai += 8, at += ROW_BYTES) {
                FloatVector b0 = FloatVector.fromMemorySegment(S, bp, at, ORDER);
                FloatVector b1 = FloatVector.fromMemorySegment(S, bp, at + L * Float.BYTES, ORDER);
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
                FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        } else {
            for (int p = 0; p < kc; p++, ai += down, at += ROW_BYTES) {
                FloatVector b0 = FloatVector.fromMemorySegment(S, bp, at, ORDER);
                FloatVector b1 = FloatVector.fromMemorySegment(S, bp, at + L * Float.BYTES, ORDER);
                FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
                c00 = a0.fma(b0, c00);
                c01 = a0.fma(b1, c01);
                FloatVector a1 = FloatVector.broadcast(S, ap[ai + r1]);
                c10 = a1.fma(b0, c10);
                c11 = a1.fma(b1, c11);
                FloatVector a2 = FloatVector.broadcast(S, ap[ai + r2]);
                c20 = a2.fma(b0, c20);
                c21 = a2.fma(b1, c21);
                FloatVector a3 = FloatVector.broadcast(S, ap[ai + r3]);
                c30 = a3.fma(b0, c30);
                c31 = a3.fma(b1, c31);
                FloatVector a4 = FloatVector.broadcast(S, ap[ai + r4]);
                c40 = a4.fma(b0, c40);
                c41 = a4.fma(b1, c41);
                FloatVector a5 = FloatVector.broadcast(S, ap[ai + r5]);
                c50 = a5.fma(b0, c50);
                c51 = a5.fma(b1, c51);
                FloatVector a6 = FloatVector.broadcast(S, ap[ai + r6]);
                c60 = a6.fma(b0, c60);
                c61 = a6.fma(b1, c61);
                FloatVector a7 = FloatVector.broadcast(S, ap[ai + r7]);
                c70 = a7.fma(b0, c70);
                c71 = a7.fma(b1, c71);
            }
        }
        // C's vector is the receiver of each add, not the accumulator: C2 knows a loaded vector's class but not a loop
        // phi's, and binds a call on the latter only through a type profile (see VectorWidth).
        // One branch for the sums' adds and one run of stores: eight inlined calls of a row-writing helper (each with
        // both branches) took C2 past its node-count cutoff for inlining, and the rows it left out of line boxed their
        // vectors (SGEMM 512^3 at a tenth of its speed).
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc;
        if (!store) {
            c00 = FloatVector.fromArray(S, c, ci).add(c00);
            c01 = FloatVector.fromArray(S, c, ci + L).add(c01);
            c10 = FloatVector.fromArray(S, c, c1).add(c10);
            c11 = FloatVector.fromArray(S, c, c1 + L).add(c11);
            c20 = FloatVector.fromArray(S, c, c2).add(c20);
            c21 = FloatVector.fromArray(S, c, c2 + L).add(c21);
            c30 = FloatVector.fromArray(S, c, c3).add(c30);
            c31 = FloatVector.fromArray(S, c, c3 + L).add(c31);
            c40 = FloatVector.fromArray(S, c, c4).add(c40);
            c41 = FloatVector.fromArray(S, c, c4 + L).add(c41);
            c50 = FloatVector.fromArray(S, c, c5).add(c50);
            c51 = FloatVector.fromArray(S, c, c5 + L).add(c51);
            c60 = FloatVector.fromArray(S, c, c6).add(c60);
            c61 = FloatVector.fromArray(S, c, c6 + L).add(c61);
            c70 = FloatVector.fromArray(S, c, c7).add(c70);
            c71 = FloatVector.fromArray(S, c, c7 + L).add(c71);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + L);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + L);
        c60.intoArray(c, c6);
        c61.intoArray(c, c6 + L);
        c70.intoArray(c, c7);
        c71.intoArray(c, c7 + L);
    }

    /**
     * {@link #alignedKernel} for a panel whose columns past the first vector are all padding: the tile's left half
     * only (eight accumulators), the same chains in the same order. Reads A through its offsets as given (packed or in
     * place); runs only on the last panel of a block of B, which is all of it where the block is that narrow.
     */
    private static void alignedHalfKernel(int kc, float[] ap, int ai, int across, int down, MemorySegment bp, int bi,
                                          float[] c, int ci, int ldc, boolean store) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int r1 = across, r2 = 2 * across, r3 = 3 * across, r4 = 4 * across, r5 = 5 * across, r6 = 6 * across,
                r7 = 7 * across;
        long at = (long) bi * Float.BYTES;
        for (int p = 0; p < kc; p++, ai += down, at += ROW_BYTES) {
            FloatVector b = FloatVector.fromMemorySegment(S, bp, at, ORDER);
            c0 = FloatVector.broadcast(S, ap[ai]).fma(b, c0);
            c1 = FloatVector.broadcast(S, ap[ai + r1]).fma(b, c1);
            c2 = FloatVector.broadcast(S, ap[ai + r2]).fma(b, c2);
            c3 = FloatVector.broadcast(S, ap[ai + r3]).fma(b, c3);
            c4 = FloatVector.broadcast(S, ap[ai + r4]).fma(b, c4);
            c5 = FloatVector.broadcast(S, ap[ai + r5]).fma(b, c5);
            c6 = FloatVector.broadcast(S, ap[ai + r6]).fma(b, c6);
            c7 = FloatVector.broadcast(S, ap[ai + r7]).fma(b, c7);
        }
        int d1 = ci + ldc, d2 = d1 + ldc, d3 = d2 + ldc, d4 = d3 + ldc, d5 = d4 + ldc, d6 = d5 + ldc, d7 = d6 + ldc;
        if (!store) {
            c0 = FloatVector.fromArray(S, c, ci).add(c0);
            c1 = FloatVector.fromArray(S, c, d1).add(c1);
            c2 = FloatVector.fromArray(S, c, d2).add(c2);
            c3 = FloatVector.fromArray(S, c, d3).add(c3);
            c4 = FloatVector.fromArray(S, c, d4).add(c4);
            c5 = FloatVector.fromArray(S, c, d5).add(c5);
            c6 = FloatVector.fromArray(S, c, d6).add(c6);
            c7 = FloatVector.fromArray(S, c, d7).add(c7);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, d1);
        c2.intoArray(c, d2);
        c3.intoArray(c, d3);
        c4.intoArray(c, d4);
        c5.intoArray(c, d5);
        c6.intoArray(c, d6);
        c7.intoArray(c, d7);
    }
}
