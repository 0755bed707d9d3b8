package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LineSums against one plain running sum per line, forwards and reversed, bit for bit: lines fewer and more than a
 * vector's width taken together, rows shorter than a block, with elements past the last whole block, and values that
 * cancel, overflow, are -0 (a line's first element is kept as it is, not added to +0), NaN or infinite. In the kernel
 * suites, so at every vector width.
 */
class LineSumsTest {
    @ParameterizedTest
    @CsvSource({"1,1", "1,17", "3,5", "7,16", "8,8", "8,9", "16,16", "17,33", "9,40", "33,47", "48,100", "16,1",
        "20,2", "64,31", "5,300"})
    void alongMatchesOneRunningSumPerLine(int lines, int len) {
        SplittableRandom r = new SplittableRandom(lines * 1000L + len);
        for (boolean reverse : new boolean[] {false, true}) {
            int off = r.nextInt(4);
            float[] x = new float[off + lines * len + 3];
            for (int i = 0; i < x.length; i++) {
                double u = r.nextDouble();
                x[i] = u < 0.02 ? -0f : u < 0.03 ? Float.NaN : u < 0.04 ? Float.POSITIVE_INFINITY
                        : u < 0.05 ? 3e38f : (float) ((r.nextDouble() * 2 - 1) * Math.exp(r.nextDouble() * 6 - 3));
            }
            // lines that start (end, reversed) with two -0: the first is kept as it is, so the second's sum is -0 too
            for (int l = 0; l < lines && len >= 2; l += 3) {
                int at = off + l * len + (reverse ? len - 2 : 0);
                x[at] = -0f;
                x[at + 1] = -0f;
            }
            float[] want = x.clone();
            for (int l = 0; l < lines; l++) {
                int base = off + l * len;
                if (reverse) {
                    for (int i = len - 2; i >= 0; i--) {
                        want[base + i] = want[base + i] + want[base + i + 1];
                    }
                } else {
                    for (int i = 1; i < len; i++) {
                        want[base + i] = want[base + i] + want[base + i - 1];
                    }
                }
            }
            float[] got = x.clone();
            LineSums.along(lines, len, got, off, reverse);
            for (int k = 0; k < want.length; k++) {
                String where = "lines=" + lines + " len=" + len + " reverse=" + reverse + " at " + k;
                if (want[k] != want[k]) {
                    assertEquals(true, got[k] != got[k], "NaN " + where);   // which NaN is the hardware's choice
                    continue;
                }
                assertEquals(Float.floatToRawIntBits(want[k]), Float.floatToRawIntBits(got[k]),
                        where + ": " + got[k] + " vs " + want[k]);
            }
        }
    }
}
