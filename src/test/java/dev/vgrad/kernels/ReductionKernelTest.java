package dev.vgrad.kernels;

import static dev.vgrad.kernels.KernelAssert.LENGTHS;
import static dev.vgrad.kernels.KernelAssert.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sums, maxima, dots and N-d reductions: bit for bit against the scalar path (the canonical order), and within
 * float error of sums taken in double.
 */
class ReductionKernelTest {
    @Test
    void sumMaxDotMatchTheScalarPathBitForBitOnEveryLength() {
        SplittableRandom r = new SplittableRandom(3);
        int[] lengths = Arrays.copyOf(LENGTHS, LENGTHS.length + 3);
        lengths[LENGTHS.length] = 2048 + 77;      // a second block, with every tail
        lengths[LENGTHS.length + 1] = 2 * 2048;
        lengths[LENGTHS.length + 2] = 5000;
        for (int n : lengths) {
            float[] x = random(r, n + 3, -1f, 1f), y = random(r, n + 3, -1f, 1f);
            double sum = 0, absSum = 0, dot = 0, absDot = 0;
            for (int i = 0; i < n; i++) {
                sum += x[3 + i];
                absSum += Math.abs(x[3 + i]);
                dot += (double) x[3 + i] * y[i];
                absDot += Math.abs((double) x[3 + i] * y[i]);
            }
            assertEquals(ScalarReductions.sum(n, x, 3, 1, SumTerm.VALUE), Reductions.sum(n, x, 3, 1), 0f, "sum n=" + n);
            assertEquals(ScalarReductions.max(n, x, 3, 1), Reductions.max(n, x, 3, 1), 0f, "max n=" + n);
            assertEquals(ScalarReductions.dot(n, x, 3, 1, y, 0, 1), Reductions.dot(n, x, 3, 1, y, 0, 1), 0f, "dot n=" + n);
            assertEquals(ScalarReductions.sum(n, x, 3, 1, SumTerm.ABS), Reductions.sumAbs(n, x, 3, 1), 0f,
                    "sumAbs n=" + n);
            float tol = (float) (1e-6 * absSum + 1e-6), dotTol = (float) (1e-6 * absDot + 1e-6);
            assertEquals(sum, Reductions.sum(n, x, 3, 1), tol, "sum against double n=" + n);
            assertEquals(absSum, Reductions.sumAbs(n, x, 3, 1), tol, "sumAbs against double n=" + n);
            assertEquals(dot, Reductions.dot(n, x, 3, 1, y, 0, 1), dotTol, "dot against double n=" + n);
            // the vector abs-sum runs the sum's blocks in the sum's order: it equals the sum of an abs copy exactly
            float[] abs = new float[n];
            for (int i = 0; i < n; i++) {
                abs[i] = Math.abs(x[3 + i]);
            }
            assertEquals(Reductions.sum(n, abs, 0, 1), Reductions.sumAbs(n, x, 3, 1), 0f, "sumAbs vs sum n=" + n);
            // and the sum of squares the sum of a copy of the squares, each rounded before it is added
            float[] squares = new float[n];
            for (int i = 0; i < n; i++) {
                squares[i] = x[3 + i] * x[3 + i];
            }
            assertEquals(Reductions.sum(n, squares, 0, 1), Reductions.sumSquares(n, x, 3, 1), 0f,
                    "sumSquares vs sum n=" + n);
            assertEquals(ScalarReductions.sum(n, squares, 0, 1, SumTerm.VALUE), Reductions.sumSquares(n, x, 3, 1), 0f,
                    "sumSquares vs the scalar sum n=" + n);
            // a strided run gives the bits of the same values laid out contiguously
            int m = n / 2;
            float[] packed = new float[m];
            for (int i = 0; i < m; i++) {
                packed[i] = x[1 + 2 * i];
            }
            assertEquals(Reductions.sum(m, packed, 0, 1), Reductions.sum(m, x, 1, 2), 0f, "strided sum n=" + n);
            assertEquals(Reductions.sumAbs(m, packed, 0, 1), Reductions.sumAbs(m, x, 1, 2), 0f);
            assertEquals(Reductions.sumSquares(m, packed, 0, 1), Reductions.sumSquares(m, x, 1, 2), 0f);
            assertEquals(Reductions.dot(m, packed, 0, 1, y, 0, 1), Reductions.dot(m, x, 1, 2, y, 0, 1), 0f);
        }
    }

    /**
     * maxRows against a walk down each column one element at a time: the first maximum's row, the first NaN's value
     * and row, ties and signed zeros kept as the walk keeps them, on widths around the vector length.
     */
    @Test
    void firstMaxIsWhereAWalkKeepingTheFirstLargestFindsIt() {
        SplittableRandom r = new SplittableRandom(22);
        // few distinct values, so that ties are common; NaN, infinities and both zeros among them
        float[] pool = {-1f, 0f, -0f, 2f, 3f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (int n : LENGTHS) {
            for (int trial = 0; trial < 20 && n > 0; trial++) {
                float[] x = new float[3 + n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextInt(3) == 0 ? pool[r.nextInt(pool.length)] : (float) r.nextInt(-3, 4);
                }
                if (trial % 4 == 0) {
                    java.util.Arrays.fill(x, 3, 3 + n, trial % 8 == 0 ? -0f : 0f);   // all zeros of one sign
                    x[3 + r.nextInt(n)] = trial % 8 == 0 ? 0f : -0f;
                }
                float best = x[3];
                int want = 0;
                for (int i = 1; i < n && !Float.isNaN(best); i++) {
                    if (x[3 + i] > best || Float.isNaN(x[3 + i])) {
                        best = x[3 + i];
                        want = i;
                    }
                }
                assertEquals(want, Reductions.firstMax(n, x, 3), "n=" + n + " trial " + trial);
            }
        }
    }

    @Test
    void maxRowsFindsWhatAColumnWalkFinds() {
        SplittableRandom r = new SplittableRandom(21);
        for (int rows : new int[] {1, 2, 3, 17, 64}) {
            for (int cols : new int[] {1, 7, 15, 16, 17, 33, 64, 100, 130}) {
                float[] x = new float[5 + rows * cols];
                for (int i = 0; i < x.length; i++) {
                    // few distinct values, so that ties are common; NaN, infinities and both zeros among them
                    float[] pool = {-1f, 0f, -0f, 2f, 2f, 3f, Float.NaN, Float.NEGATIVE_INFINITY,
                        Float.POSITIVE_INFINITY};
                    x[i] = r.nextInt(4) == 0 ? pool[r.nextInt(pool.length)] : (float) r.nextInt(-3, 4);
                }
                float[] best = new float[cols + 2], at = new float[cols + 2], rowsOnly = new float[cols];
                Reductions.maxRows(rows, cols, x, 5, best, 1, at, 2);
                Reductions.maxRows(rows, cols, x, 5, null, 0, rowsOnly, 0);   // argmax's call: rows, no maxima
                for (int j = 0; j < cols; j++) {
                    float want = x[5 + j];
                    int wantAt = 0;
                    for (int i = 1; i < rows && !Float.isNaN(want); i++) {
                        float v = x[5 + i * cols + j];
                        if (v > want || Float.isNaN(v)) {
                            want = v;
                            wantAt = i;
                        }
                    }
                    String what = rows + " x " + cols + " column " + j;
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(best[1 + j]), what);
                    assertEquals(wantAt, at[2 + j], 0f, what);
                    assertEquals(wantAt, rowsOnly[j], 0f, what + " without maxima");
                }
            }
        }
    }

    @Test
    void addRowsMatchesAddingEachRowInOrderBitForBit() {
        SplittableRandom r = new SplittableRandom(11);
        int before = Parallel.threads();
        try {
            // Columns: none, a tail shorter than a vector, whole vectors, odd sizes, eight-vector runs with every
            // narrower loop after them, more than one split block;
            // rows: one, a few, enough to split across threads, either side of the eight-vector walks' threshold.
            for (int cols : new int[] {0, 1, 3, 10, 15, 16, 17, 31, 32, 33, 64, 100, 128, 129, 200, 300, 513}) {
                for (int rows : new int[] {1, 2, 7, 512, 1023, 1100}) {
                    float[] g = random(r, 5 + rows * cols + 2, -1f, 1f);
                    float[] start = random(r, 3 + cols + 2, -1f, 1f);
                    g[5 + rows * cols / 2] = Float.NaN;   // a NaN stays in its column
                    float[] h = random(r, 2 + rows * cols, -2f, 2f);
                    if (rows * cols > 3) {
                        h[2 + rows * cols / 3] = Float.POSITIVE_INFINITY;
                    }
                    float[] want = start.clone(), wantProducts = start.clone();
                    for (int row = 0; row < rows; row++) {
                        for (int j = 0; j < cols; j++) {
                            want[3 + j] = want[3 + j] + g[5 + row * cols + j];
                            // the product rounded to float first, as a stored copy of it would be
                            float product = g[5 + row * cols + j] * h[2 + row * cols + j];
                            wantProducts[3 + j] = wantProducts[3 + j] + product;
                        }
                    }
                    for (int threads : new int[] {1, 3}) {
                        Parallel.setThreads(threads);
                        float[] got = start.clone(), products = start.clone();
                        Reductions.addRows(rows, cols, g, 5, got, 3);
                        Reductions.addRowProducts(rows, cols, g, 5, h, 2, products, 3);
                        float[] scalar = start.clone(), scalarProducts = start.clone();
                        ScalarReductions.addRows(rows, cols, 0, cols, g, 5, null, 0, scalar, 3);
                        ScalarReductions.addRows(rows, cols, 0, cols, g, 5, h, 2, scalarProducts, 3);
                        String where = "rows=" + rows + " cols=" + cols + " threads=" + threads;
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                                    where + " at " + i);
                            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(scalar[i]),
                                    where + " (scalar path) at " + i);
                            assertEquals(Float.floatToRawIntBits(wantProducts[i]),
                                    Float.floatToRawIntBits(products[i]), where + " products at " + i);
                            assertEquals(Float.floatToRawIntBits(wantProducts[i]),
                                    Float.floatToRawIntBits(scalarProducts[i]), where + " products (scalar) at " + i);
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void laneSumsFollowOneFixedTreeInEveryTier() {
        // The same bits whether the loop runs interpreted or compiled: the tree in which a block's 16-lane
        // accumulator is folded (lane i plus lane i + 8, then + 4, + 2, + 1) is spelled out in each block, not left
        // to reduceLanes, whose order is unspecified. Sixteen values fill one accumulator exactly once.
        SplittableRandom r = new SplittableRandom(8);
        float[] ones = new float[16];
        Arrays.fill(ones, 1f);
        for (int trial = 0; trial < 1000; trial++) {
            float[] t = random(r, 16, -1e4f, 1e4f);
            float sum = VectorReductions.sum(16, t, 0, SumTerm.VALUE), dot = VectorReductions.dot(16, t, 0, ones, 0);
            for (int half = 8; half >= 1; half /= 2) {
                float[] next = new float[16];
                for (int i = 0; i < 16; i++) {
                    next[i] = t[i] + t[(i + half) % 16];
                }
                t = next;
            }
            assertEquals(t[0], sum, 0f);
            assertEquals(t[0], dot, 0f);
        }
    }

    @Test
    void longSumStaysAccurate() {
        // A million values of 0.1: a single float accumulator drifts by about 1%; blocked vector sums must not.
        float[] x = new float[1_000_000];
        Arrays.fill(x, 0.1f);
        assertEquals(100000.0f * 1.0000000149f, Reductions.sum(x.length, x, 0, 1), 0.5f);
    }

    @Test
    void maxPropagatesNaNAndEmptyMaxIsMinusInfinity() {
        float[] x = new float[70];
        x[66] = Float.NaN;
        assertTrue(Float.isNaN(Reductions.max(70, x, 0, 1)));
        x[66] = 0f;
        x[3] = Float.NaN;
        assertTrue(Float.isNaN(Reductions.max(70, x, 0, 1)));
        assertEquals(Float.NEGATIVE_INFINITY, Reductions.max(0, x, 0, 1));
        float[] s = {1f, Float.NaN, 2f};
        assertTrue(Float.isNaN(Reductions.sum(3, s, 0, 1)));
    }

    @Test
    void reduceAlongAnyDimsMatchesReference() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int rank = 1 + r.nextInt(4);
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = 1 + r.nextInt(r.nextBoolean() ? 4 : 37);
            }
            ElementwiseKernelTest.Operand x = ElementwiseKernelTest.Operand.random(r, shape);
            boolean[] reduced = new boolean[rank];
            int[] outShape = shape.clone();
            for (int d = 0; d < rank; d++) {
                reduced[d] = r.nextBoolean();
                if (reduced[d]) {
                    outShape[d] = 1;
                }
            }
            int[] outStrides = ElementwiseKernelTest.contiguous(outShape);
            for (int d = 0; d < rank; d++) {
                if (reduced[d]) {
                    outStrides[d] = 0;
                }
            }
            for (ReduceOp op : ReduceOp.values()) {
                int n = KernelAssert.numel(outShape);
                double[] want = new double[n], absSum = new double[n];
                Arrays.fill(want, op == ReduceOp.SUM ? 0 : Double.NEGATIVE_INFINITY);
                int[] idx = new int[rank];
                do {
                    int o = KernelAssert.offset(0, idx, outStrides);
                    float v = x.at(idx);
                    absSum[o] += Math.abs(v);
                    want[o] = op == ReduceOp.SUM ? want[o] + v : (Double.isNaN(want[o]) || Float.isNaN(v)
                            ? Double.NaN : Math.max(want[o], v));
                } while (KernelAssert.next(idx, shape));
                float[] got = new float[n];
                Arrays.fill(got, op.identity());
                Reductions.reduce(op, shape, x.data(), x.offset(), x.strides(), got, 0, outStrides);
                int terms = KernelAssert.numel(shape) / n;
                for (int i = 0; i < n; i++) {
                    // Recursive float summation of m terms errs by at most about m * eps * sum|x|.
                    float bound = (float) (terms * 0x1p-23 * absSum[i]) + 1e-6f;
                    assertTrue(KernelAssert.close((float) want[i], got[i], 1, bound),
                            op + " " + Arrays.toString(shape) + " reduced " + Arrays.toString(reduced) + " at " + i
                                    + ": " + want[i] + " vs " + got[i]);
                }
            }
        }
    }
}
