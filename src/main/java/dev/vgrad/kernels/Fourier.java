package dev.vgrad.kernels;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The discrete Fourier transform of complex sequences of any length, in double: {@code X_k = sum_j x_j
 * exp(-+2 pi i jk / n)} (minus for the forward transform, plus for the inverse; unscaled). Lengths that are powers
 * of two go through an iterative radix-2 Cooley-Tukey transform; short other lengths through the definition with
 * exact twiddles (jk taken mod n); longer ones through Bluestein's chirp-z convolution on a power of two. Twiddle
 * factors are computed each from its own angle, not by recurrence, so rounding does not grow along the sequence
 * (PyTorch's pocketfft does likewise); every intermediate is a double, and results match float pocketfft within its
 * own float rounding.
 */
public final class Fourier {
    /** Up to this length a length that is not a power of two takes the definition (n^2 work) rather than Bluestein. */
    private static final int DIRECT_UP_TO = 64;
    private static final Map<Integer, Plan> PLANS = new ConcurrentHashMap<>();

    private Fourier() {}

    /**
     * Transforms {@code lines} sequences of {@code n} complex values in place, line after line in {@code re} and
     * {@code im} (line i at i * n), forward or inverse, unscaled.
     */
    public static void transform(double[] re, double[] im, int lines, int n, boolean inverse) {
        if (n <= 1) {
            return;
        }
        Plan plan = PLANS.computeIfAbsent(n, Plan::new);
        double[] scratchRe = new double[plan.scratch], scratchIm = new double[plan.scratch];
        for (int line = 0; line < lines; line++) {
            plan.run(re, im, line * n, inverse, scratchRe, scratchIm);
        }
    }

    /** cos and sin of 2 pi k / n, for k in [0, n). */
    private static double[][] twiddles(int n) {
        double[] c = new double[n], s = new double[n];
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            c[k] = Math.cos(angle);
            s[k] = Math.sin(angle);
        }
        return new double[][] {c, s};
    }

    /** What a length needs, made once: twiddles, and for Bluestein the chirp and its transformed filter. */
    private static final class Plan {
        final int n;
        final boolean powerOfTwo, direct;
        final double[] cos, sin;
        /** Bluestein: the padded length, the chirp exp(-i pi k^2 / n), and the transform of its conjugate. */
        final int m;
        final double[] chirpRe, chirpIm, filterRe, filterIm;
        final Plan inner;
        final int scratch;

        Plan(int n) {
            this.n = n;
            this.powerOfTwo = Integer.bitCount(n) == 1;
            this.direct = !powerOfTwo && n <= DIRECT_UP_TO;
            if (powerOfTwo || direct) {
                double[][] t = twiddles(n);
                cos = t[0];
                sin = t[1];
                m = 0;
                chirpRe = chirpIm = filterRe = filterIm = null;
                inner = null;
                scratch = direct ? 2 * n : 0;
                return;
            }
            cos = sin = null;
            m = Integer.highestOneBit(2 * n - 1) << 1;
            inner = new Plan(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                long k2 = (long) k * k % (2L * n);   // exp(-i pi k^2 / n) has period 2n in k^2
                double angle = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(angle);
                chirpIm[k] = -Math.sin(angle);
            }
            filterRe = new double[m];
            filterIm = new double[m];
            for (int k = 0; k < n; k++) {
                filterRe[k] = chirpRe[k];
                filterIm[k] = -chirpIm[k];
                if (k > 0) {
                    filterRe[m - k] = chirpRe[k];
                    filterIm[m - k] = -chirpIm[k];
                }
            }
            inner.radix2(filterRe, filterIm, 0, false);
            scratch = 2 * m;
        }

        void run(double[] re, double[] im, int at, boolean inverse, double[] sRe, double[] sIm) {
            if (powerOfTwo) {
                radix2(re, im, at, inverse);
            } else if (direct) {
                definition(re, im, at, inverse, sRe, sIm);
            } else {
                bluestein(re, im, at, inverse, sRe, sIm);
            }
        }

        /** In place: bit-reversal permutation, then log2(n) butterfly stages. */
        void radix2(double[] re, double[] im, int at, boolean inverse) {
            for (int i = 1, j = 0; i < n; i++) {
                int bit = n >> 1;
                for (; (j & bit) != 0; bit >>= 1) {
                    j ^= bit;
                }
                j ^= bit;
                if (i < j) {
                    double t = re[at + i];
                    re[at + i] = re[at + j];
                    re[at + j] = t;
                    t = im[at + i];
                    im[at + i] = im[at + j];
                    im[at + j] = t;
                }
            }
            double sign = inverse ? 1 : -1;
            for (int len = 2; len <= n; len <<= 1) {
                int half = len >> 1, step = n / len;
                for (int start = 0; start < n; start += len) {
                    for (int k = 0; k < half; k++) {
                        double wr = cos[k * step], wi = sign * sin[k * step];
                        int a = at + start + k, b = a + half;
                        double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
                    }
                }
            }
        }

        /** The sum itself, the twiddle of jk taken at jk mod n. */
        private void definition(double[] re, double[] im, int at, boolean inverse, double[] sRe, double[] sIm) {
            double sign = inverse ? 1 : -1;
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int j = 0, jk = 0; j < n; j++, jk = (jk + k) % n) {
                    double wr = cos[jk], wi = sign * sin[jk];
                    sr += re[at + j] * wr - im[at + j] * wi;
                    si += re[at + j] * wi + im[at + j] * wr;
                }
                sRe[k] = sr;
                sIm[k] = si;
            }
            System.arraycopy(sRe, 0, re, at, n);
            System.arraycopy(sIm, 0, im, at, n);
        }

        /**
         * X_k = c_k sum_j (x_j c_j) conj(c_{k-j}) with c_k = exp(-i pi k^2 / n): a circular convolution of length m,
         * through m-point transforms. The inverse transform is the forward one of the conjugate, conjugated.
         */
        private void bluestein(double[] re, double[] im, int at, boolean inverse, double[] sRe, double[] sIm) {
            double conj = inverse ? -1 : 1;
            java.util.Arrays.fill(sRe, 0, m, 0);
            java.util.Arrays.fill(sIm, 0, m, 0);
            for (int k = 0; k < n; k++) {
                double xr = re[at + k], xi = conj * im[at + k];
                sRe[k] = xr * chirpRe[k] - xi * chirpIm[k];
                sIm[k] = xr * chirpIm[k] + xi * chirpRe[k];
            }
            inner.radix2(sRe, sIm, 0, false);
            for (int k = 0; k < m; k++) {
                double ar = sRe[k], ai = sIm[k];
                sRe[k] = ar * filterRe[k] - ai * filterIm[k];
                sIm[k] = ar * filterIm[k] + ai * filterRe[k];
            }
            inner.radix2(sRe, sIm, 0, true);
            for (int k = 0; k < n; k++) {
                double yr = sRe[k] / m, yi = sIm[k] / m;
                re[at + k] = yr * chirpRe[k] - yi * chirpIm[k];
                im[at + k] = conj * (yr * chirpIm[k] + yi * chirpRe[k]);
            }
        }
    }
}
