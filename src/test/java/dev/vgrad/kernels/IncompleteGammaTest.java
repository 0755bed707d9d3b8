package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * P(a, x) and Q(a, x) against mpmath 1.3.0 at 30-40 digits ({@code gammainc(a, 0, x, regularized=True)}, and for a
 * from 1e6 up {@code x^a e^-x / Gamma(a + 1) hyp1f1(1, a + 1, x)}), in each of the regions the methods split into,
 * and the boundary values PyTorch 1.13 gives.
 */
class IncompleteGammaTest {
    /** {a, x, P, Q} from mpmath. */
    private static final double[][] MPMATH = {
        {250, 250, 0.50841062696899096, 0.49158937303100904},
        {250, 260, 0.74061051739235273, 0.25938948260764727},
        {250, 235, 0.17177893041362294, 0.82822106958637706},
        {201, 190, 0.22157634633638232, 0.77842365366361768},
        {1e4, 10050, 0.69234244070256556, 0.30765755929743444},
        {1e4, 9700, 0.001234175584468492, 0.99876582441553151},
        {5e4, 50600, 0.99625363090309459, 0.0037463690969054138},
        {1e6, 997000, 0.0013381041673135997, 0.9986618958326864},
        {1e6, 1004400, 0.99999443315528375, 5.566844716248032e-6},
        {1e7, 9988000, 7.3481268057496127e-5, 0.9999265187319425},
        {1e-30, 1e-30, 1.0, 6.8500337124919843e-29},
        {1e-30, 1.0, 1.0, 2.1938393439552029e-31},
        {1.401298464324817e-45, 1.0, 1.0, 3.0742237036597897e-46},
        {0.5, 0.3, 0.56142197391900014, 0.43857802608099986},
        {3.0, 0.2, 0.0011484812448621326, 0.99885151875513787},
        {0.01, 0.7, 0.99623400917039813, 0.003765990829601872},
    };

    @Test
    void matchesMpmathInEveryRegion() {
        for (double[] c : MPMATH) {
            String at = "(" + c[0] + ", " + c[1] + ")";
            assertClose(c[2], IncompleteGamma.lower(c[0], c[1]), "P" + at);
            assertClose(c[3], IncompleteGamma.upper(c[0], c[1]), "Q" + at);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1e-13 * Math.abs(expected), what + ": expected " + expected
                + ", got " + actual);
    }

    @Test
    void hugeAAtXIsAHalf() {
        // where the series and the fraction gave P = 1e-24 and Q = NaN; torch.igamma(1e30, 1e30) == 0.5
        assertEquals(0.5, IncompleteGamma.lower(1e30, 1e30), 1e-15);
        assertEquals(0.5, IncompleteGamma.upper(1e30, 1e30), 1e-15);
        assertEquals(0.8413447460685429, IncompleteGamma.lower(1e12, 1e12 + 1e6), 1e-6);   // Phi(1), to O(a^-1/2)
    }

    @Test
    void boundaryValuesAsPyTorchChecksThem() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        // torch.igamma / igammac of (inf, nan), (nan, 0), (nan, inf): 0 / 1, 0 / 1, 1 / 0; (nan, 1) NaN
        assertEquals(0.0, IncompleteGamma.lower(inf, nan));
        assertEquals(1.0, IncompleteGamma.upper(inf, nan));
        assertEquals(0.0, IncompleteGamma.lower(nan, 0));
        assertEquals(1.0, IncompleteGamma.upper(nan, 0));
        assertEquals(1.0, IncompleteGamma.lower(nan, inf));
        assertEquals(0.0, IncompleteGamma.upper(nan, inf));
        assertTrue(Double.isNaN(IncompleteGamma.lower(nan, 1)));
        assertTrue(Double.isNaN(IncompleteGamma.upper(1, nan)));
        assertTrue(Double.isNaN(IncompleteGamma.lower(-1, 1)));
    }

    @Test
    void temmesCoefficientsStartAsTheirClosedForms() {
        // mu = lambda - 1 = eta + eta^2 / 3 + eta^3 / 36 - eta^4 / 270; c_0 = -1/3 + eta / 12 - 2 eta^2 / 135;
        // c_1(0) = -1/540
        double[] mu = TemmeExpansion.muSeries();
        assertEquals(1.0, mu[1], 1e-15);
        assertEquals(1.0 / 3, mu[2], 1e-15);
        assertEquals(1.0 / 36, mu[3], 1e-15);
        assertEquals(-1.0 / 270, mu[4], 1e-15);
        assertEquals(-1.0 / 3, TemmeExpansion.COEFFICIENTS[0][0], 1e-15);
        assertEquals(1.0 / 12, TemmeExpansion.COEFFICIENTS[0][1], 1e-15);
        assertEquals(-2.0 / 135, TemmeExpansion.COEFFICIENTS[0][2], 1e-15);
        assertEquals(-1.0 / 540, TemmeExpansion.COEFFICIENTS[1][0], 1e-15);
    }
}
