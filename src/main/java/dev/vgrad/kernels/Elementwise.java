package dev.vgrad.kernels;

/**
 * Elementwise kernels over {@code float[]} with offsets and strides: the entry points used by vgrad's
 * tensors and usable on their own, without autograd.
 *
 * <p>Runs where every operand is unit-stride, or one operand is a broadcast scalar (stride 0), take the
 * Vector API loops; every other layout takes a correct strided loop. Outputs may alias an input only
 * element for element (same offset and strides), as an in-place update does.
 *
 * <p>Above {@link Parallel#GRAIN} elements the work is split among {@link Parallel}'s threads; each element is
 * computed by the same operations whichever part it falls in, so the result does not depend on the thread count.
 */
public final class Elementwise {
    private Elementwise() {}

    /**
     * {@code out[oo + i*os] = op(a[ao + i*as], b[bo + i*bs])} for {@code i < n}. A stride of 0 broadcasts
     * that operand's single element.
     */
    public static void binary(BinaryOp op, int n, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
                              float[] out, int outOff, int outStride) {
        int parts = outStride == 0 ? 1 : Parallel.partsFor(n);
        if (parts > 1) {
            SplitJobs.Binary.run(n, parts, op, a, aOff, aStride, b, bOff, bStride, out, outOff, outStride);
            return;
        }
        binaryRun(op, n, a, aOff, aStride, b, bOff, bStride, out, outOff, outStride);
    }

    static void binaryRun(BinaryOp op, int n, float[] a, int aOff, int aStride, float[] b, int bOff,
                                  int bStride, float[] out, int outOff, int outStride) {
        if (Vectorization.ENABLED && outStride == 1 && n >= VectorElementwise.S.length()) {
            if (aStride == 1 && bStride == 1 && VectorElementwise.binaryVV(op, n, a, aOff, b, bOff, out, outOff)) {
                return;
            }
            if (aStride == 1 && bStride == 0 && VectorElementwise.binaryVS(op, n, a, aOff, b[bOff], out, outOff)) {
                return;
            }
            if (aStride == 0 && bStride == 1 && VectorElementwise.binarySV(op, n, a[aOff], b, bOff, out, outOff)) {
                return;
            }
        }
        if (Vectorization.ENABLED && outStride != 0 && n >= VectorElementwise.S.length()
                && !(aStride == 0 && bStride == 0) && VectorElementwise.hasLoop(op)) {
            StridedChunks.binary(op, n, a, aOff, aStride, b, bOff, bStride, out, outOff, outStride);
            return;
        }
        if (outStride == 1 && ScalarRuns.binary(op, n, a, aOff, aStride, b, bOff, bStride, out, outOff)) {
            return;
        }
        ScalarElementwise.binary(op, n, a, aOff, aStride, b, bOff, bStride, out, outOff, outStride);
    }

    /**
     * {@code out = op(a, b)} over an N-d index space {@code shape}; each operand has its own strides, 0 where it
     * is broadcast along a dimension.
     */
    public static void binary(BinaryOp op, int[] shape, float[] a, int aOff, int[] aStrides,
                              float[] b, int bOff, int[] bStrides, float[] out, int outOff, int[] outStrides) {
        if (isEmpty(shape)) {
            return;
        }
        StridedLayout l = StridedLayout.of(shape, aStrides, bStrides, outStrides);
        try {
            int n = l.inner();
            int as = l.innerStride(0), bs = l.innerStride(1), os = l.innerStride(2);
            long runs = l.runs();
            int parts = runs < 2 || n >= Parallel.GRAIN || writesTwice(shape, outStrides)
                    ? 1 : Parallel.partsFor(runs * n);
            if (parts > 1) {
                // Many short runs (a broadcast bias, a strided view): each part takes whole runs.
                new StridedLayout.RunParts(l, parts, aOff, bOff, outOff) {
                    @Override
                    void run(int[] offs) {
                        binaryRun(op, n, a, offs[0], as, b, offs[1], bs, out, offs[2], os);
                    }
                }.start();
                return;
            }
            int[] offs = l.begin(aOff, bOff, outOff);
            for (long r = runs; r > 0; r--) {
                binary(op, n, a, offs[0], as, b, offs[1], bs, out, offs[2], os);
                l.next();
            }
        } finally {
            l.release();
        }
    }

    /**
     * {@code out[outOff + i] = c[cOff + i*cStride] != 0 ? x[xOff + i*xStride] : y[yOff + i*yStride]} for {@code i < n}
     * (torch.where; a stride of 0 broadcasts, and a NaN condition selects x, as it is not 0).
     */
    public static void select(int n, float[] c, int cOff, int cStride, float[] x, int xOff, int xStride, float[] y,
                              int yOff, int yStride, float[] out, int outOff) {
        if (Vectorization.ENABLED && cStride == 1 && xStride >= 0 && xStride <= 1 && yStride >= 0 && yStride <= 1
                && n >= VectorElementwise.S.length()) {
            VectorElementwise.select(n, c, cOff, x, xOff, xStride, y, yOff, yStride, out, outOff);
            return;
        }
        ScalarElementwise.select(n, c, cOff, cStride, x, xOff, xStride, y, yOff, yStride, out, outOff, 0);
    }

    /** {@code out[oo + i*os] = op(x[xo + i*xs]; p, q)} for {@code i < n}. */
    public static void unary(UnaryOp op, float p, float q, int n, float[] x, int xOff, int xStride,
                             float[] out, int outOff, int outStride) {
        int parts = outStride == 0 ? 1 : Parallel.partsFor(n);
        if (parts > 1) {
            SplitJobs.Unary.run(n, parts, op, p, q, x, xOff, xStride, out, outOff, outStride);
            return;
        }
        unaryRun(op, p, q, n, x, xOff, xStride, out, outOff, outStride);
    }

    static void unaryRun(UnaryOp op, float p, float q, int n, float[] x, int xOff, int xStride,
                                 float[] out, int outOff, int outStride) {
        if (Vectorization.ENABLED && outStride == 1 && xStride == 1 && n >= VectorElementwise.S.length()
                && VectorElementwise.unary(op, p, q, n, x, xOff, out, outOff)) {
            return;
        }
        if (xStride == 0 && outStride == 1 && n > 0) {
            // One value broadcast (an expanded gradient made dense, a mean's backward dividing it): every op is a
            // function of the element alone, so it runs once and the rest is a fill, not a strided loop an element
            // (mean's backward over a 64 x 64 x 128 output was 2 % of the transformer block step).
            ScalarElementwise.unary(op, p, q, 1, x, xOff, 0, out, outOff, 1);
            java.util.Arrays.fill(out, outOff + 1, outOff + n, out[outOff]);
            return;
        }
        if (Vectorization.ENABLED && op == UnaryOp.COPY && xStride == -1 && outStride == 1
                && n >= VectorElementwise.S.length()) {
            // a flipped run copied (flip, and its backward): one pass, with no chunk in between
            VectorReversal.copyBackwards(n, x, xOff, out, outOff);
            return;
        }
        if (Vectorization.ENABLED && outStride != 0 && xStride != 0 && n >= VectorElementwise.S.length()
                && VectorElementwise.hasLoop(op)) {
            StridedChunks.unary(op, p, q, n, x, xOff, xStride, out, outOff, outStride);
            return;
        }
        if (xStride == 1 && outStride == 1 && ScalarRuns.unary(op, p, n, x, xOff, out, outOff)) {
            return;
        }
        ScalarElementwise.unary(op, p, q, n, x, xOff, xStride, out, outOff, outStride);
    }

    /** {@code out = op(x; p, q)} over an N-d index space, each operand with its own strides. */
    public static void unary(UnaryOp op, float p, float q, int[] shape, float[] x, int xOff, int[] xStrides,
                             float[] out, int outOff, int[] outStrides) {
        if (isEmpty(shape)) {
            return;
        }
        StridedLayout l = StridedLayout.of(shape, xStrides, outStrides);
        try {
            if (TransposedTiles.fit(l) && !writesTwice(shape, outStrides)) {
                TransposedTiles.unary(op, p, q, l, x, xOff, out, outOff);
                return;
            }
            int n = l.inner();
            int xs = l.innerStride(0), os = l.innerStride(1);
            long runs = l.runs();
            int parts = runs < 2 || n >= Parallel.GRAIN || writesTwice(shape, outStrides)
                    ? 1 : Parallel.partsFor(runs * n);
            if (parts > 1) {
                new StridedLayout.RunParts(l, parts, xOff, outOff) {
                    @Override
                    void run(int[] offs) {
                        unaryRun(op, p, q, n, x, offs[0], xs, out, offs[1], os);
                    }
                }.start();
                return;
            }
            int[] offs = l.begin(xOff, outOff, 0);
            for (long r = runs; r > 0; r--) {
                unary(op, p, q, n, x, offs[0], xs, out, offs[1], os);
                l.next();
            }
        } finally {
            l.release();
        }
    }

    /** Whether some output element is written by more than one index (a stride of 0 along a real dimension). */
    private static boolean writesTwice(int[] shape, int[] outStrides) {
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1 && outStrides[d] == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean isEmpty(int[] shape) {
        for (int s : shape) {
            if (s == 0) {
                return true;
            }
        }
        return false;
    }
}
