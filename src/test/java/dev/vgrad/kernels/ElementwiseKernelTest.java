package dev.vgrad.kernels;

import static dev.vgrad.kernels.KernelAssert.LENGTHS;
import static dev.vgrad.kernels.KernelAssert.assertClose;
import static dev.vgrad.kernels.KernelAssert.random;
import static dev.vgrad.kernels.KernelAssert.withSpecials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vector elementwise loops against the scalar reference, element for element, on every length around
 * the vector width, with the second operand unit-stride, broadcast from the left or the right, and strided,
 * and with NaN, infinities and signed zeros in the data.
 */
class ElementwiseKernelTest {
    /**
     * Both paths compute every op from the same exactly rounded steps (transcendentals included, see
     * Transcendental), so they must agree bit for bit.
     */
    private static final int ULPS = 0;

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryVectorLoopsMatchReference(BinaryOp op) {
        SplittableRandom r = new SplittableRandom(op.ordinal());
        for (int n : LENGTHS) {
            float[] a = withSpecials(r, random(r, n + 5, -3f, 3f));
            float[] b = withSpecials(r, random(r, n + 5, 0.1f, 3f));
            int ao = r.nextInt(5), bo = r.nextInt(5);
            // Contiguous
            float[] want = new float[n], got = new float[n + 3];
            ScalarElementwise.binary(op, n, a, ao, 1, b, bo, 1, want, 0, 1);
            Elementwise.binary(op, n, a, ao, 1, b, bo, 1, got, 3, 1);
            assertClose(op + " vv n=" + n, want, java.util.Arrays.copyOfRange(got, 3, n + 3), ULPS, 0f);
            // Scalar broadcast on either side
            ScalarElementwise.binary(op, n, a, ao, 1, b, bo, 0, want, 0, 1);
            Elementwise.binary(op, n, a, ao, 1, b, bo, 0, got, 0, 1);
            assertClose(op + " vs n=" + n, want, got, ULPS, 0f);
            ScalarElementwise.binary(op, n, a, ao, 0, b, bo, 1, want, 0, 1);
            Elementwise.binary(op, n, a, ao, 0, b, bo, 1, got, 0, 1);
            assertClose(op + " sv n=" + n, want, got, ULPS, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryVectorLoopsMatchReference(UnaryOp op) {
        SplittableRandom r = new SplittableRandom(100 + op.ordinal());
        float[][] params = {{2f, 0f}, {0.5f, 0f}, {-1.5f, 1.25f}, {3f, -2f}, {0f, 1f}, {1f, 2f}};
        for (int n : LENGTHS) {
            float[] x = withSpecials(r, random(r, n + 4, -4f, 4f));
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
                x = withSpecials(r, random(r, n + 4, 0f, 9f));
            }
            for (float[] pq : params) {
                float[] want = new float[n], got = new float[n];
                ScalarElementwise.unary(op, pq[0], pq[1], n, x, 4, 1, want, 0, 1);
                Elementwise.unary(op, pq[0], pq[1], n, x, 4, 1, got, 0, 1);
                assertClose(op + "(" + pq[0] + "," + pq[1] + ") n=" + n, want, got, ULPS, 1e-37f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "MUL", "DIV", "MAX", "RELU_GRAD", "POW"})
    void broadcastingNdMatchesIndexByIndexReference(BinaryOp op) {
        SplittableRandom r = new SplittableRandom(7 + op.ordinal());
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + r.nextInt(4);
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = 1 + r.nextInt(r.nextBoolean() ? 3 : 19);
            }
            Operand a = Operand.random(r, shape), b = Operand.random(r, shape);
            int n = KernelAssert.numel(shape);
            float[] want = new float[n];
            int[] idx = new int[rank];
            int k = 0;
            do {
                want[k++] = ScalarMath.apply(op, a.at(idx), b.at(idx));
            } while (KernelAssert.next(idx, shape));
            float[] got = new float[n];
            Elementwise.binary(op, shape, a.data, a.offset, a.strides, b.data, b.offset, b.strides, got, 0,
                    contiguous(shape));
            assertClose(op + " shape " + java.util.Arrays.toString(shape), want, got, ULPS, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryOfOneBroadcastValueIsTheOpOfThatValueEverywhere(UnaryOp op) {
        // A stride-0 input runs the op once and fills: each element must be what the op gives that value alone.
        float[] values = {-2.5f, -0f, 0f, 0.75f, 3f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float v : values) {
            for (int n : LENGTHS) {
                float[] x = {9f, v, 9f};
                float[] got = new float[n + 2];
                Elementwise.unary(op, 1.5f, -0.5f, n, x, 1, 0, got, 1, 1);
                float want = ScalarMath.apply(op, v, 1.5f, -0.5f);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[1 + i]),
                            op + "(" + v + ") at " + i + " of " + n);
                }
                assertEquals(0f, got[0], "nothing written before the output");
                assertEquals(0f, got[n + 1], "nothing written past the output");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"COPY", "EXP", "RELU", "MUL_SCALAR"})
    void unaryNdOnStridedViewsMatchesReference(UnaryOp op) {
        SplittableRandom r = new SplittableRandom(77 + op.ordinal());
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + r.nextInt(4);
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = 1 + r.nextInt(13);
            }
            Operand x = Operand.random(r, shape);
            int n = KernelAssert.numel(shape);
            float[] want = new float[n];
            int[] idx = new int[rank];
            int k = 0;
            do {
                want[k++] = ScalarMath.apply(op, x.at(idx), 1.5f, 0f);
            } while (KernelAssert.next(idx, shape));
            // Write through a transposed output too: out strides reversed.
            int[] outStrides = contiguous(shape);
            float[] got = new float[n];
            Elementwise.unary(op, 1.5f, 0f, shape, x.data, x.offset, x.strides, got, 0, outStrides);
            assertClose(op + " shape " + java.util.Arrays.toString(shape), want, got, ULPS, 0f);
        }
    }

    /**
     * Inputs transposed against the output (unit-stride along the output's rows' dimension, far-strided along the rows:
     * the tiled path), on sizes around a tile's 16 rows and 64 columns, batched, and with a padded output: each element
     * is the op of the element at its index.
     */
    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"COPY", "EXP", "NEG", "LGAMMA", "POW_SCALAR"})
    void transposedInputsMatchTheirIndexByIndexReference(UnaryOp op) {
        SplittableRandom r = new SplittableRandom(700 + op.ordinal());
        for (int batch : new int[] {1, 3}) {
            for (int m : new int[] {2, 15, 16, 17, 40}) {
                for (int n : new int[] {2, 63, 64, 65, 130}) {
                    int ld = Math.max(m, 16) + r.nextInt(3), xOff = r.nextInt(4), batchStride = ld * n + r.nextInt(5);
                    int[] shape = {batch, m, n}, xStrides = {batchStride, 1, ld};
                    float[] x = withSpecials(r, random(r, xOff + batch * batchStride + 1, -3f, 3f));
                    int outLd = n + r.nextInt(3), outOff = r.nextInt(4);
                    int[] outStrides = {m * outLd, outLd, 1};
                    float[] got = new float[outOff + batch * m * outLd];
                    float[] want = got.clone();
                    java.util.Arrays.fill(got, 7f);
                    java.util.Arrays.fill(want, 7f);
                    for (int b = 0; b < batch; b++) {
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                float v = x[xOff + b * batchStride + i + j * ld];
                                want[outOff + b * m * outLd + i * outLd + j] = ScalarMath.apply(op, v, 2.5f, 0f);
                            }
                        }
                    }
                    Elementwise.unary(op, 2.5f, 0f, shape, x, xOff, xStrides, got, outOff, outStrides);
                    assertClose(op + " " + batch + " x " + m + " x " + n, want, got, ULPS, 0f);
                }
            }
        }
    }

    /** The tiled path split over 1 to 4 threads (rows of tiles per part) gives the one-thread bits on every split. */
    @org.junit.jupiter.api.Test
    void transposedTilesSplitOverThreadsGiveTheSameBits() throws Exception {
        SplittableRandom r = new SplittableRandom(710);
        int[] shape = {3, 101, 333}, xStrides = {101 * 340, 1, 101}, outStrides = {101 * 333, 333, 1};
        float[] x = withSpecials(r, random(r, 3 * 101 * 340, -3f, 3f));
        float[][] got = new float[4][];
        for (int t = 1; t <= 4; t++) {
            float[] out = new float[3 * 101 * 333];
            KernelAssert.onThreads(t, () -> Elementwise.unary(UnaryOp.EXP, 0f, 0f, shape, x, 0, xStrides, out, 0,
                    outStrides));
            got[t - 1] = out;
        }
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < 101; i++) {
                for (int j = 0; j < 333; j++) {
                    float want = ScalarMath.apply(UnaryOp.EXP, x[b * 101 * 340 + i + j * 101], 0f, 0f);
                    int at = b * 101 * 333 + i * 333 + j;
                    for (int t = 0; t < 4; t++) {
                        assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(got[t][at]),
                                (t + 1) + " threads at " + b + ", " + i + ", " + j);
                    }
                }
            }
        }
    }

    /** select against the element-by-element choice, for every stride of x and y it vectorizes and a strided one. */
    @org.junit.jupiter.api.Test
    void selectMatchesReference() {
        SplittableRandom r = new SplittableRandom(600);
        int[][] strideSets = {{1, 1, 1}, {1, 0, 1}, {1, 1, 0}, {1, 0, 0}, {2, 1, 1}, {1, 3, 1}};
        for (int n : LENGTHS) {
            for (int[] st : strideSets) {
                float[] c = withSpecials(r, random(r, 2 + n * st[0], -1f, 1f));
                for (int i = 0; i < c.length; i++) {
                    c[i] = r.nextInt(3) == 0 ? 0f : r.nextInt(5) == 0 ? -0f : c[i];
                }
                float[] x = withSpecials(r, random(r, 3 + n * st[1], -3f, 3f));
                float[] y = withSpecials(r, random(r, 4 + n * st[2], -3f, 3f));
                float[] want = new float[n + 1], got = new float[n + 1];
                for (int i = 0; i < n; i++) {
                    want[1 + i] = c[1 + i * st[0]] != 0f ? x[2 + i * st[1]] : y[3 + i * st[2]];
                }
                Elementwise.select(n, c, 1, st[0], x, 2, st[1], y, 3, st[2], got, 1);
                for (int i = 0; i <= n; i++) {
                    assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]),
                            "n=" + n + " strides " + java.util.Arrays.toString(st) + " at " + i);
                }
            }
        }
    }

    /** Rounding around every case its vector loop treats apart: ties, signed zeros, 2^23 and past it, infinities. */
    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"FLOOR", "CEIL", "ROUND", "TRUNC", "SIGN"})
    void roundingMatchesReferenceAcrossMagnitudes(UnaryOp op) {
        SplittableRandom r = new SplittableRandom(500 + op.ordinal());
        float[] x = new float[4096];
        for (int i = 0; i < x.length; i++) {
            float m = switch (i % 6) {
                case 0 -> (float) r.nextInt(-50, 50) + 0.5f;
                case 1 -> (float) r.nextDouble(-3, 3);
                case 2 -> 8388608f + (float) r.nextInt(-40, 40) * 0.25f;
                case 3 -> (float) r.nextDouble(-1e30, 1e30);
                case 4 -> Math.nextUp((float) r.nextInt(-5, 5));
                default -> Math.nextDown((float) r.nextInt(-5, 5));
            };
            x[i] = r.nextBoolean() ? m : -m;
        }
        withSpecials(r, x);
        float[] want = new float[x.length], got = new float[x.length];
        ScalarElementwise.unary(op, 0f, 0f, x.length, x, 0, 1, want, 0, 1);
        Elementwise.unary(op, 0f, 0f, x.length, x, 0, 1, got, 0, 1);
        for (int i = 0; i < x.length; i++) {
            // bits, so that a zero of the wrong sign fails too
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), op + "(" + x[i] + ")");
        }
    }

    /**
     * Runs with a strided or broadcast operand or a strided output (taken through contiguous chunks where the op has
     * a vector loop) against the scalar loop on the same strides, across the chunk's length and its tails; elements of
     * a strided output between its positions stay untouched.
     */
    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void stridedBinaryRunsMatchReference(BinaryOp op) {
        SplittableRandom r = new SplittableRandom(300 + op.ordinal());
        int[][] strideSets = {{3, 1, 1}, {1, 2, 1}, {0, 3, 1}, {2, 0, 1}, {1, 1, 2}, {0, 1, 3}, {4, 5, 2}, {1, 0, 2}};
        for (int n : new int[] {7, 16, 17, 100, 1023, 1024, 1025, 2500}) {
            for (int[] st : strideSets) {
                float[] a = withSpecials(r, random(r, 2 + n * Math.max(st[0], 1), -3f, 3f));
                float[] b = withSpecials(r, random(r, 1 + n * Math.max(st[1], 1), 0.1f, 3f));
                int size = 1 + n * st[2];
                float[] want = random(r, size, -1f, 1f), got = want.clone();
                ScalarElementwise.binary(op, n, a, 2, st[0], b, 1, st[1], want, 1, st[2]);
                Elementwise.binary(op, n, a, 2, st[0], b, 1, st[1], got, 1, st[2]);
                assertClose(op + " n=" + n + " strides " + java.util.Arrays.toString(st), want, got, ULPS, 0f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void stridedUnaryRunsMatchReference(UnaryOp op) {
        SplittableRandom r = new SplittableRandom(400 + op.ordinal());
        int[][] strideSets = {{3, 1}, {1, 2}, {5, 3}};
        float lo = op == UnaryOp.LOG || op == UnaryOp.SQRT ? 0f : -4f;
        for (int n : new int[] {7, 16, 17, 100, 1023, 1024, 1025, 2500}) {
            for (int[] st : strideSets) {
                float[] x = withSpecials(r, random(r, 2 + n * st[0], lo, 4f));
                int size = 1 + n * st[1];
                float[] want = random(r, size, -1f, 1f), got = want.clone();
                ScalarElementwise.unary(op, 2f, 0.5f, n, x, 2, st[0], want, 1, st[1]);
                Elementwise.unary(op, 2f, 0.5f, n, x, 2, st[0], got, 1, st[1]);
                assertClose(op + " n=" + n + " strides " + java.util.Arrays.toString(st), want, got, ULPS, 1e-37f);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void runsReadBackwardsMatchReference(UnaryOp op) {
        // a flipped view's stride of -1: COPY reverses vectors in place of the chunked gather the others take
        SplittableRandom r = new SplittableRandom(500 + op.ordinal());
        float lo = op == UnaryOp.LOG || op == UnaryOp.SQRT ? 0f : -4f;
        for (int n : new int[] {1, 7, 15, 16, 17, 31, 33, 100, 1023, 1024, 1025, 2500}) {
            float[] x = withSpecials(r, random(r, n + 3, lo, 4f));
            float[] want = new float[n + 2], got = new float[n + 2];
            ScalarElementwise.unary(op, 2f, 0.5f, n, x, n + 1, -1, want, 1, 1);
            Elementwise.unary(op, 2f, 0.5f, n, x, n + 1, -1, got, 1, 1);
            assertClose(op + " backwards n=" + n, want, got, ULPS, 1e-37f);
            assertEquals(0f, got[0], "nothing written before the output");
            assertEquals(0f, got[n + 1], "nothing written past the output");
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"ADD", "MUL", "MAX"})
    void binaryRunsWithAnOperandReadBackwardsMatchReference(BinaryOp op) {
        SplittableRandom r = new SplittableRandom(600 + op.ordinal());
        for (int n : new int[] {7, 16, 17, 33, 1023, 1025, 2500}) {
            float[] a = withSpecials(r, random(r, n + 3, -4f, 4f)), b = random(r, n + 3, -4f, 4f);
            float[] want = new float[n], got = new float[n];
            ScalarElementwise.binary(op, n, a, n + 1, -1, b, 2, 1, want, 0, 1);
            Elementwise.binary(op, n, a, n + 1, -1, b, 2, 1, got, 0, 1);
            assertClose(op + " a backwards n=" + n, want, got, ULPS, 0f);
            ScalarElementwise.binary(op, n, b, 1, 1, a, n + 2, -1, want, 0, 1);
            Elementwise.binary(op, n, b, 1, 1, a, n + 2, -1, got, 0, 1);
            assertClose(op + " b backwards n=" + n, want, got, ULPS, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"MAX", "MIN", "ADD"})
    void nanPropagatesThroughVectorMaxAndMin(BinaryOp op) {
        float[] a = new float[37], b = new float[37], out = new float[37];
        a[5] = Float.NaN;
        b[20] = Float.NaN;
        Elementwise.binary(op, 37, a, 0, 1, b, 0, 1, out, 0, 1);
        assertTrue(Float.isNaN(out[5]) && Float.isNaN(out[20]), op + " dropped a NaN");
    }

    static int[] contiguous(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    /** An operand over a shape: broadcast (stride 0) along some dims, permuted or padded strides along others. */
    record Operand(float[] data, int offset, int[] strides) {
        static Operand random(SplittableRandom r, int[] shape) {
            int rank = shape.length;
            int[] own = shape.clone();
            for (int d = 0; d < rank; d++) {
                if (r.nextInt(4) == 0) {
                    own[d] = 1; // broadcast along d
                }
            }
            // Strides of a random dimension order, with padding to make the layout non-contiguous.
            int[] order = new int[rank];
            for (int d = 0; d < rank; d++) {
                order[d] = d;
            }
            for (int d = rank - 1; d > 0; d--) {
                int j = r.nextInt(d + 1), t = order[d];
                order[d] = order[j];
                order[j] = t;
            }
            int[] strides = new int[rank];
            int s = 1 + r.nextInt(2);
            for (int k = rank - 1; k >= 0; k--) {
                int d = order[k];
                strides[d] = own[d] == 1 ? 0 : s;
                s *= own[d] + r.nextInt(2);
            }
            int offset = r.nextInt(3);
            float[] data = withSpecials(r, KernelAssert.random(r, offset + s + 1, -2f, 2f));
            return new Operand(data, offset, strides);
        }

        float at(int[] idx) {
            return data[KernelAssert.offset(offset, idx, strides)];
        }
    }
}
