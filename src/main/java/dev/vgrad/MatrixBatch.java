package dev.vgrad;

/**
 * A tensor's matrices (its last two dimensions, batched over the others) read one at a time as row-major doubles, and
 * results written back as floats: how the {@link Linalg} ops hand matrices to the double-precision factorizations.
 * Also the shape checks and the "(Batch element k): " prefix of PyTorch's linalg errors.
 */
final class MatrixBatch {
    final int[] shape;
    final int rows, cols, count;
    private final Tensor source;
    /** The source, or its contiguous copy, made on the first read: a shape check alone copies nothing. */
    private Tensor dense;

    private MatrixBatch(Tensor t) {
        this.shape = t.shape.clone();
        this.rows = t.shape[t.dim() - 2];
        this.cols = t.shape[t.dim() - 1];
        this.count = rows * cols == 0 ? countBatches(t.shape) : t.numel() / (rows * cols);
        this.source = t;
    }

    static MatrixBatch of(Tensor t) {
        return new MatrixBatch(t);
    }

    static MatrixBatch of(String op, Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException(op + ": The input tensor A must have at least 2 dimensions.");
        }
        return new MatrixBatch(t);
    }

    static MatrixBatch square(String op, Tensor t) {
        MatrixBatch b = of(op, t);
        if (b.rows != b.cols) {
            throw new IllegalArgumentException(op + ": A must be batches of square matrices, but they are "
                    + b.rows + " by " + b.cols + " matrices");
        }
        return b;
    }

    private static int countBatches(int[] shape) {
        int c = 1;
        for (int d = 0; d < shape.length - 2; d++) {
            c *= shape[d];
        }
        return c;
    }

    /** Batch element b, row-major, as doubles. */
    double[] matrix(int b) {
        if (dense == null) {
            dense = Compute.dense(source);
        }
        int len = rows * cols, at = dense.offset + b * len;
        float[] src = dense.array();
        double[] m = new double[len];
        for (int i = 0; i < len; i++) {
            m[i] = src[at + i];
        }
        return m;
    }

    /** The first batch element whose info (LAPACK's code, one float per matrix, contiguous) is not 0; -1 if none. */
    static int firstFailure(Tensor info) {
        float[] codes = info.array();
        for (int b = 0; b < info.numel(); b++) {
            if (codes[info.offset + b] != 0) {
                return b;
            }
        }
        return -1;
    }

    /** "(Batch element b): " for a batched input, as PyTorch prefixes its errors; "" for one matrix. */
    String element(int b) {
        return shape.length > 2 ? "(Batch element " + b + "): " : "";
    }

    /**
     * {@link #matrix} for an SVD: a NaN is refused with PyTorch's message (its gesdd fails on one; an infinity only
     * makes the factors NaN, as vgrad's do).
     */
    double[] svdMatrix(int b) {
        double[] m = matrix(b);
        for (double v : m) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("linalg.svd: " + element(b) + "The algorithm failed to converge "
                        + "because the input matrix contained non-finite values.");
            }
        }
        return m;
    }

    int[] batchShape(int... tail) {
        int[] out = java.util.Arrays.copyOf(shape, shape.length - 2 + tail.length);
        System.arraycopy(tail, 0, out, shape.length - 2, tail.length);
        return out;
    }

    /** Writes one batch element's values, rounded to float, as element b of contiguous out (elements that long). */
    static void store(double[] values, Tensor out, int b) {
        float[] o = out.array();
        int at = out.offset + b * values.length;
        for (int i = 0; i < values.length; i++) {
            o[at + i] = (float) values[i];
        }
    }
}
