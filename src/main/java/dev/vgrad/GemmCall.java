package dev.vgrad;

import dev.vgrad.kernels.Sgemm;

/**
 * The arguments of one SGEMM on tensors, {@code out = op(a) op(b) + beta * out} (or {@code + bias} in every row),
 * taken on the calling thread and run then or later, possibly on another thread. Taking them is where an operand that
 * the GEMM cannot read through its transpose flags is copied into a matrix it can, so a later run allocates nothing
 * and touches no tensor bookkeeping: it only multiplies arrays.
 */
final class GemmCall {
    private static final ThreadLocal<GemmCall> MINE = ThreadLocal.withInitial(GemmCall::new);

    private boolean transA, transB;
    private int m, n, k, aOff, lda, bOff, ldb, biasOff, cOff;
    private float beta;
    private float[] a, b, bias, c;
    /** Where op(A)'s row sums go as well (null for nowhere; see {@link #summingRowsOfA}), and whether they went. */
    private float[] sums;
    private int sumsOff;
    private boolean summed;

    /** This thread's own call, for a product taken and run at once. */
    static GemmCall mine() {
        return MINE.get();
    }

    /**
     * Takes {@code out} (contiguous m x n) {@code = op(a) op(b) + beta * out} for 2-D a and b read through the GEMM's
     * flags, or with a bias (1-D, contiguous; beta unused) {@code out = op(a) op(b) + bias}.
     */
    GemmCall set(boolean transA, Tensor a, boolean transB, Tensor b, int m, int n, int k, float beta, Tensor bias,
                 Tensor out) {
        Tensor am = LinearAlgebra.gemmReady(a), bm = LinearAlgebra.gemmReady(b);
        boolean aColumns = !LinearAlgebra.rowMajor(am), bColumns = !LinearAlgebra.rowMajor(bm);
        this.transA = transA != aColumns;
        this.transB = transB != bColumns;
        this.lda = LinearAlgebra.leading(am, aColumns);
        this.ldb = LinearAlgebra.leading(bm, bColumns);
        this.a = am.array();
        this.aOff = am.offset;
        this.b = bm.array();
        this.bOff = bm.offset;
        this.m = m;
        this.n = n;
        this.k = k;
        this.beta = beta;
        this.bias = bias != null ? bias.array() : null;
        this.biasOff = bias != null ? bias.offset : 0;
        this.c = out.array();
        this.cOff = out.offset;
        return this;
    }

    /**
     * Asks the product taken last (a transposed A, no bias) to add op(A)'s rows into {@code into} too, where it can
     * ({@link Sgemm#sgemmSummingRowsOfA}); {@link #summed} says afterwards whether it did.
     */
    GemmCall summingRowsOfA(Tensor into) {
        this.sums = into.array();
        this.sumsOff = into.offset;
        return this;
    }

    /** Whether the last run added op(A)'s rows where {@link #summingRowsOfA} asked. */
    boolean summed() {
        return summed;
    }

    /** Runs the product taken last, then lets go of its arrays. */
    void run() {
        summed = false;
        try {
            if (sums != null && transA && !transB && bias == null) {
                summed = Sgemm.sgemmSummingRowsOfA(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, n, sums,
                        sumsOff);
            } else if (bias != null) {
                Sgemm.sgemmWithBias(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, bias, biasOff, c, cOff, n);
            } else {
                Sgemm.sgemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, n);
            }
        } finally {
            clear();
        }
    }

    /** Lets go of the arrays taken (a call taken but never run, as when its pair's other product threw). */
    void clear() {
        a = null;
        b = null;
        bias = null;
        c = null;
        sums = null;
    }
}
