package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scalar path's loops for the common ops against {@link ScalarMath#apply}, element by element, bit for bit. */
class ScalarRunsTest {
    /** The values where a selection on bits could part from the float comparison it stands for. */
    private static final float[] EDGES = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0xFFC00000), Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0xFF800001),
        Float.intBitsToFloat(0xFFFFFFFF), Float.intBitsToFloat(0x7FBFFFFF), 3.5e-39f, -3.5e-39f, 0.5f, -2.5f,
    };

    /** The edges in every pairing, then random values, at an offset, with a run length that is no vector multiple. */
    private static float[][] operands(SplittableRandom r, int n) {
        float[] a = KernelAssert.random(r, n, -3f, 3f), b = KernelAssert.random(r, n, -3f, 3f);
        int i = 0;
        for (float x : EDGES) {
            for (float y : EDGES) {
                a[i] = x;
                b[i] = y;
                i++;
            }
        }
        return new float[][] {a, b};
    }

    private static void sameAsReference(String op, float expected, float actual, int i) {
        if (Float.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), op + " at " + i + ": expected NaN, got " + actual);
            return;
        }
        if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual)) {
            fail(op + " at " + i + ": expected " + expected + ", got " + actual);
        }
    }

    @Test
    void binaryLoopsGiveTheReferencesBits() {
        SplittableRandom r = new SplittableRandom(7);
        int n = EDGES.length * EDGES.length + 1_001, off = 3;
        float[][] ab = operands(r, n + off);
        int[] covered = new int[3];
        // a and b contiguous; b one value broadcast; a one value broadcast (each edge value in turn, then random ones)
        int[][] strides = {{1, 1}, {1, 0}, {0, 1}};
        for (int k = 0; k < strides.length; k++) {
            int as = strides[k][0], bs = strides[k][1];
            for (int from = 0; from < 40; from++) {
                // a's edge values change every EDGES.length elements, b's every element; past the edges, random ones
                int edge = EDGES.length * EDGES.length;
                int ao = as == 1 ? off : from < EDGES.length ? from * EDGES.length : edge + from;
                int bo = bs == 1 ? 0 : from < EDGES.length ? from : edge + from;
                for (BinaryOp op : BinaryOp.values()) {
                    float[] out = new float[n + 2 * off];
                    java.util.Arrays.fill(out, 42f);
                    String what = op + " strides " + as + ", " + bs + " from " + from;
                    if (!ScalarRuns.binary(op, n, ab[0], ao, as, ab[1], bo, bs, out, off)) {
                        for (float v : out) {
                            assertEquals(42f, v, what + ": an op without a loop here writes nothing");
                        }
                        continue;
                    }
                    covered[k] += from == 0 ? 1 : 0;
                    for (int i = 0; i < n; i++) {
                        sameAsReference(what, ScalarMath.apply(op, ab[0][ao + i * as], ab[1][bo + i * bs]), out[off + i],
                                i);
                    }
                    assertEquals(42f, out[off - 1], what + ": wrote before the run");
                    assertEquals(42f, out[off + n], what + ": wrote past the run");
                }
                if (as == 1 && bs == 1) {
                    break;
                }
            }
        }
        assertArrayEquals(new int[] {5, 4, 4}, covered, "ops with a loop of their own, by strides");
        float[] out = {42f};
        assertFalse(ScalarRuns.binary(BinaryOp.ADD, 1, ab[0], 0, 0, ab[1], 0, 0, out, 0), "both broadcast: the reference's");
        assertFalse(ScalarRuns.binary(BinaryOp.ADD, 1, ab[0], 0, 2, ab[1], 0, 1, out, 0), "strided: the reference's");
        assertEquals(42f, out[0]);
    }

    @Test
    void unaryLoopsGiveTheReferencesBits() {
        SplittableRandom r = new SplittableRandom(11);
        int n = EDGES.length * EDGES.length + 1_001, off = 5;
        float[] x = operands(r, n + off)[0];
        int covered = 0;
        for (UnaryOp op : UnaryOp.values()) {
            for (float p : new float[] {2.5f, -0f, Float.NaN}) {
                float[] out = new float[n + 2 * off];
                java.util.Arrays.fill(out, 42f);
                if (!ScalarRuns.unary(op, p, n, x, off, out, off)) {
                    for (float v : out) {
                        assertEquals(42f, v, op + ": an op without a loop here writes nothing");
                    }
                    continue;
                }
                covered++;
                for (int i = 0; i < n; i++) {
                    sameAsReference(op + " p=" + p, ScalarMath.apply(op, x[off + i], p, 0f), out[off + i], i);
                }
                assertEquals(42f, out[off - 1], op + ": wrote before the run");
                assertEquals(42f, out[off + n], op + ": wrote past the run");
            }
        }
        assertEquals(3 * 11, covered, "ops with a loop of their own, three scalars each");
    }

    @Test
    void elementwiseRunsContiguousAndStridedGiveTheReferencesBitsOnEitherPath() {
        // On the scalar path Elementwise reaches the loops for contiguous runs only; a strided one takes the reference.
        SplittableRandom r = new SplittableRandom(13);
        int n = 37;
        float[] a = KernelAssert.random(r, 2 * n, -2f, 2f), b = KernelAssert.random(r, 2 * n, -2f, 2f);
        float[] out = new float[n], strided = new float[n];
        Elementwise.binaryRun(BinaryOp.RELU_GRAD, n, a, 0, 1, b, 0, 1, out, 0, 1);
        Elementwise.binaryRun(BinaryOp.RELU_GRAD, n, a, 0, 2, b, 0, 2, strided, 0, 1);
        for (int i = 0; i < n; i++) {
            sameAsReference("relu grad", ScalarMath.apply(BinaryOp.RELU_GRAD, a[i], b[i]), out[i], i);
            sameAsReference("strided relu grad", ScalarMath.apply(BinaryOp.RELU_GRAD, a[2 * i], b[2 * i]),
                    strided[i], i);
        }
        Elementwise.unaryRun(UnaryOp.RELU, 0f, 0f, n, a, 1, 1, out, 0, 1);
        for (int i = 0; i < n; i++) {
            sameAsReference("relu", ScalarMath.apply(UnaryOp.RELU, a[1 + i], 0f, 0f), out[i], i);
        }
    }
}
