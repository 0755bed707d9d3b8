package dev.vgrad.kernels;

/** The reference GEMM: the textbook triple loop, accumulating each dot product in double. */
final class ScalarGemm {
    private ScalarGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                // beta == 0 means C is not read: NaN or garbage there must not leak into the result (BLAS).
                float prior = beta == 0f ? 0f : beta * c[ci];
                c[ci] = (float) (alpha * s) + prior;
            }
        }
    }
}
