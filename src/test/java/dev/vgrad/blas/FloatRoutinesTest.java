package dev.vgrad.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every float routine of netlib's interface beyond the facade's, vgrad's against netlib's F2jBLAS (the f2j
 * translation of the reference BLAS behind netlib's argument checks), on random problems over every combination
 * of uplo, trans, diag and side, odd sizes, offsets and increments of both signs. (netlib's faster Java build,
 * JavaBLAS.getInstance(), is not the oracle here: its sger, sgbmv and ssymv fail on negative increments.)
 */
class FloatRoutinesTest {
    static final BLAS VGRAD = VgradBLAS.getInstance();
    static final BLAS NETLIB = reference();

    static BLAS reference() {
        try {
            var m = Class.forName("dev.ludovic.netlib.blas.F2jBLAS").getMethod("getInstance");
            m.setAccessible(true);
            return (BLAS) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("netlib's F2jBLAS is not reachable", e);
        }
    }
    final SplittableRandom r = new SplittableRandom(17);
    static final String[] UPLO = {"U", "L"}, TRANS = {"N", "T"}, DIAG = {"N", "U"}, SIDE = {"L", "R"};
    static final int[] INCS = {1, 2, -1, -2};

    float[] rand(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        return a;
    }

    /** A random column-major n x n matrix (ld lda, from offset off) whose diagonal is large: solves stay tame. */
    float[] dominant(int n, int lda, int off, int len) {
        float[] a = rand(Math.max(len, off + lda * n));
        for (int j = 0; j < n; j++) {
            a[off + j + j * lda] += Math.signum(a[off + j + j * lda]) * 4f + 0.5f;
        }
        return a;
    }

    /** Runs op on both implementations over copies of the arrays and compares every array afterwards. */
    void same(String what, float tol, float[][] arrays, Op op) {
        float[][] mine = new float[arrays.length][], theirs = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            mine[i] = arrays[i].clone();
            theirs[i] = arrays[i].clone();
        }
        op.run(NETLIB, theirs);
        op.run(VGRAD, mine);
        for (int i = 0; i < arrays.length; i++) {
            for (int k = 0; k < mine[i].length; k++) {
                assertEquals(theirs[i][k], mine[i][k], tol * (1 + Math.abs(theirs[i][k])), what + " array " + i + " at " + k);
            }
        }
    }

    interface Op {
        void run(BLAS blas, float[][] arrays);
    }

    @Test
    void levelOneExtras() {
        for (int n : new int[] {1, 5, 17, 64}) {
            for (int incx : INCS) {
                for (int incy : INCS) {
                    float[] x = rand(1 + n * Math.abs(incx)), y = rand(2 + n * Math.abs(incy));
                    int nn = n, ix = incx, iy = incy;
                    assertEquals(NETLIB.sdsdot(n, 0.25f, x, 1, incx, y, 2, incy), VGRAD.sdsdot(n, 0.25f, x, 1, incx, y, 2, incy),
                            1e-5f, "sdsdot");
                    same("srot n=" + n, 1e-6f, new float[][] {x, y},
                            (b, a) -> b.srot(nn, a[0], 1, ix, a[1], 2, iy, 0.6f, 0.8f));
                    for (float flag : new float[] {-2f, -1f, 0f, 1f}) {
                        float[] param = {flag, 0.3f, -0.7f, 1.1f, 0.9f};
                        same("srotm flag " + flag, 1e-6f, new float[][] {x, y},
                                (b, a) -> b.srotm(nn, a[0], 1, ix, a[1], 2, iy, param, 0));
                    }
                }
            }
        }
    }

    @Test
    void rotationConstructorsMatchTheReference() {
        for (int trial = 0; trial < 2000; trial++) {
            float a = (float) (r.nextDouble(-4, 4) * Math.pow(10, r.nextInt(-3, 4)));
            float b = trial % 17 == 0 ? 0f : (float) (r.nextDouble(-4, 4) * Math.pow(10, r.nextInt(-3, 4)));
            var ra = new org.netlib.util.floatW(a); var rb = new org.netlib.util.floatW(b);
            var rc = new org.netlib.util.floatW(0); var rs = new org.netlib.util.floatW(0);
            var va = new org.netlib.util.floatW(a); var vb = new org.netlib.util.floatW(b);
            var vc = new org.netlib.util.floatW(0); var vs = new org.netlib.util.floatW(0);
            NETLIB.srotg(ra, rb, rc, rs);
            VGRAD.srotg(va, vb, vc, vs);
            assertEquals(ra.val, va.val, 1e-6f * Math.abs(ra.val), "srotg r for " + a + ", " + b);
            assertEquals(rb.val, vb.val, 1e-6f * Math.abs(rb.val) + 1e-30f, "srotg z");
            assertEquals(rc.val, vc.val, 1e-6f);
            assertEquals(rs.val, vs.val, 1e-6f);

            float d1 = trial % 23 == 0 ? -1f : (float) Math.abs(r.nextDouble(0, 3) * Math.pow(10, r.nextInt(-9, 9)));
            float d2 = (float) (r.nextDouble(-3, 3) * Math.pow(10, r.nextInt(-9, 9)));
            float x1 = (float) r.nextDouble(-5, 5), y1 = trial % 13 == 0 ? 0f : (float) r.nextDouble(-5, 5);
            float[] pr = new float[6], pv = new float[6];
            var rd1 = new org.netlib.util.floatW(d1); var rd2 = new org.netlib.util.floatW(d2);
            var rx1 = new org.netlib.util.floatW(x1);
            var vd1 = new org.netlib.util.floatW(d1); var vd2 = new org.netlib.util.floatW(d2);
            var vx1 = new org.netlib.util.floatW(x1);
            NETLIB.srotmg(rd1, rd2, rx1, y1, pr, 1);
            VGRAD.srotmg(vd1, vd2, vx1, y1, pv, 1);
            String w = "srotmg(" + d1 + ", " + d2 + ", " + x1 + ", " + y1 + ")";
            assertEquals(pr[1], pv[1], 0f, w + " flag");
            for (int k = 2; k < 6; k++) {
                assertEquals(pr[k], pv[k], 1e-5f * Math.abs(pr[k]) + 1e-30f, w + " param " + k);
            }
            assertEquals(rd1.val, vd1.val, 1e-5f * Math.abs(rd1.val) + 1e-30f, w + " d1");
            assertEquals(rd2.val, vd2.val, 1e-5f * Math.abs(rd2.val) + 1e-30f, w + " d2");
            assertEquals(rx1.val, vx1.val, 1e-5f * Math.abs(rx1.val) + 1e-30f, w + " x1");
        }
    }

    @Test
    void bandAndSymmetricMatrixVector() {
        for (int n : new int[] {1, 4, 13}) {
            for (int incx : INCS) {
                for (int incy : INCS) {
                    int nn = n, ix = incx, iy = incy;
                    float[] x = rand(1 + n * Math.abs(incx)), y = rand(1 + n * Math.abs(incy));
                    for (String t : TRANS) {
                        for (int[] klku : new int[][] {{0, 0}, {1, 2}, {3, 1}}) {
                            int m = n + 2, kl = klku[0], ku = klku[1], lda = kl + ku + 1 + 1;
                            float[] a = rand(1 + lda * n);
                            float[] xx = rand(1 + (t.equals("N") ? n : m) * Math.abs(incx));
                            float[] yy = rand(1 + (t.equals("N") ? m : n) * Math.abs(incy));
                            // Against f2j's reference: netlib's Java sgbmv fails on negative increments.
                            float[] want = yy.clone(), got = yy.clone();
                            org.netlib.blas.Sgbmv.sgbmv(t, m, nn, kl, ku, 0.7f, a, 1, lda, xx, 0, ix, -0.4f, want, 0, iy);
                            VGRAD.sgbmv(t, m, nn, kl, ku, 0.7f, a, 1, lda, xx, 0, ix, -0.4f, got, 0, iy);
                            for (int q = 0; q < want.length; q++) {
                                assertEquals(want[q], got[q], 1e-5f * (1 + Math.abs(want[q])), "sgbmv " + t + " n=" + n
                                        + " kl=" + kl + " ku=" + ku + " incx=" + incx + " incy=" + incy + " at " + q);
                            }
                        }
                    }
                    for (String u : UPLO) {
                        float[] full = rand(2 + (n + 1) * n), packed = rand(1 + n * (n + 1) / 2);
                        same("ssymv " + u + " n=" + n, 1e-5f, new float[][] {y},
                                (b, a) -> b.ssymv(u, nn, 0.9f, full, 2, nn + 1, x, 0, ix, 0.3f, a[0], 0, iy));
                        same("sspmv " + u + " n=" + n, 1e-5f, new float[][] {y},
                                (b, a) -> b.sspmv(u, nn, 0.9f, packed, 1, x, 0, ix, 0f, a[0], 0, iy));
                        for (int k : new int[] {0, 1, 3}) {
                            float[] band = rand(1 + (k + 2) * n);
                            same("ssbmv " + u + " k=" + k, 1e-5f, new float[][] {y},
                                    (b, a) -> b.ssbmv(u, nn, k, 1.1f, band, 1, k + 2, x, 0, ix, 1f, a[0], 0, iy));
                        }
                        same("ssyr " + u, 1e-5f, new float[][] {full},
                                (b, a) -> b.ssyr(u, nn, 0.5f, x, 0, ix, a[0], 2, nn + 1));
                        same("ssyr2 " + u, 1e-5f, new float[][] {full},
                                (b, a) -> b.ssyr2(u, nn, 0.5f, x, 0, ix, y, 0, iy, a[0], 2, nn + 1));
                        same("sspr " + u, 1e-5f, new float[][] {packed},
                                (b, a) -> b.sspr(u, nn, -0.5f, x, 0, ix, a[0], 1));
                        same("sspr2 " + u, 1e-5f, new float[][] {packed},
                                (b, a) -> b.sspr2(u, nn, -0.5f, x, 0, ix, y, 0, iy, a[0], 1));
                    }
                }
            }
        }
    }

    @Test
    void triangularMatrixVectorAllStorages() {
        for (int n : new int[] {1, 3, 11}) {
            for (int incx : new int[] {1, -2}) {
                int nn = n, ix = incx;
                float[] x = rand(1 + n * Math.abs(incx));
                for (String u : UPLO) {
                    for (String t : TRANS) {
                        for (String d : DIAG) {
                            String w = u + t + d + " n=" + n + " incx=" + incx;
                            float[] full = dominant(n, n + 1, 1, 0);
                            same("strmv " + w, 1e-5f, new float[][] {x}, (b, a) -> b.strmv(u, t, d, nn, full, 1, nn + 1, a[0], 0, ix));
                            same("strsv " + w, 1e-4f, new float[][] {x}, (b, a) -> b.strsv(u, t, d, nn, full, 1, nn + 1, a[0], 0, ix));
                            float[] packed = rand(n * (n + 1) / 2);
                            for (int j = 0; j < n; j++) {
                                int diag = u.equals("U") ? j * (j + 1) / 2 + j : j * n - j * (j - 1) / 2;
                                packed[diag] += 4f;
                            }
                            same("stpmv " + w, 1e-5f, new float[][] {x}, (b, a) -> b.stpmv(u, t, d, nn, packed, 0, a[0], 0, ix));
                            same("stpsv " + w, 1e-4f, new float[][] {x}, (b, a) -> b.stpsv(u, t, d, nn, packed, 0, a[0], 0, ix));
                            for (int k : new int[] {0, 1, 2}) {
                                int lda = k + 1;
                                float[] band = rand(lda * n);
                                for (int j = 0; j < n; j++) {
                                    band[(u.equals("U") ? k : 0) + j * lda] += 4f;
                                }
                                same("stbmv " + w + " k=" + k, 1e-5f, new float[][] {x},
                                        (b, a) -> b.stbmv(u, t, d, nn, k, band, 0, lda, a[0], 0, ix));
                                same("stbsv " + w + " k=" + k, 1e-4f, new float[][] {x},
                                        (b, a) -> b.stbsv(u, t, d, nn, k, band, 0, lda, a[0], 0, ix));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void levelThreeSymmetricAndTriangular() {
        for (int[] mn : new int[][] {{1, 1}, {4, 7}, {9, 3}, {20, 17}}) {
            int m = mn[0], n = mn[1];
            for (String side : SIDE) {
                for (String u : UPLO) {
                    int na = side.equals("L") ? m : n, lda = na + 1, ldb = m + 2, ldc = m + 1;
                    float[] a = rand(1 + lda * na), b0 = rand(ldb * n), c0 = rand(ldc * n);
                    same("ssymm " + side + u + " " + m + "x" + n, 1e-5f * (na + 1), new float[][] {c0},
                            (b, arr) -> b.ssymm(side, u, m, n, 0.8f, a, 1, lda, b0, 0, ldb, 0.5f, arr[0], 0, ldc));
                    for (String t : TRANS) {
                        for (String d : DIAG) {
                            float[] tri = dominant(na, lda, 1, 0);
                            String w = side + u + t + d + " " + m + "x" + n;
                            same("strmm " + w, 1e-5f * (na + 1), new float[][] {b0},
                                    (b, arr) -> b.strmm(side, u, t, d, m, n, 1.5f, tri, 1, lda, arr[0], 0, ldb));
                            same("strsm " + w, 1e-4f, new float[][] {b0},
                                    (b, arr) -> b.strsm(side, u, t, d, m, n, 1.5f, tri, 1, lda, arr[0], 0, ldb));
                        }
                    }
                }
            }
            for (String u : UPLO) {
                for (String t : TRANS) {
                    int k = m, nn = n, lda = (t.equals("N") ? n : k) + 1, ldc = n + 2;
                    float[] a = rand(lda * (t.equals("N") ? k : n)), b2 = rand(lda * (t.equals("N") ? k : n));
                    float[] c = rand(ldc * n);
                    for (float beta : new float[] {0f, 1f, -0.5f}) {
                        same("ssyrk " + u + t + " beta " + beta, 1e-5f * (k + 1), new float[][] {c},
                                (b, arr) -> b.ssyrk(u, t, nn, k, 0.7f, a, 0, lda, beta, arr[0], 0, ldc));
                        same("ssyr2k " + u + t + " beta " + beta, 1e-5f * (k + 1), new float[][] {c},
                                (b, arr) -> b.ssyr2k(u, t, nn, k, 0.7f, a, 0, lda, b2, 0, lda, beta, arr[0], 0, ldc));
                    }
                }
            }
        }
    }
}
