package dev.vgrad.kernels;

/**
 * Reductions over {@code float[]} with offsets and strides: whole-run sums, maxima and dot products, and
 * N-d reductions along any set of dimensions. Above {@link Parallel#GRAIN} elements a whole-run sum is split by
 * blocks of the canonical order, and an N-d reduction by outputs or whole runs, so no result depends on the thread
 * count.
 */
public final class Reductions {
    private Reductions() {}

    /** The sum of {@code x[off + i*stride]} for {@code i < n}; 0 when n is 0. */
    public static float sum(int n, float[] x, int off, int stride) {
        return sum(n, x, off, stride, SumTerm.VALUE);
    }

    /** The sum of {@code |x[off + i*stride]|} for {@code i < n}; 0 when n is 0. */
    public static float sumAbs(int n, float[] x, int off, int stride) {
        return sum(n, x, off, stride, SumTerm.ABS);
    }

    /**
     * The sum of {@code x[off + i*stride]^2} for {@code i < n}, each square rounded to float and the squares added
     * as {@link #sum} adds: the bits of sum over a copy holding the squares, without the copy (mse_loss's forward).
     */
    public static float sumSquares(int n, float[] x, int off, int stride) {
        return sum(n, x, off, stride, SumTerm.SQUARE);
    }

    /** The sum of term(x[off + i*stride]) in {@link #sum}'s canonical order, on any thread count. */
    static float sum(int n, float[] x, int off, int stride, SumTerm term) {
        int parts = Parallel.partsFor(n);
        if (parts > 1) {
            return SplitJobs.Sum.run(n, parts, x, off, stride, term);
        }
        if (Vectorization.ENABLED && stride == 1) {
            return VectorReductions.sum(n, x, off, term);
        }
        return ScalarReductions.sum(n, x, off, stride, term);
    }

    /**
     * {@code acc[accOff + j] += g[gOff + r * cols + j]} for every row {@code r < rows} in order and {@code j < cols}:
     * a bias gradient, the rows of [rows, cols] added into [cols], each column one chain in row order (the same
     * additions as adding the rows one at a time). Above {@link Parallel#GRAIN} elements the columns are split between
     * threads in blocks of {@link Parallel#ALIGN}, so no column's sum depends on the thread count.
     */
    public static void addRows(int rows, int cols, float[] g, int gOff, float[] acc, int accOff) {
        addRowProducts(rows, cols, g, gOff, null, 0, acc, accOff);
    }

    /**
     * {@code acc[accOff + j] += g[gOff + r * cols + j] * h[hOff + r * cols + j]} in {@link #addRows}' order, each
     * product rounded before it is added: the bits of addRows over a copy of the products, without the copy (the
     * gradient of a factor broadcast along rows, {@code (g * a).sumTo([cols])}). With h null, addRows itself.
     */
    public static void addRowProducts(int rows, int cols, float[] g, int gOff, float[] h, int hOff, float[] acc,
                                      int accOff) {
        int blocks = (cols + Parallel.ALIGN - 1) / Parallel.ALIGN;
        int parts = Math.min(blocks, Parallel.partsFor((long) rows * cols));
        if (parts > 1) {
            SplitJobs.AddRows.run(blocks, parts, rows, cols, g, gOff, h, hOff, acc, accOff);
            return;
        }
        addRowColumns(rows, cols, 0, cols, g, gOff, h, hOff, acc, accOff);
    }

    /** Columns [j0, j1) of {@link #addRowProducts} (of {@link #addRows} with h null). */
    static void addRowColumns(int rows, int cols, int j0, int j1, float[] g, int gOff, float[] h, int hOff,
                              float[] acc, int accOff) {
        if (Vectorization.ENABLED) {
            VectorReductions.addRows(rows, cols, j0, j1, g, gOff, h, hOff, acc, accOff);
        } else {
            ScalarReductions.addRows(rows, cols, j0, j1, g, gOff, h, hOff, acc, accOff);
        }
    }

    private static final Scratch MAXIMA = new Scratch(1);

    /**
     * The maximum down each column of a row-major [rows, cols] block (rows at least 1): {@code best[bestOff + j]} gets
     * column j's largest element, or its first NaN, and {@code at[atOff + j]} (when {@code at} is not null) the row it
     * was first found in, as a float: what a walk along each column one element at a time finds (max(dim) and argmax
     * over a dimension that is not the innermost), walked row by row so that each row is read where it lies instead of
     * a column's elements a row apart. With {@code best} null (argmax wants the rows only) the maxima go to a buffer of
     * this thread's.
     */
    public static void maxRows(int rows, int cols, float[] x, int xOff, float[] best, int bestOff, float[] at,
                               int atOff) {
        if (best == null) {
            best = MAXIMA.get(0, cols);
            bestOff = 0;
        }
        if (Vectorization.ENABLED) {
            VectorReductions.maxRows(rows, cols, x, xOff, best, bestOff, at, atOff);
        } else {
            ScalarReductions.maxRows(rows, cols, 0, x, xOff, best, bestOff, at, atOff);
        }
    }

    /** The maximum of {@code x[off + i*stride]} for {@code i < n}: NaN if any is NaN, -infinity when n is 0. */
    public static float max(int n, float[] x, int off, int stride) {
        if (Vectorization.ENABLED && stride == 1) {
            return VectorReductions.max(n, x, off);
        }
        return ScalarReductions.max(n, x, off, stride);
    }

    /**
     * The position of the first maximum of the n > 0 contiguous floats from {@code off}, as a walk that keeps the first
     * element strictly larger than those before it (or the first NaN) finds it: the maximum first ({@link #max}), then
     * the first element equal to it (a NaN, where it is NaN). Two vector passes instead of a compare and a branch an
     * element: walking, max(1) and argmax(1) of 1024 x 1024 took 1.0 ms (Intel Xeon, 2026-12-06).
     */
    public static int firstMax(int n, float[] x, int off) {
        float m = max(n, x, off, 1);
        int i = Vectorization.ENABLED ? VectorReductions.firstEqual(n, x, off, m) : 0;
        for (; i < n; i++) {
            float v = x[off + i];
            if (v == m || (m != m && v != v)) {
                return i;
            }
        }
        return n;   // not reached: the maximum is one of the elements
    }

    /** {@code sum(a[ao + i*as] * b[bo + i*bs])} for {@code i < n}. */
    public static float dot(int n, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride) {
        if (Vectorization.ENABLED && aStride == 1 && bStride == 1) {
            return VectorReductions.dot(n, a, aOff, b, bOff);
        }
        return ScalarReductions.dot(n, a, aOff, aStride, b, bOff, bStride);
    }

    /** One run reduced to one value with {@code op}. */
    public static float reduce(ReduceOp op, int n, float[] x, int off, int stride) {
        return op == ReduceOp.SUM ? sum(n, x, off, stride) : max(n, x, off, stride);
    }

    /**
     * Folds x (index space {@code shape}) into out, which is addressed with {@code outStrides} over the same
     * index space and has stride 0 along every reduced dimension: {@code out[j] = op(out[j], x[i])} for every
     * i that maps to j. The caller initialises out (to {@link ReduceOp#identity()} for a plain reduction).
     */
    public static void reduce(ReduceOp op, int[] shape, float[] x, int xOff, int[] xStrides,
                              float[] out, int outOff, int[] outStrides) {
        if (Elementwise.isEmpty(shape)) {
            return;
        }
        StridedLayout l = StridedLayout.of(shape, xStrides, outStrides);
        try {
            reduce(op, l, x, xOff, out, outOff);
        } finally {
            l.release();
        }
    }

    private static void reduce(ReduceOp op, StridedLayout l, float[] x, int xOff, float[] out, int outOff) {
        int n = l.inner();
        int xs = l.innerStride(0), os = l.innerStride(1);
        BinaryOp combine = op.combiner();
        long runs = l.runs();
        int parts = os == 0 || n < 2 * Parallel.ALIGN ? 1 : Math.min(Parallel.partsFor(runs * n), n / Parallel.ALIGN);
        if (parts > 1) {
            // Every run folds into the same outputs (a reduction over leading dimensions, as a bias's gradient sums
            // over the batch): each part takes a slice of the outputs through all the runs, in the serial order,
            // so every output sees the same operations as on one thread.
            Parallel.runRange(n, parts, (from, to) -> {
                int[] offs = l.partOffsets(xOff, outOff, 0);
                int[] idx = l.partCounter();
                for (long r = runs; r > 0; r--) {
                    Elementwise.binary(combine, to - from, out, offs[1] + from * os, os, x, offs[0] + from * xs, xs,
                            out, offs[1] + from * os, os);
                    l.advance(idx, offs);
                }
            });
            return;
        }
        if (os == 0 && runs > 1 && l.runsWriteApart(1)) {
            int runParts = Parallel.partsFor(runs * n);
            if (runParts > 1) {
                // Each run folds into an output of its own (a sum over the last dimension, row by row): parts take
                // whole runs, each folded as on one thread.
                new StridedLayout.RunParts(l, runParts, xOff, outOff) {
                    @Override
                    void run(int[] offs) {
                        out[offs[1]] = ScalarMath.apply(combine, out[offs[1]], reduce(op, n, x, offs[0], xs));
                    }
                }.start();
                return;
            }
        }
        int[] offs = l.begin(xOff, outOff, 0);
        for (long r = runs; r > 0; r--) {
            if (os == 0) {
                out[offs[1]] = ScalarMath.apply(combine, out[offs[1]], reduce(op, n, x, offs[0], xs));
            } else {
                Elementwise.binary(combine, n, out, offs[1], os, x, offs[0], xs, out, offs[1], os);
            }
            l.next();
        }
    }
}
