package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * vgrad's sin, cos and tan against StrictMath's (fdlibm, rounded to float), which they replace because fdlibm
 * allocates: the same bits, sampled across every magnitude, and for the values that take special paths.
 */
class TrigonometryTest {
    @Test
    void sameBitsAsStrictMathRoundedToFloat() {
        // One float in 97 of every bit pattern from 0 to 2^21 (beyond 2^20 StrictMath itself takes over), both signs.
        // Once every pattern from 0 to 2^20 was compared, one sign: no difference (BENCHMARKS.md).
        for (int bits = 0; bits < 0x4A000000; bits += 97) {
            check(Float.intBitsToFloat(bits));
            check(-Float.intBitsToFloat(bits));
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            check((float) r.nextDouble(-20, 20));
        }
    }

    @Test
    void specialValues() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-20f, 2.4e-4f, 0x1p-13f,
            (float) (Math.PI / 4), (float) (Math.PI / 2), (float) Math.PI, (float) (3 * Math.PI / 2), 0x1p20f,
            Math.nextDown(0x1p20f), 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NaN, 104348.0f, 355f, 710f, 22f};
        for (float x : special) {
            check(x);
            check(-x);
        }
        // the float nearest each multiple of pi/2 up to 2^20 / 64: the largest cancellation in the reduction
        for (int k = 1; k < (1 << 14); k++) {
            float x = (float) (k * Math.PI / 2);
            check(x);
            check(Math.nextUp(x));
            check(Math.nextDown(x));
        }
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Trigonometry.sin(-0f)), "sin(-0)");
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Trigonometry.tan(-0f)), "tan(-0)");
    }

    @Test
    void vectorPathGivesTheScalarBits() {
        // Runs of mixed magnitudes (a vector holding a lane of 2^20 or more takes the scalar function), the floats
        // nearest multiples of pi/2, and lengths with tails shorter than a vector.
        KernelAssert.vectorRunsGiveScalarBits(9, 400, 300, (r, trial) -> switch (r.nextInt(4)) {
            case 0 -> Float.intBitsToFloat(r.nextInt(0x4A000000)) * (r.nextBoolean() ? 1 : -1);
            case 1 -> (float) (r.nextInt(1 << 19) * Math.PI / 2);
            case 2 -> (float) r.nextDouble(-100, 100);
            default -> trial % 50 == 0 ? Float.NaN : (float) r.nextDouble(-1e-3, 1e-3);
        }, trial -> 0f, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN);
    }

    private static void check(float x) {
        assertEquals(Float.floatToRawIntBits((float) StrictMath.sin(x)), Float.floatToRawIntBits(Trigonometry.sin(x)),
                () -> "sin(" + x + ")");
        assertEquals(Float.floatToRawIntBits((float) StrictMath.cos(x)), Float.floatToRawIntBits(Trigonometry.cos(x)),
                () -> "cos(" + x + ")");
        assertEquals(Float.floatToRawIntBits((float) StrictMath.tan(x)), Float.floatToRawIntBits(Trigonometry.tan(x)),
                () -> "tan(" + x + ")");
    }
}
