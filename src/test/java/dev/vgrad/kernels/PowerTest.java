package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * vgrad's pow against StrictMath's (fdlibm, rounded to float), which it replaces because fdlibm allocates: exact where
 * the result is representable, the same bits but for rare values next to a rounding boundary, and there one ulp.
 */
class PowerTest {
    @Test
    void agreesWithStrictMathRoundedToFloat() {
        SplittableRandom r = new SplittableRandom(21);
        int differ = 0, n = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float x = switch (i % 4) {
                case 0 -> (float) r.nextDouble(0, 10);
                case 1 -> Float.intBitsToFloat(r.nextInt(0x7F800000));          // any positive finite float
                case 2 -> (float) -r.nextDouble(0, 10);
                default -> (float) r.nextDouble(0.5, 2);
            };
            float y = switch (i % 3) {
                case 0 -> (float) r.nextDouble(-4, 4);
                case 1 -> r.nextInt(-12, 13);
                default -> (float) r.nextDouble(-60, 60);
            };
            float want = (float) StrictMath.pow(x, y), got = Power.pow(x, y);
            n++;
            if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got)) {
                differ++;
                assertTrue(Float.isFinite(want) && Math.abs(got - want) <= Math.ulp(want),
                        "pow(" + x + ", " + y + "): " + got + " against StrictMath's " + want);
            }
        }
        // about one pair in a million lies close enough to a rounding boundary for the two to round apart
        assertTrue(differ <= 10, differ + " of " + n + " differ by an ulp");
    }

    @Test
    void exactWhereTheResultIsAFloat() {
        for (int b = -9; b <= 9; b++) {
            for (int e = -6; e <= 6; e++) {
                float want = (float) StrictMath.pow(b, e);
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(Power.pow(b, e)),
                        "pow(" + b + ", " + e + ")");
            }
        }
        for (int e = -149; e <= 127; e++) {
            assertEquals(Math.scalb(1f, e), Power.pow(2f, e), 0f, "2^" + e);
        }
        assertEquals(0.5f, Power.pow(0.25f, 0.5f), 0f);
        assertEquals(3f, Power.pow(27f, 1f / 3f), Math.ulp(3f));
    }

    @Test
    void vectorPathGivesTheScalarBits() {
        // positive floats of every magnitude, values near 1, a negative lane now and then (its vector takes the
        // scalar function), exponents whose y log x reaches the float range's ends; pow and pow's gradient
        float[] exponents = {0.5f, -0.5f, 1.7f, -1.5f, 4f, 2.5f, 10f, -3f, 0.1f, 7.3f, -20f, 0f, 1f, 2f, 3f};
        KernelAssert.vectorRunsGiveScalarBits(4, 600, 200, (r, trial) -> switch (r.nextInt(4)) {
            case 0 -> Float.intBitsToFloat(r.nextInt(0x7F800000));
            case 1 -> (float) r.nextDouble(0, 5);
            case 2 -> (float) r.nextDouble(0.9, 1.1);
            default -> trial % 40 == 0 ? -1f : (float) r.nextDouble(0, 100);
        }, trial -> exponents[trial % exponents.length], UnaryOp.POW_SCALAR, UnaryOp.POW_SCALAR_GRAD);
    }

    @Test
    void specialCasesAsCsPow() {
        // StrictMath's bits, but where C's pow (C99 Annex F), which PyTorch's kernels follow, gives 1 and Java's NaN:
        // torch.pow(tensor([1., 1., -1.]), tensor([nan, inf, -inf])) == [1., 1., 1.]
        float[] special = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 2f, -2f, 3f, -3f, Float.MIN_VALUE, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, 1e30f, 0x1p24f, 0x1p24f + 2f};
        int ones = 0;
        for (float x : special) {
            for (float y : special) {
                boolean cOne = x == 1f || (x == -1f && Float.isInfinite(y));
                ones += cOne && Float.isNaN((float) StrictMath.pow(x, y)) ? 1 : 0;
                float expected = cOne ? 1f : (float) StrictMath.pow(x, y);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(Power.pow(x, y)),
                        "pow(" + x + ", " + y + ")");
            }
        }
        assertEquals(5, ones, "pow(1, inf), pow(1, -inf), pow(1, NaN), pow(-1, inf), pow(-1, -inf): NaN in Java");
    }
}
