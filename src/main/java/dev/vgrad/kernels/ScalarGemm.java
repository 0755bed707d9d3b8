package dev.vgrad.kernels;

/**
 * The reference GEMM, one element at a time, in vgrad's canonical order, which every path of {@link Sgemm}
 * reproduces bit for bit on every vector width. For each element of C:
 * <ol>
 *   <li>the prior value is C's scaled by beta (not read when beta is 0, as in BLAS);</li>
 *   <li>the depth is cut into blocks of {@link #DEPTH_BLOCK}; a block's products
 *   {@code (alpha * A[i][p]) * B[p][j]} are chained with FMA from zero in increasing p;</li>
 *   <li>each block's sum is added to the running value, the first one replacing it when beta is 0.</li>
 * </ol>
 * This is what a packed GEMM computes when each k-block of a register tile starts from zero and is added to C
 * (alpha folded into the packed A); fixing it here is what lets a result not depend on the path, the width, the
 * thread count or the JIT tier. The scalar path itself runs {@link PackedScalarGemm}, which the tests hold to this
 * loop's bits.
 */
final class ScalarGemm {
    /** Depth of one FMA chain before it is added to C: the packed kernel's KC, part of the numerical contract. */
    static final int DEPTH_BLOCK = 256;

    private ScalarGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        boolean products = k > 0 && alpha != 0f;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                float value = beta == 0f ? 0f : beta * c[ci];
                boolean fresh = beta == 0f;
                for (int pc = 0; products && pc < k; pc += DEPTH_BLOCK) {
                    float chain = 0f;
                    for (int p = pc, end = Math.min(k, pc + DEPTH_BLOCK); p < end; p++) {
                        float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        chain = Math.fma(alpha * av, bv, chain);
                    }
                    value = fresh ? chain : value + chain;
                    fresh = false;
                }
                c[ci] = value;
            }
        }
    }
}
