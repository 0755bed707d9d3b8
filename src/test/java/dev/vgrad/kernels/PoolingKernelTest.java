package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 2x2 max pooling kernels bit for bit against the scalar reference: maxima and positions, and the input gradient,
 * on odd and even sides from 2 (rows shorter than a vector and tails of every size), sub-ranges of planes, offsets,
 * ties and NaNs, with arrays sized exactly so that no vector may read or write past them, and nothing outside the
 * range written.
 */
class PoolingKernelTest {
    private static final int[] SIDES = {2, 3, 4, 5, 6, 7, 9, 13, 14, 15, 16, 17, 28, 29, 31, 33, 34, 65};
    private static final float UNTOUCHED = 777f;

    /** One shape and range: planes [from, to) of {@code planes} planes of h x w, and the random source for data. */
    private interface Case {
        void check(SplittableRandom r, int h, int w, int planes, int from, int to);
    }

    /** Every pair of sides, each with a random plane count and sub-range. */
    private static void forEachCase(long seed, Case c) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int h : SIDES) {
            for (int w : SIDES) {
                int planes = 1 + r.nextInt(5), from = r.nextInt(planes), to = from + 1 + r.nextInt(planes - from);
                c.check(r, h, w, planes, from, to);
            }
        }
    }

    @Test
    void forwardMatchesTheScalarReference() {
        forEachCase(11, (r, h, w, planes, from, to) -> {
            int offset = r.nextInt(4), cells = (h / 2) * (w / 2);
            float[] src = values(r, offset + planes * h * w);
            for (boolean positions : new boolean[] {true, false}) {
                float[] want = filled(planes * cells), got = filled(planes * cells);
                float[] wantAt = positions ? filled(planes * cells) : null;
                float[] gotAt = positions ? filled(planes * cells) : null;
                ScalarPooling.maxPool2x2(src, offset, h, w, from, to, want, wantAt);
                Pooling.maxPool2x2(src, offset, h, w, from, to, got, gotAt);
                String where = h + "x" + w + " planes [" + from + ", " + to + ") of " + planes;
                assertArrayEquals(want, got, where + ": maxima");
                if (positions) {
                    assertArrayEquals(wantAt, gotAt, where + ": positions");
                }
            }
        });
    }

    @Test
    void backwardMatchesTheScalarReference() {
        forEachCase(12, (r, h, w, planes, from, to) -> {
            int cells = (h / 2) * (w / 2), go = r.nextInt(3), po = r.nextInt(3);
            float[] src = values(r, planes * h * w), at = new float[po + planes * cells];
            ScalarPooling.maxPool2x2(src, 0, h, w, 0, planes, new float[planes * cells], at);
            System.arraycopy(at, 0, at, po, planes * cells);
            float[] g = values(r, go + planes * cells);
            float[] want = filled(planes * h * w), got = filled(planes * h * w);
            ScalarPooling.maxPool2x2Backward(g, go, at, po, h, w, from, to, want);
            Pooling.maxPool2x2Backward(g, go, at, po, h, w, from, to, got);
            assertArrayEquals(want, got, h + "x" + w + " planes [" + from + ", " + to + ") of " + planes);
        });
    }

    /** Small integers (many ties), with NaN, infinities and signed zeros sprinkled in. */
    private static float[] values(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(5) - 2;
        }
        return KernelAssert.withSpecials(r, a);
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, UNTOUCHED);
        return a;
    }
}
