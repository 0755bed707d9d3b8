package dev.vgrad.kernels;

/**
 * The parts of the splits a training step makes most often (elementwise maps and zips, the Adam update, the scalar
 * path's products), as objects each thread reuses from call to call: a capturing lambda per split was allocated on
 * every call, a fifth of the MLP step's allocation on two threads. A thread whose own object is still in use (it
 * cannot be: a part never splits again, and the caller waits for its parts) would get a new one rather than share it.
 */
final class SplitJobs {
    private SplitJobs() {}

    /** {@link Elementwise#binary} over a range: out = op(a, b). */
    static final class Binary implements Parallel.RangeConsumer {
        private static final ThreadLocal<Binary> MINE = ThreadLocal.withInitial(Binary::new);
        private BinaryOp op;
        private float[] a, b, out;
        private int aOff, aStride, bOff, bStride, outOff, outStride;

        static void run(int n, int parts, BinaryOp op, float[] a, int aOff, int aStride, float[] b, int bOff,
                        int bStride, float[] out, int outOff, int outStride) {
            Binary mine = MINE.get();
            Binary j = mine.out == null ? mine : new Binary();
            j.op = op;
            j.a = a;
            j.aOff = aOff;
            j.aStride = aStride;
            j.b = b;
            j.bOff = bOff;
            j.bStride = bStride;
            j.out = out;
            j.outOff = outOff;
            j.outStride = outStride;
            try {
                Parallel.runRange(n, parts, j);
            } finally {
                j.a = j.b = j.out = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            Elementwise.binaryRun(op, to - from, a, aOff + from * aStride, aStride, b, bOff + from * bStride, bStride,
                    out, outOff + from * outStride, outStride);
        }
    }

    /** {@link PackedScalarGemm}'s product over blocks of C's rows, {@link PackedScalarGemm#MR} rows an item. */
    static final class ScalarGemmRows implements Parallel.RangeConsumer {
        private static final ThreadLocal<ScalarGemmRows> MINE = ThreadLocal.withInitial(ScalarGemmRows::new);
        private boolean transA, transB;
        private int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        private float alpha, beta;
        private float[] a, b, c;

        static void run(int tiles, int parts, boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
                        int ldc) {
            ScalarGemmRows mine = MINE.get();
            ScalarGemmRows j = mine.c == null ? mine : new ScalarGemmRows();
            j.transA = transA;
            j.transB = transB;
            j.m = m;
            j.n = n;
            j.k = k;
            j.alpha = alpha;
            j.a = a;
            j.aOff = aOff;
            j.lda = lda;
            j.b = b;
            j.bOff = bOff;
            j.ldb = ldb;
            j.beta = beta;
            j.c = c;
            j.cOff = cOff;
            j.ldc = ldc;
            try {
                Parallel.forRanges(tiles, parts, j);
            } finally {
                j.a = j.b = j.c = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            int mr = PackedScalarGemm.MR;
            PackedScalarGemm.rows(transA, transB, from * mr, Math.min(m, to * mr), n, k, alpha, a, aOff, lda, b, bOff,
                    ldb, beta, c, cOff, ldc);
        }
    }

    /** {@link Reductions#addRows} over blocks of {@link Parallel#ALIGN} columns. */
    static final class AddRows implements Parallel.RangeConsumer {
        private static final ThreadLocal<AddRows> MINE = ThreadLocal.withInitial(AddRows::new);
        private float[] g, h, acc;
        private int rows, cols, gOff, hOff, accOff;

        static void run(int blocks, int parts, int rows, int cols, float[] g, int gOff, float[] h, int hOff,
                        float[] acc, int accOff) {
            AddRows mine = MINE.get();
            AddRows j = mine.acc == null ? mine : new AddRows();
            j.rows = rows;
            j.cols = cols;
            j.g = g;
            j.gOff = gOff;
            j.h = h;
            j.hOff = hOff;
            j.acc = acc;
            j.accOff = accOff;
            try {
                Parallel.forRanges(blocks, parts, j);
            } finally {
                j.g = j.h = j.acc = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            Reductions.addRowColumns(rows, cols, from * Parallel.ALIGN, Math.min(cols, to * Parallel.ALIGN), g, gOff,
                    h, hOff, acc, accOff);
        }
    }

    /** {@link ConvGemm#biasGrad} over a range of channels. */
    static final class BiasGrad implements Parallel.RangeConsumer {
        private static final ThreadLocal<BiasGrad> MINE = ThreadLocal.withInitial(BiasGrad::new);
        private float[] dy, db;
        private int n, channels, plane, dyOff, dbOff;
        private boolean accumulate;

        static void run(int parts, int n, int channels, int plane, float[] dy, int dyOff, float[] db, int dbOff,
                        boolean accumulate) {
            BiasGrad mine = MINE.get();
            BiasGrad j = mine.db == null ? mine : new BiasGrad();
            j.n = n;
            j.channels = channels;
            j.plane = plane;
            j.dy = dy;
            j.dyOff = dyOff;
            j.db = db;
            j.dbOff = dbOff;
            j.accumulate = accumulate;
            try {
                Parallel.forRanges(channels, parts, j);
            } finally {
                j.dy = j.db = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            ConvGemm.biasGradChannels(from, to, n, channels, plane, dy, dyOff, db, dbOff, accumulate);
        }
    }

    /** {@link Elementwise#unary} over a range: out = op(x; p, q). */
    static final class Unary implements Parallel.RangeConsumer {
        private static final ThreadLocal<Unary> MINE = ThreadLocal.withInitial(Unary::new);
        private UnaryOp op;
        private float p, q;
        private float[] x, out;
        private int xOff, xStride, outOff, outStride;

        static void run(int n, int parts, UnaryOp op, float p, float q, float[] x, int xOff, int xStride,
                        float[] out, int outOff, int outStride) {
            Unary mine = MINE.get();
            Unary j = mine.out == null ? mine : new Unary();
            j.op = op;
            j.p = p;
            j.q = q;
            j.x = x;
            j.xOff = xOff;
            j.xStride = xStride;
            j.out = out;
            j.outOff = outOff;
            j.outStride = outStride;
            try {
                Parallel.runRange(n, parts, j);
            } finally {
                j.x = j.out = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            Elementwise.unaryRun(op, p, q, to - from, x, xOff + from * xStride, xStride, out,
                    outOff + from * outStride, outStride);
        }
    }

    /** {@link Fused#adam} over a range. */
    static final class Adam implements Parallel.RangeConsumer {
        private static final ThreadLocal<Adam> MINE = ThreadLocal.withInitial(Adam::new);
        private float[] p, g, m, v;
        private int po, go, mo, vo;
        private float weightDecay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, biasCorrection2Sqrt, eps, negStepSize;

        static void run(int n, int parts, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                        float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                        float biasCorrection2Sqrt, float eps, float negStepSize) {
            Adam mine = MINE.get();
            Adam j = mine.p == null ? mine : new Adam();
            j.p = p;
            j.po = po;
            j.g = g;
            j.go = go;
            j.m = m;
            j.mo = mo;
            j.v = v;
            j.vo = vo;
            j.weightDecay = weightDecay;
            j.beta1 = beta1;
            j.oneMinusBeta1 = oneMinusBeta1;
            j.beta2 = beta2;
            j.oneMinusBeta2 = oneMinusBeta2;
            j.biasCorrection2Sqrt = biasCorrection2Sqrt;
            j.eps = eps;
            j.negStepSize = negStepSize;
            try {
                Parallel.runRange(n, parts, j);
            } finally {
                j.p = j.g = j.m = j.v = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            Fused.adamRun(to - from, p, po + from, g, go + from, m, mo + from, v, vo + from, weightDecay, beta1,
                    oneMinusBeta1, beta2, oneMinusBeta2, biasCorrection2Sqrt, eps, negStepSize);
        }
    }
    /**
     * A whole-run sum over threads in the canonical order: the float sum of each {@link ScalarReductions#BLOCK} by
     * whichever part holds it, then the blocks added in double in order on the caller, as the one-thread sum adds
     * them, so the bits are the same on any thread count.
     */
    static final class Sum implements Parallel.RangeConsumer {
        private static final ThreadLocal<Sum> MINE = ThreadLocal.withInitial(Sum::new);
        private float[] x;
        private float[] blockSums = new float[0];
        private int n, off, stride;
        private SumTerm term;

        static float run(int n, int parts, float[] x, int off, int stride, SumTerm term) {
            Sum mine = MINE.get();
            Sum j = mine.x == null ? mine : new Sum();
            int blocks = (n + ScalarReductions.BLOCK - 1) / ScalarReductions.BLOCK;
            if (j.blockSums.length < blocks) {
                j.blockSums = new float[blocks];
            }
            j.x = x;
            j.n = n;
            j.off = off;
            j.stride = stride;
            j.term = term;
            try {
                Parallel.forRanges(blocks, parts, j);
                double total = 0;
                for (int b = 0; b < blocks; b++) {
                    total += j.blockSums[b];
                }
                return (float) total;
            } finally {
                j.x = null;
            }
        }

        @Override
        public void accept(int from, int to) {
            for (int b = from; b < to; b++) {
                int start = b * ScalarReductions.BLOCK, len = Math.min(ScalarReductions.BLOCK, n - start);
                // One block: the one-thread sum's partial for it, exactly (a float through double and back).
                blockSums[b] = Reductions.sum(len, x, off + start * stride, stride, term);
            }
        }
    }
}
