package dev.vgrad.kernels;

import static dev.vgrad.kernels.KernelAssert.LENGTHS;
import static dev.vgrad.kernels.KernelAssert.random;
import static dev.vgrad.kernels.KernelAssert.withSpecials;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerNormRows} against the elementwise steps it runs in one call, done one element at a time on the scalar
 * path in the order layer norm took them as separate kernels: bit for bit on every length around the vector width, at
 * odd offsets, with and without weight, bias and their gradients, and with NaN, infinities and signed zeros.
 */
class LayerNormRowsTest {
    @Test
    void scaleShiftIsScaleThenWeightThenBias() {
        SplittableRandom r = new SplittableRandom(31);
        for (int n : LENGTHS) {
            for (int mode = 0; mode < 4; mode++) {
                boolean hasW = (mode & 1) != 0, hasB = (mode & 2) != 0;
                float[] y = withSpecials(r, random(r, n + 3, -4f, 4f));
                float[] w = hasW ? withSpecials(r, random(r, n + 1, -2f, 2f)) : null;
                float[] b = hasB ? random(r, n + 2, -2f, 2f) : null;
                float rstd = (float) r.nextDouble(0.1, 3);
                float[] expected = Arrays.copyOf(y, y.length);
                for (int i = 0; i < n; i++) {
                    float v = ScalarMath.apply(UnaryOp.MUL_SCALAR, y[3 + i], rstd, 0f);
                    v = hasW ? ScalarMath.apply(BinaryOp.MUL, v, w[1 + i]) : v;
                    expected[3 + i] = hasB ? ScalarMath.apply(BinaryOp.ADD, v, b[2 + i]) : v;
                }
                LayerNormRows.scaleShift(n, y, 3, rstd, w, 1, b, 2);
                assertArrayEquals(expected, y, "n=" + n + " mode=" + mode);
            }
        }
    }

    @Test
    void backwardStepsAreTheSeparateKernelsElementByElement() {
        SplittableRandom r = new SplittableRandom(32);
        for (int n : LENGTHS) {
            for (int mode = 0; mode < 16; mode++) {
                boolean hasW = (mode & 1) != 0, wantW = (mode & 2) != 0, wantB = (mode & 4) != 0;
                boolean wantX = (mode & 8) != 0;
                float[] x = withSpecials(r, random(r, n + 1, -3f, 3f)), g = withSpecials(r, random(r, n + 2, -2f, 2f));
                float[] w = hasW ? random(r, n + 3, -2f, 2f) : null;
                float[] dw = wantW ? random(r, n + 1, -1f, 1f) : null, db = wantB ? random(r, n, -1f, 1f) : null;
                float mean = (float) r.nextDouble(-1, 1), rstd = (float) r.nextDouble(0.2, 2);
                float[] expectedSc = new float[2 * n + 5], expectedDw = dw == null ? null : dw.clone();
                float[] expectedDb = db == null ? null : db.clone();
                for (int i = 0; i < n; i++) {
                    float xh = ScalarMath.apply(UnaryOp.MUL_SCALAR,
                            ScalarMath.apply(UnaryOp.ADD_SCALAR, x[1 + i], -mean, 0f), rstd, 0f);
                    expectedSc[1 + i] = xh;
                    if (wantW) {
                        expectedDw[1 + i] = ScalarMath.apply(BinaryOp.ADD, dw[1 + i],
                                ScalarMath.apply(BinaryOp.MUL, g[2 + i], xh));
                    }
                    if (wantB) {
                        expectedDb[i] = ScalarMath.apply(BinaryOp.ADD, db[i], g[2 + i]);
                    }
                    if (wantX) {
                        expectedSc[n + 3 + i] = hasW ? ScalarMath.apply(BinaryOp.MUL, g[2 + i], w[3 + i]) : g[2 + i];
                    }
                }
                float[] sc = new float[2 * n + 5];
                LayerNormRows.backwardTerms(n, x, 1, mean, rstd, g, 2, w, 3, dw, 1, db, 0, wantX, sc, 1, n + 3);
                String what = "n=" + n + " mode=" + mode;
                assertArrayEquals(expectedSc, sc, what);
                assertArrayEquals(expectedDw, dw, what + " dw");
                assertArrayEquals(expectedDb, db, what + " db");

                float a = (float) r.nextDouble(-1, 1), c = (float) r.nextDouble(-1, 1);
                float[] out = new float[n + 4], expectedOut = new float[n + 4];
                for (int i = 0; i < n; i++) {
                    float xc = ScalarMath.apply(UnaryOp.MUL_SCALAR, sc[1 + i], c, 0f);
                    float centred = ScalarMath.apply(UnaryOp.ADD_SCALAR, sc[n + 3 + i], -a, 0f);
                    expectedOut[4 + i] = ScalarMath.apply(UnaryOp.MUL_SCALAR,
                            ScalarMath.apply(BinaryOp.SUB, centred, xc), rstd, 0f);
                }
                LayerNormRows.backwardOut(n, sc, 1, n + 3, a, c, rstd, out, 4);
                assertArrayEquals(expectedOut, out, what + " out");
            }
        }
    }
}
