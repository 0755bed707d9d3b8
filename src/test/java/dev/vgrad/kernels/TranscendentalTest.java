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
}
