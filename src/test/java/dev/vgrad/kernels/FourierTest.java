package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DFT kernel against its definition (the plain double sum, each twiddle from its own angle) on every length from
 * 1 to 130 and on longer powers of two and primes: the radix-2, direct and Bluestein paths, forward and inverse,
 * several lines at once.
 */
class FourierTest {
    private static void reference(double[] re, double[] im, int at, int n, boolean inverse, double[] outRe,
                                  double[] outIm) {
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double angle = sign * 2 * Math.PI * ((long) j * k % n) / n;
                double c = Math.cos(angle), s = Math.sin(angle);
                sr += re[at + j] * c - im[at + j] * s;
                si += re[at + j] * s + im[at + j] * c;
            }
            outRe[at + k] = sr;
            outIm[at + k] = si;
        }
    }

    private static void check(int n, int lines, boolean inverse, Random r) {
        double[] re = new double[lines * n], im = new double[lines * n];
        for (int i = 0; i < re.length; i++) {
            re[i] = r.nextGaussian();
            im[i] = r.nextGaussian();
        }
        double[] wantRe = new double[re.length], wantIm = new double[re.length];
        for (int line = 0; line < lines; line++) {
            reference(re, im, line * n, n, inverse, wantRe, wantIm);
        }
        Fourier.transform(re, im, lines, n, inverse);
        double tolerance = 1e-12 * n * Math.max(1, Math.log(n));
        for (int i = 0; i < re.length; i++) {
            assertEquals(wantRe[i], re[i], tolerance, "n " + n + " re at " + i);
            assertEquals(wantIm[i], im[i], tolerance, "n " + n + " im at " + i);
        }
    }

    @Test
    void everyLengthMatchesTheDefinition() {
        Random r = new Random(5);
        for (int n = 1; n <= 130; n++) {
            check(n, 3, false, r);
            check(n, 2, true, r);
        }
        for (int n : new int[] {256, 1024, 257, 641, 1000}) {
            check(n, 2, false, r);
            check(n, 1, true, r);
        }
    }
}
