package dev.vgrad.kernels;

/**
 * Single-precision GEMM on row-major {@code float[]} matrices: {@code C = alpha * op(A) * op(B) + beta * C},
 * where op(X) is X or its transpose. The transpose flags are how backward avoids materializing a transpose:
 * {@code dA = dC * B^T} is {@code sgemm(false, true, ...)} on B's own storage.
 *
 * <h2>Algorithms</h2>
 * <ul>
 *   <li><b>Blocked</b> (the GotoBLAS/BLIS scheme). B is packed into panels {@code NR} columns (two vectors) wide and
 *   {@link #KC} deep (KC x NR floats: 16 KiB with 8-lane vectors, 32 KiB with AVX-512's 16 lanes; it stays in L1
 *   while a panel of A streams past it); A is packed into panels of
 *   {@link #MR} rows, {@link #MC} at a time (a block filling half of L2), with alpha folded in. MC and {@link #NC}
 *   come from the detected cache sizes ({@code CacheBlocking}: 256 and 4096 on the Zen 3 below, 32 KiB L1d, 512 KiB
 *   L2, 32 MiB L3); there MC 96, 192 and 256 and NC 512 to 3072 all measured within the noise at 512^3 and 1536^3 on
 *   one core (82-86 GFLOP/s each; the micro-kernel, not the caches, is the limit), so the model's choice costs nothing
 *   where it does not help and follows L2 on machines whose L2 is smaller (Intel clients, 256 KiB); on larger ones it
 *   stops at 256 rows (on a Xeon's 2 MiB L2, 512 rows ran 512^3 and 1024^3 2-5 % slower: see
 *   {@code CacheBlocking.MAX_MC}). The micro-kernel
 *   keeps a tile of C in vector registers, two vectors wide: on AVX2 {@link #MR} = 4 rows (8 accumulators, 8 FMAs per
 *   2 vector loads and 4 broadcasts); with 32 vector registers (AVX-512 at any width, AArch64's NEON and SVE) 8 rows
 *   ({@code VectorGemm.TILE_ROWS}: 16 accumulators, 16 FMAs per 2 vector loads and 8 broadcasts), from A panels
 *   packed 8 rows high. The height follows the registers, not the width: on the Intel Xeon below with the species
 *   forced narrower (2026-12-06, one thread, n = 256 to 1024; FMA peak 55.3 GFLOP/s with 4 lanes and 109.5 with 8,
 *   measured by {@code ../shared/tools/peak}'s loop at those widths), 8 rows ran 4 lanes at 42-49 GFLOP/s against
 *   39-43 for 4 rows (86-88 % of that peak at 256^3 and 512^3 against 76-78 %) and 8 lanes at 81-94 against 71-82.
 *   Eight accumulators are exactly what two FMA units of latency 4 keep busy, with nothing to spare for a late
 *   load; ARM's Neoverse cores with four 128-bit FMA pipes need sixteen. On an Intel Xeon with AVX-512 and two FMA
 *   units (family 6 model 167 as the VM reports it, 48 KiB L1d, 2 MiB L2; FMA peak 202-206 GFLOP/s a core;
 *   2026-12-03), a throwaway loop of kernels on packed panels (B's panel in L1, A's block in L2) ran 4x32 at 114-119
 *   GFLOP/s, 8x32 at 153-177 (the machine's speed drifted over the hour), 12x32 at 160-162 where 8x32 ran 153-158,
 *   and a C kernel of the same shapes (gcc -O3 -march=native, intrinsics) 169-172 for 8 and 12 rows. C2's code for
 *   8x32 has no spill (30 instructions a step for 16 FMAs); SGEMM 512^3 on one thread went from 98-105 to 133-143
 *   GFLOP/s, on two from 196 to 249-272. What caps the Java kernel at 87 % of peak (the C loop at 90 %) is where B's
 *   panel lies (2026-12-04, same machine, peak 244-246): a {@code float[]}'s elements start 16 bytes past an
 *   8-byte-aligned object, so every 64-byte load of B crosses two cache lines. The C loop ran 236 GFLOP/s (96 %) with
 *   the panel on a line and 220-223 off it, the Java kernel 213 in an array and 228-230 on a line. So with 16 lanes
 *   the blocked path packs an untransposed B into off-heap panels aligned to 64 bytes ({@code Panels}) and runs a copy
 *   of the 8-row kernel that reads them as a {@code MemorySegment}: SGEMM 512^3 1 469-1 487 -> 1 399-1 403 us on one
 *   thread (192 GFLOP/s, 78 % of peak), 762-773 -> 720-724 on two (JMH, alternated twice); the MLP, CNN and
 *   transformer steps did not move beyond their noise. Only there, because a vector store into a segment re-checks
 *   the segment each time (C2 cannot tell that the store leaves the segment object alone): with every packer writing
 *   segments the convolution's panel gathers took twice their time and the CNN step was 5 % slower; a panel read
 *   through a heap segment at the same call site as native ones ran the kernel at 0.6x; and with 256-bit vectors the
 *   segment's addressing cost the 4-row kernel more (97-99 -> 91-94 GFLOP/s with {@code -XX:UseAVX=2}) than
 *   alignment gained. A transposed B is turned into an array's panels as before and, where A has at least 256 rows,
 *   moved to the aligned panels in one copy: the transformer block step's forward (its linear layers' products, B
 *   their weights) 17.7-18.1 -> 17.1-17.8 ms, alternated every 10 steps in one JVM, four runs (Intel Xeon above,
 *   2026-12-06); 256 x 128 x 784 (an MLP's first layer at batch 512 split over two threads) 133-140 -> 137-145
 *   GFLOP/s; copied at 64 rows (the MLP step at batch 64) it cost that step 4.5 % (439 -> 459 us), and at 128 rows
 *   it gained nothing, so smaller products keep the array. Gathered B, the parallel path's shared panels and 8 lanes
 *   keep arrays. An aligned panel at most one vector wide (a 784-wide weight gradient's last 16 columns, a 10-class
 *   head) runs the left half of the tile, eight accumulators, instead of the whole tile on zeros: on that Xeon
 *   (2026-12-06 night, best of 0.2 s rounds) 512 x 10 x 64 with B transposed 22.6-22.9 -> 19.9-20.9 us, the MLP's
 *   128 x 784 x 512 weight gradient 764-768 -> 756-758 on one thread and 410-413 -> 384-386 on two, where the
 *   caller's block of 400 columns had run 13 whole tiles across against the other thread's 12.
 *   On the same VM model on 2026-12-06 (peak 209-226; its flags show AMX and a 480 MiB L3) the kernel is the cap and
 *   C2 is mostly not what caps it: with every operand in L1 the 8x32 loop ran 78-80 % of peak, the same loop in C
 *   (gcc 12 -O3 -march=native, intrinsics) 80-82 % (0-7 % ahead of Java in a later alternated stretch), and C's
 *   12x32, 14x32, 6x64 and 4x64 tiles 79-86, 82-85, 78-79 and 73-74 %, where MKL's SGEMM ran at 80-86 %. C2's code
 *   for the packed loop (disassembled with Debian's libhsdis0-fcml) is 2 vector loads, 8 broadcasts from memory, 16
 *   FMAs and 11 integer instructions a step, no spill and no bounds check; unrolled twice in the source it ran 7 %
 *   slower, four times 2 % faster (within the noise), and C2's own unrolling ({@code -XX:LoopUnrollLimit=250})
 *   spilled it to a third of its speed.
 *   12 rows measured within the noise of 8 in SGEMM (128-138 against 131-134) and wastes more on short edges, so 8.
 *   On a Zen 4 (family 25 model 17: AVX-512 on 256-bit units, one 16-lane FMA a cycle, 32 KiB L1d, 1 MiB L2;
 *   2026-12-04) the same choices give 91-95 % of the FMA peak on one core and 87-92 % on two at n = 256 to 1024, with
 *   the kernel at ~98 % of peak while it runs ({@code perf}: 94 % of a 512^3 product's samples, packing 3.7 %). There
 *   B's 32 KiB micro-panel fills the whole L1d and is read from L2 at no visible cost; keeping B's block in L2 instead
 *   (NC 512 rather than 1024) ran 1024^3 3 % slower, as A was packed twice as often.
 *   The kernel's epilogue adds its sums to C in one branch then stores all 16 vectors: eight inlined calls of a
 *   row-writing helper took C2 past its inlining node-count cutoff and boxed the vectors of the rows left out
 *   (SGEMM at a tenth of its speed). There a row-major A is packed by 8 x 16 transposes in registers (24 two-vector
 *   shuffles for 128 floats) rather than by scatters, which Intel runs about one float a cycle: 512^3 went from
 *   128-134 to 135-144 GFLOP/s on one thread. On AVX2 (16 registers) larger tiles (6x16, 4x24) measured slower: C2
 *   spilled the extra accumulators. Measured on a Zen 3
 *   (family 25 model 1, 2026-12-02): the 4x16 kernel alone on packed panels runs at 84 % of the FMA peak, with no
 *   spill in C2's code, and 8 accumulators are enough to reach peak there (a C loop of 8 FMA chains does); 6x16 ran
 *   at 37 GFLOP/s (C2 needed a third broadcast register and spilled an accumulator), 3x24 at 71, 8x8 at 64. The
 *   disassembly (2026-12-03, same machine) shows the pattern: C2 schedules every broadcast of a step before its FMAs,
 *   so 5x16 needs 17 registers and keeps an accumulator in memory (36 GFLOP/s), and a 4x16 loop unrolled by two steps
 *   either kept five range checks a step (81 against 87 GFLOP/s at 512^3) or, with them removed, hoisted all eight
 *   broadcasts and spilled (27). Packing makes every transpose variant run the same inner loop from contiguous memory,
 *   and zero-padding makes edge tiles run it too. Without a scatter instruction the packing loops walk memory in order
 *   (B row by row into its panels, A's panel rows side by side): on that Zen 3 this cut packing B from 15 % to 3 % of a
 *   512^3 product's time. B's rows are now taken eight at a time, each panel's slices of them in turn: row by row, the
 *   slices of one row went to panels 32 KiB apart, all in one L1 set, and with more than a dozen panels each store
 *   missed (a linear layer's 128 x 784 x 512 weight gradient 570 -> 517 us on one thread of a Zen 5, family 26 model 2,
 *   and 1 212-1 337 -> 1 017-1 075 us there with AVX2; 512^3 and the MLP step did not move; 2026-12-08). A transposed B
 *   (a linear layer's weight in its forward, dY in a convolution's weight gradient) is packed with 8 lanes by turning 8
 *   x 8 blocks in registers (24 two-vector shuffles where the scalar walk read 8 streams): the MLP step at batch 64 on
 *   one thread 544-548 -> 517 us in JMH on that Zen 3 (2026-12-03). With 16 lanes a scatter per column packed it, a
 *   quarter slower than the untransposed product at m = 64 on the Intel Xeon above; 16 x 16 blocks turned in registers
 *   (64 shuffles) took that product from 101 to 130 GFLOP/s and the MLP step at batch 64 on one thread from 394-412 to
 *   370-371 us (JMH alternated twice). Beside them the partial panel's scatter was left boxed by C2 (the CNN step
 *   allocated 23 KB a step instead of 7.5), so B's packing no longer scatters at all: a partial panel's columns are
 *   copied one float at a time, which measured the same.
 *   The products of a training step are lopsided (a linear layer's 4096 x 128 x 384 forward, its
 *   weight gradient 384 x 128 x 4096 with A transposed): each packed element of A serves only n = 128 columns, so
 *   packing A cost as much as a fifth of the micro-kernel's time there. A row-major A's 4 x L blocks are turned into
 *   columns in registers (two rounds of two-vector shuffles); a transposed A is read 8 rows at a time, each row's
 *   4-float slices sent to their panels (with 8-lane vectors two panels at once, a pair of rows' halves joined by one
 *   shuffle), because a walk down the panels (rows 2 KiB apart) or along single rows (panels 4 KiB apart) keeps landing
 *   in one L1 set. On the Zen 3 (family 25 model 1, 2026-12-02) packing A went from 16.8 % to 8.0 % of the transformer
 *   block step's samples, and the weight gradient's 512 x 128 x 4096 from 23-34 to 59-66 GFLOP/s (busy hours). Only the
 *   preferred vector species is used anywhere: a second one (4-lane moves for the panel slices) made FloatVector's
 *   shared methods polymorphic in C2's profiles, and other kernels stopped being intrinsified.
 *   With the tall tile, where B's block is at most 512 columns and alpha is 1, A is not packed at all: the kernel
 *   broadcasts a whole tile's elements from A where they lie, eight rows (or, transposed, eight adjacent floats of kc
 *   rows) read as eight streams; only the rows below the last whole tile are packed ({@code VectorGemm.readsInPlace}).
 *   On a Zen 4 (family 25 model 17, one thread, 2026-12-05; best loops alternated with the packing code): 4096 x 128
 *   x 384 100-102 -> 109-111 GFLOP/s, 4096 x 128 x 512 with B transposed 101-103 -> 107-110, the weight gradient 128 x
 *   128 x 4096 (A transposed) 96-98 -> 101-106, 512^3 108-109 -> 110-111; the transformer block step 59.7-60.1 ->
 *   57.3-58.0 ms and the MLP step at batch 64 373-378 -> 360-366 us in JMH. Wider blocks keep packing (1024^3 and
 *   2048^3 lost 1-3 % in place, where each packed element serves 1024 columns), and so does a transposed A whose rows
 *   lie 2 KiB apart (512 x 128 x 4096: 90-100 GFLOP/s in place, 96-104 packed). Only where the core splits 512-bit
 *   FMAs in two (AMD family 25; {@code vgrad.gemm.aInPlace} overrides): in place, each broadcast's address takes one
 *   of seven row offsets held in registers, where a packed panel's are constants. On the Intel Xeon (family 6 model
 *   167, one thread, 2026-12-05) reading in place, or the packed panels through the same offset registers, lost 15-20
 *   % everywhere: 512^3 146 -> 121 GFLOP/s, 4096 x 128 x 512 with B transposed 133 -> 109, 4096 x 128 x 384 135 ->
 *   121, A transposed 384 x 128 x 4096 121 -> 97; so the packed loop keeps its constant offsets. A transposed A's
 *   tile has constant offsets in place too (eight adjacent floats of each row), but read through the packed loop's
 *   constant offsets it still did not pay there (2026-12-06, one thread, alternated twice): 128 x 128 x 4096 +3-4 %,
 *   384 x 128 x 4096 -1 %, 128 x 512 x 4096 -7 %.</li>
 *   <li><b>Direct</b>: products with alpha 1 and an untransposed B up to {@link #DIRECT_FLOPS} whose C divides into
 *   whole tiles run the same register tile reading A (either layout) and B in place: no packing, no separate scaling
 *   of C; on AVX-512 the 8-row tile where m is a multiple of 8 (64 x 64 x 128 went from 106 to 132 GFLOP/s and 96^3
 *   from 101 to 124 on one core of the Intel Xeon above), the 4-row one otherwise. A transposed B stays on the
 *   packed path: copying it into rows first was no faster, and packing it into panels for this tile was faster alone
 *   but slower inside the training step (BENCHMARKS.md). With beta 0 or 1 it also takes C with edges when small, or
 *   at most 16 rows deep at any size: rows past the last tile as 1 x NR strips, one or two columns past the last
 *   panel as FMA chains eight rows side by side (a B of one column, transposed or not, is a GEMV's vector). On the
 *   Intel Xeon above, one core (2026-12-04): a classifier's weight gradient 10 x 64 x 512 (A transposed) 15.8 -> 6-8
 *   us, 512 x 1 x 64 (B transposed) 15.9 -> 7.9 us, against OpenBLAS's 4.7 and 1.8.</li>
 *   <li><b>Rows</b>: below {@link #SMALL_FLOPS}, or with fewer than {@link #MR} rows, an untransposed B is read in
 *   place by a 1 x NR strip per row of C. A transposed B takes the packed path even then: its products run along
 *   memory, and chaining them in the canonical order in place would be a scalar loop.</li>
 *   <li><b>Parallel</b>: with {@link Parallel#threads} above 1, products of at least {@link #PARALLEL_FLOPS}
 *   multiply-adds split C into blocks of rows (or columns), one per thread. From three blocks of rows on, they share B
 *   BLIS-style ({@code ParallelProduct}): the threads pack each block of B together into one buffer, then each
 *   multiplies its own rows against it, instead of a full copy of B per thread. With two, each thread packs all of B
 *   for itself: no change either way on the Zen 3 above (512^3, 1024^3), and on the Intel Xeon above the shared
 *   buffer's barrier and cross-core reads cost more than the second copy (256^3 on two threads 161 -> 120 us, 512^3
 *   1 014 -> 943). Nor with more blocks than the JVM has processors, whose barrier would wait on descheduled
 *   threads. Blocks of columns run the blocked algorithm each on its own (their B panels are theirs already).</li>
 * </ul>
 *
 * <h2>One result on every path</h2>
 * Every path computes each element of C in the order {@link ScalarGemm} spells out: FMA chains from zero over
 * k-blocks of {@link #KC} (alpha folded into A's element first), each added to beta * C in turn. The bits therefore
 * do not depend on which path a shape takes, on the vector width, on how many threads split C, on the JIT tier, or
 * on {@code -Dvgrad.scalar}. KC is fixed for that reason: cache blocking may change how panels are walked, never
 * where a chain is cut.
 *
 * <p>The Vector API paths live in {@code VectorGemm}; this class never touches {@code jdk.incubator.vector}, so a
 * JVM started without that module runs {@link PackedScalarGemm} (ScalarGemm's bits, packed panels and a register tile
 * of scalar FMA chains) instead of failing to load it.
 */
public final class Sgemm {
    /** Rows of the micro-kernel's C tile. */
    static final int MR = 4;
    /** Depth of a packed panel. */
    static final int KC = ScalarGemm.DEPTH_BLOCK;
    /** Rows of A packed at once (a multiple of MR), from this machine's L2 ({@link CacheBlocking}). */
    static final int MC = CacheBlocking.rowsOfA(CacheBlocking.L2, KC, MR);
    /** Columns of B packed at once (a multiple of NR), from this machine's L3 ({@link CacheBlocking}). */
    static final int NC = CacheBlocking.columnsOfB(CacheBlocking.L3, KC);
    /** m*n*k under which the unpacked path is used. */
    static final long SMALL_FLOPS = 16L * 16 * 16;
    /**
     * m*n*k up to which whole tiles of an untransposed product are read in place, without packing: the operands fit
     * in L1/L2, so packing would cost more than the strided reads it saves.
     */
    static final long DIRECT_FLOPS = 96L * 96 * 96;

    /** Products below this many multiply-adds stay on the calling thread: a hand-off costs microseconds. */
    public static final long PARALLEL_FLOPS = 1L << 20;

    private Sgemm() {}

    /**
     * Rows of a row-major result {@code rowFloats} wide to ask for at a time when the caller passes over each block of
     * the result again right after the product (a relu, a mask): about half of this machine's L2, so that the second
     * pass finds the block there instead of in memory, but at least 512 rows, so that packing op(B) again for every
     * block stays a few percent of the product (a 512 x 512 x 128 block packs 64 K floats of B for 33 M multiply-adds);
     * a multiple of the micro-tile's rows.
     */
    public static int blockRows(int rowFloats) {
        long rows = Math.max(512, CacheBlocking.L2 / 2 / Float.BYTES / Math.max(rowFloats, 1));
        return (int) Math.min(Integer.MAX_VALUE / 2, rows / MR * MR);
    }

    /** {@link Parallel#setThreads}: kept for callers written before the pool was shared by every kernel. */
    public static void setThreads(int n) {
        Parallel.setThreads(n);
    }

    /** {@link Parallel#threads}. */
    public static int threads() {
        return Parallel.threads();
    }

    /**
     * {@code C = op(A) * op(B) + bias}, the n floats of {@code bias} from {@code biasOff} added to every row of C (a
     * linear layer's forward; op(A), op(B) and C as in {@link #sgemm}). The same bits as filling each row of C with the
     * bias and then calling {@code sgemm} with alpha 1 and beta 1, which is what the scalar path and the small
     * products' paths do. Products that pack instead fill each tile of C with the bias just before its micro-kernel
     * adds to it, so that C passes through the caches once (after a separate fill pass the product found a large C's
     * lines back in L3 or memory) and the fill is split between threads with the product (it had run on the calling
     * thread alone while the others waited). On an Intel Xeon (family 6 model 167, 2026-12-03): a transformer's
     * 4096 x 512 x 128 feed-forward product with its operands out of cache, one thread, 5.7 ms with a fill pass first
     * and 3.7 ms with the bias inside; the transformer block step on two threads 31.4 -> 28.9 ms and the MLP step at
     * batch 512 1.06 -> 1.02 ms; on one thread the block step did not move beyond the noise.
     */
    public static void sgemmWithBias(boolean transA, boolean transB, int m, int n, int k,
                                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (Vectorization.ENABLED) {
            VectorGemm.sgemmWithBias(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, bias, biasOff, c, cOff, ldc);
        } else {
            fillRows(m, n, bias, biasOff, c, cOff, ldc);
            PackedScalarGemm.sgemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 1f, c, cOff, ldc);
        }
    }

    /** Each of C's m rows (n floats from {@code cOff}, {@code ldc} apart) set to the bias's n floats. */
    static void fillRows(int m, int n, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(bias, biasOff, c, cOff + i * ldc, n);
        }
    }

    /**
     * {@code C = A^T B + beta * C} (A stored k x m, {@code sgemm(true, false, m, n, k, 1, ...)}), and where the product
     * packs A's columns anyway, each of them (op(A)'s rows: a linear layer's output gradient's columns in its weight's
     * gradient) added into {@code sums[sumsOff + i]}, its k floats one after another in order, the order
     * {@link Reductions#addRows} keeps: the bias's gradient, taken while the weight's product has brought g in, instead
     * of another pass over g. Returns whether it added them; where it did not (small products, split between threads,
     * the scalar path), the caller sums. The product's bits are sgemm's either way.
     */
    public static boolean sgemmSummingRowsOfA(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                                              int ldb, float beta, float[] c, int cOff, int ldc, float[] sums,
                                              int sumsOff) {
        if (m == 0 || n == 0) {
            return false;
        }
        if (Vectorization.ENABLED) {
            return VectorGemm.sgemmSummingRowsOfA(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, sums,
                    sumsOff);
        }
        PackedScalarGemm.sgemm(true, false, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        return false;
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
        if (Vectorization.ENABLED) {
            VectorGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            PackedScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }
}
