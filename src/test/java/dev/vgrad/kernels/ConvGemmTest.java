package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The implicit-GEMM convolution kernels: the gathered product bit for bit against SGEMM's reference on the B it
 * gathers (written out), and the forward, input-gradient and weight-gradient kernels against plain convolution loops
 * summed in double, on odd sizes, strides, padding, dilation and groups, with the same bits on 1 and 3 threads and on
 * the direct and gathered paths (under -Dvgrad.scalar both are the gathered path written out).
 */
class ConvGemmTest {
    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,2", "4,16,8", "5,17,9", "7,33,19", "31,47,29", "64,9,784", "32,784,9", "97,100,257",
            "4,4200,3", "530,20,40", "13,40,600", "2,17,513"})
    void gatheredProductIsTheProductOfTheGatheredMatrix(int m, int n, int k) {
        SplittableRandom r = new SplittableRandom(m * 131L + n * 17L + k);
        for (boolean transB : new boolean[] {false, true}) {
            int ldm = (transB ? k : n) + r.nextInt(3), mapOff = r.nextInt(5), srcOff = r.nextInt(4);
            int rows = transB ? n : k;
            float[] src = KernelAssert.random(r, 50 + r.nextInt(200), -1f, 1f);
            int[] map = new int[mapOff + rows * ldm];
            for (int i = 0; i < map.length; i++) {
                map[i] = r.nextInt(6) == 0 ? -1 : r.nextInt(src.length - srcOff);
            }
            float[] b = new float[k * n];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    int at = map[mapOff + (transB ? j * ldm + p : p * ldm + j)];
                    b[p * n + j] = at < 0 ? 0f : src[srcOff + at];
                }
            }
            int lda = k + r.nextInt(3), ldc = n + r.nextInt(3), aOff = r.nextInt(4), cOff = r.nextInt(4);
            float[] a = KernelAssert.random(r, aOff + lda * m, -1f, 1f);
            float[] c0 = KernelAssert.random(r, cOff + ldc * m + 2, -1f, 1f);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] want = c0.clone(), got = c0.clone();
                ScalarGemm.sgemm(false, false, m, n, k, 1f, a, aOff, lda, b, 0, n, accumulate ? 1f : 0f, want, cOff, ldc);
                ConvGemm.gathered(transB, m, n, k, a, aOff, lda, src, srcOff, map, mapOff, ldm, accumulate, got, cOff, ldc);
                assertArrayEquals(want, got, "m=" + m + " n=" + n + " k=" + k + " transB=" + transB + " accumulate="
                        + accumulate);
            }
        }
    }

    /** batch, channels, h, w, out channels, kh, kw, stride h, stride w, pad h, pad w, dilation h, dilation w, groups */
    @ParameterizedTest
    @CsvSource({"2,3,7,9,5,3,3,1,1,1,1,1,1,1", "3,1,28,28,32,3,3,1,1,1,1,1,1,1", "2,32,14,14,64,3,3,1,1,1,1,1,1,1",
            "2,4,9,8,6,3,2,2,3,1,0,1,2,2", "1,6,11,13,9,5,3,3,2,2,1,2,1,3", "4,5,6,7,3,1,1,1,1,0,0,1,1,1",
            "3,2,5,5,4,5,5,1,1,2,2,1,1,2", "2,8,10,3,8,2,2,2,1,0,1,1,1,8", "1,3,40,3,17,3,1,1,1,1,0,1,1,1",
            "2,5,7,7,13,3,3,1,1,1,1,1,1,1", "1,2,5,37,3,2,3,1,1,3,4,1,2,1", "2,3,9,21,5,3,3,2,1,2,0,2,1,1",
            "1,300,3,3,6,1,1,1,1,0,0,1,1,1", "2,0,5,5,3,3,3,1,1,1,1,1,1,1", "2,3,5,5,0,3,3,1,1,1,1,1,1,1",
            "9,2,3,3,5,3,3,1,1,1,1,1,1,1", "7,4,4,5,6,3,3,1,1,1,1,1,1,2", "5,3,6,6,9,3,3,2,1,1,1,1,1,1"})
    void kernelsMatchPlainConvolutionLoops(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph,
                                           int pw, int dh, int dw, int groups) {
        ConvGeometry geo = new ConvGeometry(c / groups, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
        int oh = geo.outH(), ow = geo.outW(), og = o / groups, cg = c / groups;
        SplittableRandom r = new SplittableRandom(n + c * 7L + h * 31L + o * 101L + groups);
        float[] x = KernelAssert.random(r, n * c * h * w, -1f, 1f);
        float[] wt = KernelAssert.random(r, o * cg * kh * kw, -1f, 1f);
        float[] bias = KernelAssert.random(r, o, -1f, 1f);
        float[] dy = KernelAssert.random(r, n * o * oh * ow, -1f, 1f);
        double[] y = new double[n * o * oh * ow], dx = new double[x.length], dwt = new double[wt.length];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int yi = ((b * o + oc) * oh + i) * ow + j;
                        double sum = bias[oc];
                        for (int ci = 0; ci < cg; ci++) {
                            for (int ki = 0; ki < kh; ki++) {
                                for (int kj = 0; kj < kw; kj++) {
                                    int ih = i * sh - ph + ki * dh, iw = j * sw - pw + kj * dw;
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                        continue;
                                    }
                                    int xi = ((b * c + g * cg + ci) * h + ih) * w + iw;
                                    int wi = ((oc * cg + ci) * kh + ki) * kw + kj;
                                    sum += (double) x[xi] * wt[wi];
                                    dx[xi] += (double) dy[yi] * wt[wi];
                                    dwt[wi] += (double) dy[yi] * x[xi];
                                }
                            }
                        }
                        y[yi] = sum;
                    }
                }
            }
        }
        int before = Parallel.threads();
        try {
            float[][] one = run(geo, n, groups, og, x, wt, bias, dy, 1, true);
            float[][] three = run(geo, n, groups, og, x, wt, bias, dy, 3, true);
            float[][] gathered = run(geo, n, groups, og, x, wt, bias, dy, 1, false);
            String where = "n=" + n + " c=" + c + " " + geo + " groups=" + groups;
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(one[i], three[i], where + ": 1 and 3 threads, output " + i);
                assertArrayEquals(gathered[i], one[i], where + ": gathered and direct paths, output " + i);
            }
            assertNear(y, one[0], cg * kh * kw, where + " forward");
            assertNear(dx, one[1], og * kh * kw, where + " input gradient");
            assertNear(dwt, one[2], n * oh * ow, where + " weight gradient");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "2,3,5", "3,7,13", "4,64,196", "8,32,784"})
    void biasGradientSumsEachChannelOverImagesAndPositions(int n, int channels, int plane) {
        SplittableRandom r = new SplittableRandom(n * 1000L + channels * 10L + plane);
        float[] dy = KernelAssert.random(r, 2 + n * channels * plane, -1f, 1f);
        float[] db = junk(1 + channels + 1);
        ConvGemm.biasGrad(n, channels, plane, dy, 2, db, 1, false);
        assertEquals(42f, db[0]);
        assertEquals(42f, db[channels + 1]);
        // Accumulating adds the same sum to what is there.
        float[] twice = db.clone();
        ConvGemm.biasGrad(n, channels, plane, dy, 2, twice, 1, true);
        for (int o = 0; o < channels; o++) {
            assertEquals(db[1 + o] + db[1 + o], twice[1 + o], "accumulated channel " + o);
        }
        assertEquals(42f, twice[0]);
        assertEquals(42f, twice[channels + 1]);
        for (int o = 0; o < channels; o++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                for (int q = 0; q < plane; q++) {
                    sum += dy[2 + (b * channels + o) * plane + q];
                }
            }
            assertEquals((float) sum, db[1 + o], 1e-6f * n * plane, "channel " + o);
        }
        // Channels split between threads: the same bits on any thread count.
        int before = Parallel.threads();
        try {
            Parallel.setThreads(3);
            float[] threaded = junk(1 + channels + 1);
            ConvGemm.biasGrad(n, channels, plane, dy, 2, threaded, 1, false);
            assertArrayEquals(db, threaded, "3 threads against 1");
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static float[][] run(ConvGeometry geo, int n, int groups, int og, float[] x, float[] wt, float[] bias,
                                 float[] dy, int threads, boolean allowDirect) {
        Parallel.setThreads(threads);
        // Offsets and junk around each output: the kernels must read and write only their own elements.
        float[] y = junk(3 + dy.length + 2), dx = junk(1 + x.length + 2), dwt = junk(2 + wt.length + 2);
        float[] xs = shifted(x, 2), ws = shifted(wt, 1), dys = shifted(dy, 3);
        ConvGemm.forward(geo, n, groups, og, xs, 2, ws, 1, shifted(bias, 1), 1, y, 3, allowDirect);
        ConvGemm.inputGrad(geo, n, groups, og, dys, 3, ws, 1, dx, 1, allowDirect);
        ConvGemm.weightGrad(geo, n, groups, og, xs, 2, dys, 3, dwt, 2, allowDirect, false);
        // Accumulating into a grad that holds values adds the same gradient to them (the chains may be cut
        // differently, so to rounding).
        float[] held = KernelAssert.random(new SplittableRandom(wt.length), dwt.length, -1f, 1f), sum = held.clone();
        held[0] = held[held.length - 1] = sum[0] = sum[sum.length - 1] = 42f;
        ConvGemm.weightGrad(geo, n, groups, og, xs, 2, dys, 3, sum, 2, allowDirect, true);
        for (int i = 2; i < 2 + wt.length; i++) {
            float want = held[i] + dwt[i];
            assertEquals(want, sum[i], 1e-5f * (1 + Math.abs(want)) * (1 + n), "accumulated weight gradient at " + i);
        }
        for (float[] out : new float[][] {y, dx, dwt, sum}) {
            assertEquals(42f, out[0]);
            assertEquals(42f, out[out.length - 1]);
        }
        return new float[][] {
            java.util.Arrays.copyOfRange(y, 3, 3 + dy.length),
            java.util.Arrays.copyOfRange(dx, 1, 1 + x.length),
            java.util.Arrays.copyOfRange(dwt, 2, 2 + wt.length)};
    }

    private static float[] junk(int length) {
        float[] a = new float[length];
        java.util.Arrays.fill(a, 42f);
        return a;
    }

    private static float[] shifted(float[] a, int by) {
        float[] s = new float[a.length + by];
        System.arraycopy(a, 0, s, by, a.length);
        return s;
    }

    /** Within float error of a sum of {@code terms} products of values in [-1, 1]. */
    private static void assertNear(double[] want, float[] got, int terms, String where) {
        double tolerance = 1e-6 * terms + 1e-5;
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= tolerance, where + " at " + i + ": " + want[i] + " vs " + got[i]);
        }
    }
}
