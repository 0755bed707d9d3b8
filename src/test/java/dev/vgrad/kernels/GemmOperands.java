package dev.vgrad.kernels;

import java.util.SplittableRandom;

/**
 * Random operands of a product op(A) (m x k) times op(B) (k x n) into C (m x n), as the SGEMM tests draw them: each
 * at an offset of 0-3 floats into its array, with a leading dimension 0-2 floats longer than it needs, values in
 * [-1, 1), and one float to spare after the last row.
 */
record GemmOperands(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
    static GemmOperands draw(SplittableRandom r, boolean transA, boolean transB, int m, int n, int k) {
        int lda = (transA ? m : k) + r.nextInt(3), ldb = (transB ? k : n) + r.nextInt(3), ldc = n + r.nextInt(3);
        int aOff = r.nextInt(4), bOff = r.nextInt(4), cOff = r.nextInt(4);
        float[] a = KernelAssert.random(r, aOff + lda * Math.max(1, transA ? k : m) + 1, -1f, 1f);
        float[] b = KernelAssert.random(r, bOff + ldb * Math.max(1, transB ? n : k) + 1, -1f, 1f);
        float[] c = KernelAssert.random(r, cOff + ldc * m + 1, -1f, 1f);
        return new GemmOperands(a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }
}
