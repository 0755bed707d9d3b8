package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LineProducts against one plain chain per line, bit for bit (NaN as NaN), on odd shapes (lines fewer and more than
 * the eight chains and than a vector's width of lines taken together, rows shorter than a vector, rows with elements
 * past the last whole block) with zeros, NaN, infinities and values whose products overflow and underflow; in the
 * kernel suites, so at every vector width.
 */
class LineProductsTest {
    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,1", "7,1,1", "8,3,1", "17,33,1", "9,40,1", "2,7,3", "3,5,17", "1,9,33", "4,0,5",
        "5,64,16", "2,300,1", "16,16,1", "35,47,1", "48,100,1", "8,8,1", "24,9,1"})
    void alongMatchesOneChainPerLine(int outer, int len, int inner) {
        SplittableRandom r = new SplittableRandom(outer * 1000L + len * 10L + inner);
        float[] x = new float[outer * len * inner + 3];
        for (int i = 0; i < x.length; i++) {
            double u = r.nextDouble();
            x[i] = u < 0.02 ? 0f : u < 0.03 ? Float.NaN : u < 0.04 ? Float.NEGATIVE_INFINITY
                    : (float) ((r.nextDouble() * 2 - 1) * Math.exp(r.nextDouble() * 6 - 3));
        }
        float[] want = new float[outer * inner], got = new float[outer * inner + 2];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                float p = 1f;
                for (int i = 0; i < len; i++) {
                    p *= x[3 + (o * len + i) * inner + j];
                }
                want[o * inner + j] = p;
            }
        }
        LineProducts.along(outer, len, inner, x, 3, got, 2);
        for (int k = 0; k < want.length; k++) {
            if (want[k] != want[k]) {
                // NaN either way: which NaN's sign and payload a multiply passes on is the hardware's choice
                assertEquals(true, got[k + 2] != got[k + 2], "NaN at " + k);
                continue;
            }
            assertEquals(Float.floatToRawIntBits(want[k]), Float.floatToRawIntBits(got[k + 2]),
                    "outer=" + outer + " len=" + len + " inner=" + inner + " at " + k + ": " + got[k + 2] + " vs "
                            + want[k]);
        }
    }
}
