package dev.vgrad.kernels;

/**
 * The reference elementwise loops: one element at a time, any strides (a stride of 0 broadcasts). They
 * define the results the vector loops must reproduce, and they are the strided fallback of both paths.
 */
final class ScalarElementwise {
    private ScalarElementwise() {}

    static void binary(BinaryOp op, int n, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                       float[] out, int outOff, int outStride) {
        for (int i = 0; i < n; i++) {
            out[outOff + i * outStride] = ScalarMath.apply(op, a[aOff + i * aStride], b[bOff + i * bStride]);
        }
    }

    /** {@link Elementwise#select} from element {@code from} on: the reference, and the vector loop's tail. */
    static void select(int n, float[] c, int cOff, int cStride, float[] x, int xOff, int xStride, float[] y, int yOff,
                       int yStride, float[] out, int outOff, int from) {
        for (int i = from; i < n; i++) {
            out[outOff + i] = c[cOff + i * cStride] != 0f ? x[xOff + i * xStride] : y[yOff + i * yStride];
        }
    }

    static void unary(UnaryOp op, float p, float q, int n, float[] x, int xOff, int xStride,
                      float[] out, int outOff, int outStride) {
        for (int i = 0; i < n; i++) {
            out[outOff + i * outStride] = ScalarMath.apply(op, x[xOff + i * xStride], p, q);
        }
    }
}
