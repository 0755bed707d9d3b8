package dev.vgrad.kernels;

/**
 * Runs whose operands are not all unit-stride (a transposed or sliced view, a value broadcast along the run, an output
 * with a stride) taken through contiguous chunks, so that the unit-stride vector loops compute them: each chunk of a
 * strided operand is gathered into a per-thread buffer, an operand broadcast along the run is spread over one, and a
 * strided output is computed into one and scattered. Element by element, the scalar loop called its op through a
 * switch per element: 4-10 ns an element on a Zen 4 (2026-12-05), where the gathers and the vector loop take about
 * one. Each output element is the same function of the same two inputs either way, so the bits do not change.
 *
 * <p>An output with stride 0 (every element written to one place) is not chunked: the callers keep it on the scalar
 * loop, whose last write wins in index order.
 */
final class StridedChunks {
    /** Elements per chunk: three buffers of it stay in L1 beside the operands' lines. */
    static final int CHUNK = 1024;
    private static final Scratch BUFFERS = new Scratch(3);

    private StridedChunks() {}

    /** {@code out = op(a, b)} over n elements with any strides but an output stride of 0; op has a vector loop. */
    static void binary(BinaryOp op, int n, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                       float[] out, int outOff, int outStride) {
        int size = Math.min(n, CHUNK);
        float[] aChunk = aStride == 1 ? a : BUFFERS.get(0, size);
        float[] bChunk = bStride == 1 ? b : BUFFERS.get(1, size);
        float[] outChunk = outStride == 1 ? out : BUFFERS.get(2, size);
        // a broadcast operand is spread once: every chunk reads the same values
        if (aStride == 0) {
            java.util.Arrays.fill(aChunk, 0, size, a[aOff]);
        }
        if (bStride == 0) {
            java.util.Arrays.fill(bChunk, 0, size, b[bOff]);
        }
        for (int done = 0; done < n; done += CHUNK) {
            int len = Math.min(CHUNK, n - done);
            int ai = aStride == 1 ? aOff + done : 0, bi = bStride == 1 ? bOff + done : 0;
            int oi = outStride == 1 ? outOff + done : 0;
            if (aStride != 1 && aStride != 0) {
                gather(a, aOff + done * aStride, aStride, len, aChunk);
            }
            if (bStride != 1 && bStride != 0) {
                gather(b, bOff + done * bStride, bStride, len, bChunk);
            }
            Elementwise.binaryRun(op, len, aChunk, ai, 1, bChunk, bi, 1, outChunk, oi, 1);
            if (outStride != 1) {
                scatter(outChunk, len, out, outOff + done * outStride, outStride);
            }
        }
    }

    /** {@code out = op(x; p, q)} over n elements, x or out strided (out's stride not 0); op has a vector loop. */
    static void unary(UnaryOp op, float p, float q, int n, float[] x, int xOff, int xStride, float[] out, int outOff,
                      int outStride) {
        int size = Math.min(n, CHUNK);
        float[] xChunk = xStride == 1 ? x : BUFFERS.get(0, size);
        float[] outChunk = outStride == 1 ? out : BUFFERS.get(2, size);
        for (int done = 0; done < n; done += CHUNK) {
            int len = Math.min(CHUNK, n - done);
            int xi = xStride == 1 ? xOff + done : 0, oi = outStride == 1 ? outOff + done : 0;
            if (xStride != 1) {
                gather(x, xOff + done * xStride, xStride, len, xChunk);
            }
            Elementwise.unaryRun(op, p, q, len, xChunk, xi, 1, outChunk, oi, 1);
            if (outStride != 1) {
                scatter(outChunk, len, out, outOff + done * outStride, outStride);
            }
        }
    }

    private static void gather(float[] src, int from, int stride, int len, float[] chunk) {
        if (stride == -1) {
            VectorReversal.copyBackwards(len, src, from, chunk, 0);
            return;
        }
        for (int i = 0; i < len; i++) {
            chunk[i] = src[from + i * stride];
        }
    }

    private static void scatter(float[] chunk, int len, float[] dst, int from, int stride) {
        for (int i = 0; i < len; i++) {
            dst[from + i * stride] = chunk[i];
        }
    }
}
