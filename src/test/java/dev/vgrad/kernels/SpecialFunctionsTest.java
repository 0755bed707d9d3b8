package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The special functions against closed forms, their recurrences and reflections, and each derivative against a
 * central difference of the function below it, in double, over random arguments away from the poles.
 */
class SpecialFunctionsTest {
    private static final double EULER_GAMMA = 0.5772156649015329;

    private static void assertRel(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void closedFormsHold() {
        assertRel(0.5 * Math.log(Math.PI), SpecialFunctions.lgamma(0.5), 1e-15, "lgamma(1/2)");
        assertEquals(0.0, SpecialFunctions.lgamma(1), 0.0);
        assertEquals(0.0, SpecialFunctions.lgamma(2), 0.0);
        assertRel(Math.log(3628800), SpecialFunctions.lgamma(11), 1e-15, "lgamma(11)");
        assertRel(-EULER_GAMMA, SpecialFunctions.digamma(1), 1e-15, "digamma(1)");
        assertRel(-EULER_GAMMA - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-15, "digamma(1/2)");
        assertRel(Math.PI * Math.PI / 6, SpecialFunctions.trigamma(1), 1e-15, "trigamma(1)");
        assertRel(Math.PI * Math.PI / 2, SpecialFunctions.trigamma(0.5), 1e-15, "trigamma(1/2)");
        assertRel(Math.pow(Math.PI, 4) / 90, SpecialFunctions.hurwitzZeta(4, 1), 1e-15, "zeta(4)");
        assertRel(1.2020569031595942, SpecialFunctions.hurwitzZeta(3, 1), 1e-15, "zeta(3)");
        assertRel(-2 * 1.2020569031595942, SpecialFunctions.polygamma(2, 1), 1e-15, "polygamma(2, 1)");
        assertRel(0.15729920705028513, SpecialFunctions.erfc(1), 1e-15, "erfc(1)");
        double tail = SpecialFunctions.erfc(4.5), expected = 1.9661604415428873e-10;   // Python's math.erfc
        assertTrue(Math.abs(tail - expected) <= 1e-14 * expected, "erfc(4.5): " + tail);
    }

    @Test
    void recurrencesReflectionsAndDerivativesHold() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            double x = -8 + 28 * r.nextDouble();
            if (Math.abs(x - Math.rint(x)) < 0.02) {
                continue;
            }
            assertRel(SpecialFunctions.lgamma(x) + Math.log(Math.abs(x)), SpecialFunctions.lgamma(x + 1), 1e-12,
                    "lgamma recurrence at " + x);
            assertRel(SpecialFunctions.digamma(x) + 1 / x, SpecialFunctions.digamma(x + 1), 1e-12,
                    "digamma recurrence at " + x);
            assertRel(SpecialFunctions.trigamma(x) - 1 / (x * x), SpecialFunctions.trigamma(x + 1), 1e-11,
                    "trigamma recurrence at " + x);
            double h = 1e-5;
            assertRel((SpecialFunctions.lgamma(x + h) - SpecialFunctions.lgamma(x - h)) / (2 * h),
                    SpecialFunctions.digamma(x), 1e-6, "lgamma' at " + x);
            for (int n = 1; n <= 4; n++) {
                double numeric = (SpecialFunctions.polygamma(n - 1, x + h) - SpecialFunctions.polygamma(n - 1, x - h))
                        / (2 * h);
                assertRel(numeric, SpecialFunctions.polygamma(n, x), 1e-5, "polygamma(" + n + ")' at " + x);
            }
            double e = 6 * r.nextDouble() - 1;
            assertRel(2, SpecialFunctions.erfc(e) + SpecialFunctions.erfc(-e), 1e-15, "erfc symmetry at " + e);
        }
        // the two erfc branches meet at 1.5
        assertRel(SpecialFunctions.erfc(Math.nextDown(1.5)), SpecialFunctions.erfc(1.5), 1e-14, "erfc at 1.5");
    }

    @Test
    void normalBesselAndScaledFunctionsAgreeWithTheirDefinitions() {
        Random r = new Random(9);
        for (int i = 0; i < 2000; i++) {
            double x = -8 + 14 * r.nextDouble();
            if (x < 2) {   // above, ndtr(x) is 1 - tiny, and the double holding it has lost the tiny's digits
                assertRel(x, SpecialFunctions.ndtri(SpecialFunctions.ndtr(x)), 1e-9, "ndtri(ndtr(" + x + "))");
            }
            assertRel(Math.log(SpecialFunctions.ndtr(x)), SpecialFunctions.logNdtr(x), 1e-13, "log_ndtr(" + x + ")");
            double e = -2 + 8 * r.nextDouble();
            assertRel(Math.exp(e * e) * SpecialFunctions.erfc(e), SpecialFunctions.erfcx(e), 1e-12, "erfcx(" + e + ")");
            double b = -45 + 90 * r.nextDouble();
            for (int order = 0; order < 2; order++) {
                double plain = SpecialFunctions.besselI(order, b, false);
                double scaled = SpecialFunctions.besselI(order, b, true);
                assertRel(plain * Math.exp(-Math.abs(b)), scaled, 1e-13, "I" + order + "e(" + b + ")");
            }
            double h = 1e-5;   // I0' = I1
            assertRel((SpecialFunctions.besselI(0, b + h, true) * Math.exp(Math.abs(b + h) - Math.abs(b))
                    - SpecialFunctions.besselI(0, b - h, true) * Math.exp(Math.abs(b - h) - Math.abs(b))) / (2 * h),
                    SpecialFunctions.besselI(1, b, true), 1e-6, "I0' at " + b);
        }
        for (int order = 0; order < 2; order++) {   // the series and the asymptotic expansion meet at 30
            double below = SpecialFunctions.besselI(order, 30, true);
            double above = SpecialFunctions.besselI(order, Math.nextUp(30.0), true);
            assertRel(below, above, 1e-14, "I" + order + "e across 30");
        }
        assertRel(1.2660658777520082, SpecialFunctions.besselI(0, 1, false), 1e-15, "I0(1) (torch's in double)");
        assertRel(0.5651591039924851, SpecialFunctions.besselI(1, 1, false), 1e-15, "I1(1)");
        assertRel(-11.464024688443615, SpecialFunctions.ndtri(1e-30), 1e-13, "ndtri(1e-30) (torch's in double)");
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.ndtri(0));
        assertTrue(Double.isNaN(SpecialFunctions.ndtri(1.5)));
        assertEquals(0.0, SpecialFunctions.entr(0));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.entr(-1));
    }

    @Test
    void polesAndEdgesArePyTorchs() {
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(0));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(-3));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(Double.NEGATIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.digamma(0.0));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.digamma(-0.0));
        assertTrue(Double.isNaN(SpecialFunctions.digamma(-2)));
        assertTrue(Double.isNaN(SpecialFunctions.digamma(Double.NEGATIVE_INFINITY)));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.trigamma(0));
        assertEquals(0.0, SpecialFunctions.trigamma(Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.polygamma(2, 0));
        assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.polygamma(3, -1));
        assertTrue(Double.isNaN(SpecialFunctions.polygamma(2, Double.POSITIVE_INFINITY)));
        assertEquals(2.0, SpecialFunctions.erfc(-30));
        assertEquals(0.0, SpecialFunctions.erfc(30));
        assertEquals(Float.POSITIVE_INFINITY, SpecialFunctions.erfinv(1f));
        assertTrue(Float.isNaN(SpecialFunctions.erfinv(1.5f)));
        for (double x : new double[] {Double.NaN}) {
            assertTrue(Double.isNaN(SpecialFunctions.lgamma(x)) && Double.isNaN(SpecialFunctions.digamma(x))
                    && Double.isNaN(SpecialFunctions.polygamma(2, x)) && Double.isNaN(SpecialFunctions.erfc(x)));
        }
    }
}
