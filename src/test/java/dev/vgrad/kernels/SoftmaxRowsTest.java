package dev.vgrad.kernels;

import static dev.vgrad.kernels.KernelAssert.LENGTHS;
import static dev.vgrad.kernels.KernelAssert.random;
import static dev.vgrad.kernels.KernelAssert.withSpecials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftmaxRows} against the separate steps it fuses, done one element at a time on the scalar path: the shift,
 * the exponential, the canonical sum, the division. Bit for bit, on every length around the vector width (tails
 * shorter than a vector, the scratch vector's threshold, whole vectors), across a second summation block, at odd
 * offsets, in place, and with NaN, infinities and signed zeros in the row. Likewise attention's two row helpers,
 * {@link SoftmaxRows#addMax} (the mask's add, then the maximum) and {@link SoftmaxRows#backward}, and the masked rows of
 * {@link SoftmaxRows#maskedRows}, two at a time where vectors allow; and whole blocks of rows, short rows a vector's
 * width at a time, as {@link SoftmaxRows#rows} (softmax, log-softmax) and {@link SoftmaxRows#crossEntropy} run them,
 * and short columns lying side by side as {@link SoftmaxRows#columns} does, each against the column taken out as a
 * row.
 */
class SoftmaxRowsTest {
    private static final int[] MORE = {10, 12, 19, 20, 60, 1000, 2048 + 77, 5000};

    @Test
    void expMatchesShiftExpSumAndDivideOneElementAtATime() {
        SplittableRandom r = new SplittableRandom(17);
        for (int n : lengths()) {
            for (boolean specials : new boolean[] {false, true}) {
                for (boolean normalize : new boolean[] {false, true}) {
                    int xo = r.nextInt(5), yo = r.nextInt(5);
                    float[] x = random(r, xo + n, -30f, 30f);
                    if (specials) {
                        withSpecials(r, x);
                    }
                    float max = n == 0 ? 0f : ScalarReductions.max(n, x, xo, 1);
                    float[] expected = new float[yo + n + 2];
                    float expectedSum = reference(n, x, xo, max, expected, yo, normalize);
                    float[] y = new float[yo + n + 2];
                    String what = "n=" + n + " specials=" + specials + " normalize=" + normalize;
                    assertEquals(expectedSum, SoftmaxRows.exp(n, x, xo, max, y, yo, normalize), 0f, what);
                    assertArrayEquals(expected, y, what);
                    // in place: the row overwritten with its own softmax
                    float[] same = Arrays.copyOf(x, x.length);
                    assertEquals(expectedSum, SoftmaxRows.exp(n, same, xo, max, same, xo, normalize), 0f, what);
                    assertArrayEquals(Arrays.copyOfRange(expected, yo, yo + n), Arrays.copyOfRange(same, xo, xo + n),
                            what + " in place");
                }
            }
        }
    }

    @Test
    void logSoftmaxRowSubtractsTheMaxThenTheLogSum() {
        SplittableRandom r = new SplittableRandom(18);
        for (int n : lengths()) {
            float[] x = withSpecials(r, random(r, n + 3, -5f, 5f));
            float max = (float) r.nextDouble(-3, 3), logSum = (float) r.nextDouble(0, 3);
            float[] expected = new float[n + 1], y = new float[n + 1];
            for (int i = 0; i < n; i++) {
                expected[1 + i] = (x[3 + i] - max) - logSum;
            }
            SoftmaxRows.logSoftmaxRow(n, x, 3, max, logSum, y, 1);
            assertArrayEquals(expected, y, "n=" + n);
            // in place: each element taken once, the last vector's lanes over the whole vectors' too
            float[] same = Arrays.copyOf(x, x.length);
            SoftmaxRows.logSoftmaxRow(n, same, 3, max, logSum, same, 3);
            assertArrayEquals(Arrays.copyOfRange(expected, 1, 1 + n), Arrays.copyOfRange(same, 3, 3 + n),
                    "n=" + n + " in place");
        }
    }


    @Test
    void addMaxAddsTheMaskAndReturnsTheMaximumOfTheSums() {
        SplittableRandom r = new SplittableRandom(19);
        for (int n : lengths()) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] x = random(r, n + 2, -5f, 5f), mask = random(r, n + 3, -2f, 2f);
                if (specials) {
                    withSpecials(r, x);
                    withSpecials(r, mask);
                }
                float[] expected = Arrays.copyOf(x, x.length);
                for (int i = 0; i < n; i++) {
                    expected[2 + i] = ScalarMath.apply(BinaryOp.ADD, x[2 + i], mask[3 + i]);
                }
                float expectedMax = ScalarReductions.max(n, expected, 2, 1);
                String what = "n=" + n + " specials=" + specials;
                assertEquals(expectedMax, SoftmaxRows.addMax(n, x, 2, mask, 3), 0f, what);
                assertArrayEquals(expected, x, what);
            }
        }
    }

    @Test
    void maskedRowsAreTheMaskThenTheSoftmaxOfEachRowOneElementAtATime() {
        SplittableRandom r = new SplittableRandom(21);
        // rows of multiples of 16 (two rows at a time with 16-lane vectors) up to one summation block and past it,
        // and other lengths (a row at a time); odd row counts leave a last row alone
        int[] ns = {1, 15, 16, 17, 32, 48, 60, 64, 80, 112, 128, 2048, 2064};
        for (int n : ns) {
            for (int rows : new int[] {0, 1, 2, 3, 5}) {
                for (int kind = 0; kind < 3; kind++) {
                    int po = r.nextInt(4), mo = r.nextInt(4);
                    float[] p = random(r, po + rows * n + 3, -8f, 8f), mask = random(r, mo + rows * n, -2f, 2f);
                    if (kind == 1) {
                        withSpecials(r, p);
                        withSpecials(r, mask);
                    } else if (kind == 2) {
                        // a causal mask: -infinity past each row's own position, a whole row of it once
                        for (int i = 0; i < rows; i++) {
                            for (int j = i == rows - 1 && rows > 1 ? 0 : i + 1; j < n; j++) {
                                mask[mo + i * n + j] = Float.NEGATIVE_INFINITY;
                            }
                        }
                    }
                    float[] expected = Arrays.copyOf(p, p.length);
                    for (int i = 0; i < rows; i++) {
                        int row = po + i * n;
                        for (int j = 0; j < n; j++) {
                            expected[row + j] = ScalarMath.apply(BinaryOp.ADD, p[row + j], mask[mo + i * n + j]);
                        }
                        reference(n, expected, row, ScalarReductions.max(n, expected, row, 1), expected, row, true);
                    }
                    SoftmaxRows.maskedRows(rows, n, p, po, mask, mo);
                    assertArrayEquals(expected, p, "n=" + n + " rows=" + rows + " kind=" + kind);
                }
            }
        }
    }

    @Test
    void backwardIsTheScalarShiftThenTheProductThenTheScaleElementByElement() {
        SplittableRandom r = new SplittableRandom(20);
        for (int n : lengths()) {
            for (boolean specials : new boolean[] {false, true}) {
                for (float scale : new float[] {1f, 0.17677669f}) {
                    float[] d = random(r, n + 1, -3f, 3f), p = random(r, n + 4, 0f, 1f);
                    if (specials) {
                        withSpecials(r, d);
                        withSpecials(r, p);
                    }
                    float dot = (float) r.nextDouble(-2, 2);
                    float[] expected = Arrays.copyOf(d, d.length);
                    for (int i = 0; i < n; i++) {
                        float shifted = ScalarMath.apply(UnaryOp.ADD_SCALAR, d[1 + i], -dot, 0f);
                        float times = ScalarMath.apply(BinaryOp.MUL, shifted, p[4 + i]);
                        expected[1 + i] = scale == 1f ? times : ScalarMath.apply(UnaryOp.MUL_SCALAR, times, scale, 0f);
                    }
                    SoftmaxRows.backward(n, d, 1, dot, p, 4, scale);
                    assertArrayEquals(expected, d, "n=" + n + " specials=" + specials + " scale=" + scale);
                }
            }
        }
    }

    @Test
    void maskedRowsCutShortAreEachRowsFirstFloatsAloneTheRestUntouched() {
        // rows 64 (or 70) floats apart softmaxed over their first n, as a lower-triangular attention's bands are: the
        // same bits as those n floats taken as rows of their own, the floats past n left as they were
        SplittableRandom r = new SplittableRandom(22);
        for (int stride : new int[] {64, 70}) {
            for (int n : new int[] {1, 15, 16, 17, 32, 48, 64}) {
                for (int rows : new int[] {1, 2, 3, 16}) {
                    int po = r.nextInt(4), mo = r.nextInt(4);
                    float[] p = random(r, po + rows * stride, -8f, 8f), mask = random(r, mo + rows * stride, -2f, 2f);
                    for (int i = 0; i < rows; i++) {
                        for (int j = i + 1; j < stride; j++) {
                            mask[mo + i * stride + j] = Float.NEGATIVE_INFINITY;
                        }
                    }
                    float[] expected = Arrays.copyOf(p, p.length);
                    for (int i = 0; i < rows; i++) {
                        float[] alone = Arrays.copyOfRange(p, po + i * stride, po + i * stride + n);
                        float[] itsMask = Arrays.copyOfRange(mask, mo + i * stride, mo + i * stride + n);
                        SoftmaxRows.maskedRows(1, n, alone, 0, itsMask, 0);
                        System.arraycopy(alone, 0, expected, po + i * stride, n);
                    }
                    SoftmaxRows.maskedRows(rows, n, stride, p, po, mask, mo, stride);
                    assertArrayEquals(expected, p, "stride=" + stride + " n=" + n + " rows=" + rows);
                }
            }
        }
    }

    /** Row counts around the vector widths (whole groups, partial last groups, a single row). */
    private static final int[] ROWS = {1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, 64 + 5};

    @Test
    void rowsAreEachRowsMaxThenExpThenForLogTheShift() {
        SplittableRandom r = new SplittableRandom(19);
        for (int n = 1; n <= SoftmaxRows.SHORT_ROW + 4; n++) {
            for (int rows : ROWS) {
                for (boolean log : new boolean[] {false, true}) {
                    int xo = r.nextInt(5), yo = r.nextInt(5);
                    float[] x = random(r, xo + rows * n + 3, -30f, 30f);
                    if (r.nextBoolean()) {
                        withSpecials(r, x);
                    }
                    float[] expected = new float[yo + rows * n + 3];
                    float[] y = new float[expected.length];
                    for (int row = 0; row < rows; row++) {
                        referenceRow(n, x, xo + row * n, expected, yo + row * n, log);
                    }
                    SoftmaxRows.rows(rows, n, x, xo, y, yo, log);
                    assertArrayEquals(expected, y, "n=" + n + " rows=" + rows + " log=" + log);
                }
            }
        }
    }

    @Test
    void columnsAreEachColumnTakenOutAsARow() {
        SplittableRandom r = new SplittableRandom(21);
        int[] inners = {2, 3, 7, 8, 9, 15, 16, 17, 33, 40};
        for (int n = 1; n < SoftmaxRows.SHORT_ROW; n++) {
            Assumptions.assumeTrue(SoftmaxRows.takesColumns(n), "the scalar path takes no columns");
            for (int inner : inners) {
                for (boolean log : new boolean[] {false, true}) {
                    int outer = 3, xo = r.nextInt(5), yo = r.nextInt(5), size = outer * n * inner;
                    float[] x = random(r, xo + size + 3, -30f, 30f);
                    if (r.nextBoolean()) {
                        withSpecials(r, x);
                    }
                    float[] expected = new float[yo + size + 3], y = new float[expected.length];
                    float[] column = new float[n], out = new float[n];
                    for (int o = 1; o < outer; o++) {   // block 0 is left out: untouched in y
                        for (int i = 0; i < inner; i++) {
                            int at = o * n * inner + i;
                            for (int j = 0; j < n; j++) {
                                column[j] = x[xo + at + j * inner];
                            }
                            referenceRow(n, column, 0, out, 0, log);
                            for (int j = 0; j < n; j++) {
                                expected[yo + at + j * inner] = out[j];
                            }
                        }
                    }
                    SoftmaxRows.columns(1, outer, n, inner, x, xo, y, yo, log);
                    assertArrayEquals(expected, y, "n=" + n + " inner=" + inner + " log=" + log);
                }
            }
        }
    }

    @Test
    void crossEntropyIsEachRowsSoftmaxAndLogSumExpLessTheTarget() {
        SplittableRandom r = new SplittableRandom(20);
        for (int n = 1; n <= SoftmaxRows.SHORT_ROW + 4; n++) {
            for (int rows : ROWS) {
                int xo = r.nextInt(5), po = r.nextInt(5), to = r.nextInt(3), lo = r.nextInt(3);
                float[] x = random(r, xo + rows * n + 3, -30f, 30f);
                if (r.nextBoolean()) {
                    withSpecials(r, x);
                }
                float[] targets = new float[to + rows];
                for (int row = 0; row < rows; row++) {
                    targets[to + row] = r.nextInt(n);
                }
                float[] expectedP = new float[po + rows * n + 3], expectedLosses = new float[lo + rows];
                double expectedTotal = 0;
                for (int row = 0; row < rows; row++) {
                    int s = xo + row * n;
                    float max = ScalarReductions.max(n, x, s, 1);
                    float sum = reference(n, x, s, max, expectedP, po + row * n, true);
                    float loss = -((x[s + (int) targets[to + row]] - max) - (float) StrictMath.log(sum));
                    expectedLosses[lo + row] = loss;
                    expectedTotal += loss;
                }
                String what = "n=" + n + " rows=" + rows;
                float[] p = new float[expectedP.length], losses = new float[expectedLosses.length];
                assertEquals(0d, SoftmaxRows.crossEntropy(rows, n, x, xo, targets, to, p, po, losses, lo), what);
                assertArrayEquals(expectedP, p, what + " softmax");
                assertArrayEquals(expectedLosses, losses, what + " losses");
                float[] again = new float[expectedP.length];
                double total = SoftmaxRows.crossEntropy(rows, n, x, xo, targets, to, again, po, null, 0);
                assertEquals(Double.doubleToLongBits(expectedTotal), Double.doubleToLongBits(total), what + " total");
                assertArrayEquals(expectedP, again, what + " softmax, summed");
            }
        }
    }

    /** One softmax (or log-softmax) row by the separate scalar steps: the maximum, {@link #reference}, log(sum). */
    private static void referenceRow(int n, float[] x, int xo, float[] y, int yo, boolean log) {
        float max = ScalarReductions.max(n, x, xo, 1);
        float sum = reference(n, x, xo, max, y, yo, !log);
        if (log) {   // PyTorch's order: the max off first, then log(sum)
            float logSum = (float) StrictMath.log(sum);
            for (int j = 0; j < n; j++) {
                y[yo + j] = (x[xo + j] - max) - logSum;
            }
        }
    }

    /** The steps as the separate kernels take them, on the scalar path; returns the sum. */
    private static float reference(int n, float[] x, int xo, float max, float[] y, int yo, boolean normalize) {
        for (int i = 0; i < n; i++) {
            float shifted = ScalarMath.apply(UnaryOp.ADD_SCALAR, x[xo + i], -max, 0f);
            y[yo + i] = ScalarMath.apply(UnaryOp.EXP, shifted, 0f, 0f);
        }
        float sum = ScalarReductions.sum(n, y, yo, 1, SumTerm.VALUE);
        if (normalize) {
            for (int i = 0; i < n; i++) {
                y[yo + i] = ScalarMath.apply(UnaryOp.DIV_SCALAR, y[yo + i], sum, 0f);
            }
        }
        return sum;
    }

    private static int[] lengths() {
        int[] all = Arrays.copyOf(LENGTHS, LENGTHS.length + MORE.length);
        System.arraycopy(MORE, 0, all, LENGTHS.length, MORE.length);
        return all;
    }
}
