package dev.vgrad.kernels;

import java.util.function.IntConsumer;

/**
 * One SGEMM split over threads by rows of C, BLIS-style: for each block of op(B) ({@link Sgemm#KC} deep, up to
 * {@link Sgemm#NC} wide) the threads pack a share of its panels each into one buffer, wait for each other, then each
 * multiplies its own rows of A (packed by itself) against the whole block, and waits again before the next block
 * overwrites it. Split by rows without this, every thread packed all of B for itself: at 512^3 on two threads each
 * packed 256 K floats to multiply 256 rows against them.
 *
 * <p>The parts wait for each other, so they run through {@link Parallel#runTogether}; when the pool cannot give every
 * part a thread at once, {@link #multiply} returns false and the caller takes the path where each part is
 * independent. Packing moves values without arithmetic, so the bits of C do not depend on which path ran.
 *
 * <p>One per thread, reused from product to product (as {@code VectorGemm}'s other parallel job is); a new one only
 * when the thread's own is in use.
 */
final class SharedPanels implements IntConsumer {
    private static final ThreadLocal<SharedPanels> MINE = ThreadLocal.withInitial(SharedPanels::new);
    private static final int NR = VectorGemm.NR;

    private final SpinBarrier barrier = new SpinBarrier();
    private boolean transA, transB, overwrite, inUse;
    private int parts, chunk, m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
    private float alpha;
    private float[] a, b, c, bp;
    private Throwable failure;

    /**
     * {@code C = alpha * op(A) * op(B)} (with {@code overwrite}) or {@code C += ...} in {@code parts} blocks of
     * {@code chunk} rows, one per thread, sharing each packed block of B in {@code bp} (KC x NC floats). Returns false,
     * having done nothing, when the parts cannot all run at once.
     */
    static boolean multiply(int parts, int chunk, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean overwrite,
                            float[] c, int cOff, int ldc, float[] bp) {
        SharedPanels mine = MINE.get();
        SharedPanels job = mine.inUse ? new SharedPanels() : mine;
        job.inUse = true;
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
        job.c = c;
        job.cOff = cOff;
        job.ldc = ldc;
        job.bp = bp;
        job.failure = null;
        job.barrier.reset(parts);
        boolean ran;
        try {
            ran = Parallel.runTogether(parts, job);
        } finally {
            job.a = job.b = job.c = job.bp = null;
            job.inUse = false;
        }
        Throwable e = job.failure;
        job.failure = null;
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
        try {
            int rowStart = part * chunk, rowEnd = Math.min(m, rowStart + chunk);
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
                    VectorGemm.packedRows(transA, rowStart, rowEnd, jc, nc, pc, kc, alpha, a, aOff, lda, bp,
                            overwrite && pc == 0, c, cOff, ldc);
                    boolean lastBlock = jc + nc >= n && pc + kc >= k;
                    if (!lastBlock && !barrier.await()) {
                        return;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
            barrier.breakBarrier();
        }
    }
}
