package dev.vgrad.kernels;

import java.util.function.IntConsumer;

/**
 * One SGEMM split over threads, in one of two ways.
 *
 * <p><b>Shared panels</b> (split by rows of C into {@link #SHARED_PARTS} or more parts, BLIS-style): for each block of
 * op(B) ({@link Sgemm#KC} deep, up to {@link Sgemm#NC} wide) the threads pack a share of its panels each into one
 * buffer, wait for each other, then each multiplies its own rows of A (packed by itself) against the whole block, and
 * waits again before the next block overwrites it. Split by rows without this, every thread packed all of B for itself:
 * at 512^3 on two threads each packed 256 K floats to multiply 256 rows against them. The parts wait for each other, so
 * they run through {@link Parallel#runTogether}, which refuses when the pool cannot give every part a thread at once.
 *
 * <p><b>Blocks on their own</b>: each part multiplies its block of rows (or of columns, when C is wider than tall,
 * whose B panels are its own already) by the blocked algorithm, packing everything itself. Taken for columns, for rows
 * in fewer parts than {@link #SHARED_PARTS} or more than {@link #SHARE_CAP}, and for rows when the pool refused the
 * shared way. Packing moves values without arithmetic, so the bits of C do not depend on which way ran.
 *
 * <p>One job object per thread, reused from product to product (a capturing lambda was allocated on every product split
 * across threads); a new one only when the thread's own is in use.
 */
final class ParallelProduct implements IntConsumer {
    private static final ThreadLocal<ParallelProduct> MINE = ThreadLocal.withInitial(ParallelProduct::new);
    private static final int NR = VectorGemm.NR;
    /**
     * Parts from which a split by rows shares B's packed panels. With two, each thread packing all of B was faster on
     * every shape measured on an Intel Xeon with AVX-512 (2026-12-03, two threads, best of 0.2 s rounds, shared
     * against own blocks): 512^3 1 004 against 966 us, 256^3 161 against 121, the MLP's 512 x 128 x 64 43 against 33
     * and 512 x 128 x 784 (B transposed) 435 against 395, a transformer block's 4096 x 512 x 128 1 842 against 1 802:
     * the barrier and half of every block read from the other core's cache cost more than packing the other half
     * again. On the Zen 3 sharing had made no difference at two threads (BENCHMARKS.md). It pays with more threads,
     * where every thread would pack a whole copy of B for a shrinking share of rows.
     */
    private static final int SHARED_PARTS = 3;
    /**
     * The most parts that share panels: the processors the JVM sees. With more threads than that (a {@code
     * vgrad.threads} above the core count) the parts cannot all run at once, and each one's wait at the barrier is a
     * wait for a partner the scheduler has set aside: the MLP step at batch 512 on three threads on two cores of a Zen
     * 5 took 1 704 and 1 765 us sharing, 1 339 and 1 226 with each part packing its own B (BENCHMARKS.md, 2026-12-07,
     * night).
     */
    private static final int SHARE_CAP = Runtime.getRuntime().availableProcessors();

    private final SpinBarrier barrier = new SpinBarrier();
    private boolean shared, byRows, transA, transB, overwrite, inUse;
    private int parts, chunk, m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
    private int biasOff;
    private float alpha;
    private float[] a, b, c, bp, bias, sums;
    private int sumsOff;
    private Throwable failure;

    /**
     * {@code C = alpha * op(A) * op(B)} (with {@code overwrite}), {@code C = bias + ...} (with a bias, n floats from
     * {@code biasOff}; null for none) or {@code C += ...} split into at most {@code threads} blocks of rows (of columns
     * when C is wider than tall), the caller's thread taking the first; blocks of rows share each packed block of B in
     * {@code bp} (KC x NC floats) when the pool can run them all at once. With {@code sums} (null for none; A
     * transposed and B not, as {@link VectorGemm#sgemmSummingRowsOfA} asks) op(A)'s rows are added there as well, each
     * in the one order the blocked path adds it: blocks of rows each add their own rows as they pack them, and of blocks
     * of columns (each packs all of A) the last adds them all, being the narrowest. On two threads a linear layer's
     * 128 x 784 weight gradient gave the caller 400 columns and the pool 384, and the bias's gradient was a pass of its
     * own after the product.
     */
    static void multiply(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                         float[] bias, int biasOff, float[] c, int cOff, int ldc, float[] bp, float[] sums,
                         int sumsOff) {
        boolean byRows = m >= n;
        // Blocks of columns in vectors, not whole NR panels: a linear layer's 128 x 784 weight gradient split in
        // panels gave the caller 416 columns and the pool 368 (13 % more work), in vectors 400 and 384.
        int extent = byRows ? m : n, unit = byRows ? VectorGemm.TILE_ROWS : NR / 2;
        int chunk = ((extent + threads - 1) / threads + unit - 1) / unit * unit;
        int parts = (extent + chunk - 1) / chunk;
        ParallelProduct job = take(byRows, parts, chunk, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                overwrite, bias, biasOff, c, cOff, ldc, bp);
        job.sums = sums;
        job.sumsOff = sumsOff;
        try {
            if (!(byRows && sharesPanels(parts) && job.runShared())) {
                job.shared = false;
                Parallel.run(parts, job);
            }
        } finally {
            job.release();
        }
    }

    /** Whether a split by rows into {@code parts} takes the shared-panels way (when the pool can run them at once). */
    static boolean sharesPanels(int parts) {
        return parts >= SHARED_PARTS && parts <= SHARE_CAP;
    }

    /**
     * The shared-panels way alone, {@code parts} blocks of {@code chunk} rows: returns false, having done nothing, when
     * the parts cannot all run at once. For tests, which must know which way ran.
     */
    static boolean sharedPanels(int parts, int chunk, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                                float[] bias, int biasOff, float[] c, int cOff, int ldc, float[] bp) {
        ParallelProduct job = take(true, parts, chunk, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                overwrite, bias, biasOff, c, cOff, ldc, bp);
        try {
            return job.runShared();
        } finally {
            job.release();
        }
    }

    private static ParallelProduct take(boolean byRows, int parts, int chunk, boolean transA, boolean transB, int m,
                                        int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
                                        int ldb, boolean overwrite, float[] bias, int biasOff, float[] c, int cOff,
                                        int ldc, float[] bp) {
        ParallelProduct mine = MINE.get();
        ParallelProduct job = mine.inUse ? new ParallelProduct() : mine;
        job.inUse = true;
        job.byRows = byRows;
        job.parts = parts;
        job.chunk = chunk;
        job.transA = transA;
        job.transB = transB;
        job.m = m;
        job.n = n;
        job.k = k;
        job.alpha = alpha;
        job.a = a;
        job.aOff = aOff;
        job.lda = lda;
        job.b = b;
        job.bOff = bOff;
        job.ldb = ldb;
        job.overwrite = overwrite;
        job.bias = bias;
        job.biasOff = biasOff;
        job.c = c;
        job.cOff = cOff;
        job.ldc = ldc;
        job.bp = bp;
        return job;
    }

    private void release() {
        a = b = c = bp = bias = sums = null;
        failure = null;
        inUse = false;
    }

    /** Runs the parts the shared-panels way; false, having done nothing, when the pool refused. */
    private boolean runShared() {
        shared = true;
        failure = null;
        barrier.reset(parts);
        boolean ran = Parallel.runTogether(parts, this);
        Throwable e = failure;
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return ran;
    }

    @Override
    public void accept(int part) {
        int start = part * chunk, len = Math.min(chunk, (byRows ? m : n) - start);
        if (!shared) {
            VectorGemm.block(byRows, start, len, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                    overwrite, bias, biasOff, c, cOff, ldc, byRows || part == parts - 1 ? sums : null, sumsOff);
            return;
        }
        try {
            multiplySharing(start, start + len);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
            barrier.breakBarrier();
        }
    }

    /** Rows [rowStart, rowEnd) of C, packing this part's share of each block of B into the shared buffer. */
    private void multiplySharing(int rowStart, int rowEnd) {
        int part = rowStart / chunk;
        for (int jc = 0; jc < n; jc += Sgemm.NC) {
            int nc = Math.min(Sgemm.NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += Sgemm.KC) {
                int kc = Math.min(Sgemm.KC, k - pc);
                int first = part * panels / parts, last = (part + 1) * panels / parts;
                if (first < last) {
                    int from = first * NR;
                    VectorGemm.packB(transB, b, bOff, ldb, pc, jc + from, kc, Math.min(nc, last * NR) - from, bp,
                            from * kc);
                }
                if (!barrier.await()) {
                    return;
                }
                VectorGemm.packedRows(transA, rowStart, rowEnd, jc, nc, pc, kc, alpha, a, aOff, lda, bp, null,
                        overwrite && pc == 0, pc == 0 ? bias : null, biasOff, c, cOff, ldc, jc == 0 ? sums : null,
                        sumsOff);
                boolean lastBlock = jc + nc >= n && pc + kc >= k;
                if (!lastBlock && !barrier.await()) {
                    return;
                }
            }
        }
    }
}
