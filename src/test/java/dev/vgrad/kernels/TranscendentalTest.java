package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The polynomial exp, log, tanh and sigmoid against double-precision references (within 2 ulp), at their special
 * values, and the vector loops against them bit for bit.
 */
class TranscendentalTest {
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 88.72f, 88.73f,
        -87.3f, -103.9f, -104f, 0.625f, -0.625f, 0.6249f, 9f, 1e-30f, 3e-39f};

    private static float[] samples(long seed, float lo, float hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[200_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        System.arraycopy(SPECIAL, 0, x, 0, SPECIAL.length);
        return x;
    }

    private static void within2Ulp(String name, float[] x, UnaryOp op, DoubleUnaryOperator exact) {
        for (float v : x) {
            float got = ScalarMath.apply(op, v, 0f, 0f);
            float want = (float) exact.applyAsDouble(v);
            if (Float.isNaN(want) || Float.isInfinite(want) || want == 0f) {
                assertEquals(want, got, name + "(" + v + ")");
                continue;
            }
            float ulp = Math.max(Math.ulp(want), Float.MIN_NORMAL * 0x1p-22f);
            assertTrue(Math.abs(got - want) <= 2 * ulp, name + "(" + v + "): " + got + " vs " + want);
        }
    }

    private static void vectorMatchesScalarBitForBit(String name, float[] x, UnaryOp op) {
        float[] v = new float[x.length], s = new float[x.length];
        Elementwise.unary(op, 0f, 0f, x.length, x, 0, 1, v, 0, 1);
        ScalarElementwise.unary(op, 0f, 0f, x.length, x, 0, 1, s, 0, 1);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(s[i]) == Float.floatToRawIntBits(v[i]) || (s[i] != s[i] && v[i] != v[i]),
                    true, name + "(" + x[i] + "): vector " + v[i] + ", scalar " + s[i]);
        }
    }

    /**
     * erf is the correctly rounded value of erf in double (erfDouble: the positive series summed to double precision)
     * at every 1e-4 from -4.5 to 4.5, on both sides of the polynomials' seam at 1 and of the cut to 1 at 4, and at
     * tiny and subnormal inputs.
     */
    @Test
    void erfIsCorrectlyRoundedFromTheDoubleSeries() {
        for (float x = -4.5f; x <= 4.5f; x += 1e-4f) {
            for (float y : new float[] {x, Math.nextUp(x), Math.nextDown(x)}) {
                assertEquals((float) Transcendental.erfDouble(y), Transcendental.erf(y), 0f, "erf(" + y + ")");
            }
        }
        for (float y : new float[] {1f, Math.nextDown(1f), Math.nextUp(1f), 4f, Math.nextDown(4f), 1e-30f, 1e-40f,
                Float.MIN_VALUE, -0f, 0f}) {
            assertEquals((float) Transcendental.erfDouble(y), Transcendental.erf(y), 0f, "erf(" + y + ")");
        }
    }

    @Test
    void exp() {
        float[] x = samples(1, -110f, 90f);
        within2Ulp("exp", x, UnaryOp.EXP, Math::exp);
        vectorMatchesScalarBitForBit("exp", x, UnaryOp.EXP);
    }

    @Test
    void log() {
        float[] x = samples(2, 0f, 1000f);
        float[] wide = samples(3, -1f, 1f);
        for (int i = 0; i < wide.length; i++) {
            wide[i] = Math.scalb(Math.abs(wide[i]), (i % 300) - 150);
        }
        for (float[] xs : new float[][] {x, wide}) {
            within2Ulp("log", xs, UnaryOp.LOG, Math::log);
            vectorMatchesScalarBitForBit("log", xs, UnaryOp.LOG);
        }
    }

    @Test
    void tanhAndSigmoid() {
        float[] x = samples(4, -12f, 12f);
        within2Ulp("tanh", x, UnaryOp.TANH, Math::tanh);
        within2Ulp("sigmoid", x, UnaryOp.SIGMOID, v -> 1.0 / (1.0 + Math.exp(-v)));
        vectorMatchesScalarBitForBit("tanh", x, UnaryOp.TANH);
        vectorMatchesScalarBitForBit("sigmoid", x, UnaryOp.SIGMOID);
    }

    @org.junit.jupiter.api.Test
    void erfAgainstItsSeriesInBigDecimalAndAtItsLimits() {
        // erf(x) = 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)), summed with 40 significant digits
        java.math.MathContext mc = new java.math.MathContext(40);
        java.math.BigDecimal twoOverSqrtPi = new java.math.BigDecimal("1.128379167095512573896158903121545171688");
        for (float x = -3.9f; x < 3.9f; x += 0.0371f) {
            java.math.BigDecimal bx = new java.math.BigDecimal(x), x2 = bx.multiply(bx, mc), power = bx;
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO, factorial = java.math.BigDecimal.ONE;
            for (int n = 0; n < 120; n++) {
                if (n > 0) {
                    power = power.multiply(x2, mc).negate();
                    factorial = factorial.multiply(java.math.BigDecimal.valueOf(n));
                }
                sum = sum.add(power.divide(factorial.multiply(java.math.BigDecimal.valueOf(2L * n + 1)), mc), mc);
            }
            float want = sum.multiply(twoOverSqrtPi, mc).floatValue();
            float got = Transcendental.erf(x);
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(want - got) <= Math.ulp(want),
                    "erf(" + x + ") = " + got + ", want " + want);
        }
        org.junit.jupiter.api.Assertions.assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Transcendental.erf(-0f)));
        org.junit.jupiter.api.Assertions.assertTrue(Float.isNaN(Transcendental.erf(Float.NaN)));
        org.junit.jupiter.api.Assertions.assertEquals(1f, Transcendental.erf(Float.POSITIVE_INFINITY));
        org.junit.jupiter.api.Assertions.assertEquals(-1f, Transcendental.erf(-4f));
    }

    @Test
    void expm1AndLog1pGiveStrictMathsBits() {
        // They replace StrictMath's (fdlibm): one float pattern in 97 of every magnitude, both signs, and the values
        // at their ends. Every third pattern of the ranges they compute themselves was compared once: no difference
        // (BENCHMARKS.md).
        float[] special = {0f, -0f, Float.MIN_VALUE, 0x1p-29f, -0x1p-29f, Math.nextDown(0x1p-29f), -18f,
            Math.nextUp(-18f), 89f, Math.nextDown(89f), 88.72f, -1f, Math.nextUp(-1f), Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float x : special) {
            checkExpm1Log1p(x);
        }
        for (long bits = 0; bits <= 0xFFFFFFFFL; bits += 97) {
            checkExpm1Log1p(Float.intBitsToFloat((int) bits));
        }
    }

    private static void checkExpm1Log1p(float x) {
        if (x != x) {
            // NaN in, NaN out; a signaling NaN comes back as it is (as from tanh), where StrictMath quiets it
            org.junit.jupiter.api.Assertions.assertTrue(Float.isNaN(Transcendental.expm1(x)), "expm1(NaN)");
            org.junit.jupiter.api.Assertions.assertTrue(Float.isNaN(Transcendental.log1p(x)), "log1p(NaN)");
            return;
        }
        org.junit.jupiter.api.Assertions.assertEquals(Float.floatToRawIntBits((float) StrictMath.expm1(x)),
                Float.floatToRawIntBits(Transcendental.expm1(x)), () -> "expm1(" + x + ")");
        org.junit.jupiter.api.Assertions.assertEquals(Float.floatToRawIntBits((float) StrictMath.log1p(x)),
                Float.floatToRawIntBits(Transcendental.log1p(x)), () -> "log1p(" + x + ")");
    }

    @Test
    void expm1AndLog1pVectorPathsGiveTheScalarBits() {
        // Runs mostly inside log1p's domain (a vector with a lane at or below -1 takes the scalar function), tiny
        // values, expm1's ends at -18 and 89, and tails shorter than a vector.
        KernelAssert.vectorRunsGiveScalarBits(12, 400, 300, (r, trial) -> switch (r.nextInt(4)) {
            case 0 -> Float.intBitsToFloat(r.nextInt(0x3F800000)) * (r.nextBoolean() ? 1 : -1);
            case 1 -> (float) r.nextDouble(-0.999, 10);
            case 2 -> (float) r.nextDouble(-1e-8, 1e-8);
            default -> trial % 20 == 0 ? (float) r.nextDouble(-30, 100) : (float) r.nextDouble(0, 50);
        }, trial -> 0f, UnaryOp.LOG1P, UnaryOp.EXPM1);
    }
}
