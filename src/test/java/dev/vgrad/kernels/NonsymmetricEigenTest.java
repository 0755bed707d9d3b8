package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The general eigendecomposition against its definition, A v = lambda v, on random matrices of every size 1-24 and on
 * the shapes that test a QR iteration: rotations (purely imaginary pairs), companion matrices (far-apart roots),
 * repeated and defective eigenvalues, triangular, zero, and badly scaled ones; and the normalization LAPACK gives.
 */
class NonsymmetricEigenTest {
    /** max over k of |A v_k - lambda_k v_k| / (|A| + 1), with the normalization checked on the way. */
    private static double residual(double[] a, int n) {
        double[] wr = new double[n], wi = new double[n], vre = new double[n * n], vim = new double[n * n];
        assertTrue(Factorizations.eig(a.clone(), n, wr, wi, vre, vim), "converged for n = " + n);
        double scale = 1;
        for (double x : a) {
            scale = Math.max(scale, Math.abs(x));
        }
        double worst = 0;
        for (int k = 0; k < n; k++) {
            if (wi[k] != 0) {
                int first = wi[k] > 0 ? k : k - 1;
                assertEquals(wr[first], wr[first + 1], 0, "a pair's real parts are equal");
                assertEquals(wi[first], -wi[first + 1], 0, "a pair's imaginary parts are opposite");
                assertTrue(wi[first] > 0, "the positive imaginary part comes first");
            }
            double norm = 0, largest = 0;
            int at = 0;
            for (int r = 0; r < n; r++) {
                double m = Math.hypot(vre[r * n + k], vim[r * n + k]);
                norm += m * m;
                if (m > largest) {
                    largest = m;
                    at = r;
                }
            }
            assertEquals(1, norm, 1e-12, "unit norm");
            assertEquals(0, vim[at * n + k], 0, "the largest component is real");
            assertTrue(vre[at * n + k] > 0, "and positive");
            for (int r = 0; r < n; r++) {
                double sr = 0, si = 0;
                for (int j = 0; j < n; j++) {
                    sr += a[r * n + j] * vre[j * n + k];
                    si += a[r * n + j] * vim[j * n + k];
                }
                sr -= wr[k] * vre[r * n + k] - wi[k] * vim[r * n + k];
                si -= wr[k] * vim[r * n + k] + wi[k] * vre[r * n + k];
                worst = Math.max(worst, Math.hypot(sr, si) / scale);
            }
        }
        return worst;
    }

    @Test
    void randomMatricesOfEverySize() {
        Random rnd = new Random(7);
        for (int n = 1; n <= 24; n++) {
            for (int rep = 0; rep < 5; rep++) {
                double[] a = new double[n * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rnd.nextGaussian();
                }
                double r = residual(a, n);
                assertTrue(r < 1e-12, "n = " + n + ": residual " + r);
            }
        }
    }

    @Test
    void rotationsHavePurelyImaginaryPairs() {
        double t = 0.7;
        double[] a = {Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)};
        double[] wr = new double[2], wi = new double[2];
        Factorizations.eig(a.clone(), 2, wr, wi, null, null);
        assertEquals(Math.cos(t), wr[0], 1e-15);
        assertEquals(Math.sin(t), wi[0], 1e-15);
        assertTrue(residual(new double[] {0, -1, 1, 0}, 2) < 1e-15);
        // A cyclic shift: the n-th roots of unity.
        int n = 7;
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            p[i * n + (i + 1) % n] = 1;
        }
        assertTrue(residual(p, n) < 1e-13);
    }

    @Test
    void harderShapes() {
        // Companion matrix of (x - 1)(x - 10)(x - 100)(x - 1000): roots far apart.
        double[] c = {1111, -112110, 1111000, -1000000, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        double[] wr = new double[4], wi = new double[4];
        Factorizations.eig(c.clone(), 4, wr, wi, null, null);
        double[] sorted = wr.clone();
        Arrays.sort(sorted);
        assertEquals(1, sorted[0], 1e-9);
        assertEquals(1000, sorted[3], 1e-8);
        assertTrue(residual(c, 4) < 1e-12);
        // Repeated eigenvalues, diagonalizable and defective (a Jordan block), triangular, zero.
        assertTrue(residual(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}, 3) < 1e-15);
        assertTrue(residual(new double[] {2, 1, 0, 0, 2, 1, 0, 0, 2}, 3) < 1e-12);
        assertTrue(residual(new double[] {1, 2, 3, 0, 4, 5, 0, 0, 6}, 3) < 1e-14);
        assertTrue(residual(new double[9], 3) == 0);
        // Badly scaled entries.
        assertTrue(residual(new double[] {1e-8, 1e8, 1e-8, 3}, 2) < 1e-10);
        double[] big = {1e200, 2e200, -3e200, 4e200};
        double[] bwr = new double[2], bwi = new double[2];
        Factorizations.eig(big.clone(), 2, bwr, bwi, null, null);
        assertEquals(2.5e200, bwr[0], 1e186);
    }

    @Test
    void nonFiniteInputGivesNaN() {
        double[] wr = new double[2], wi = new double[2], vre = new double[4], vim = new double[4];
        Factorizations.eig(new double[] {1, Double.NaN, 0, 1}, 2, wr, wi, vre, vim);
        assertTrue(Double.isNaN(wr[0]) && Double.isNaN(vre[3]));
    }
}
