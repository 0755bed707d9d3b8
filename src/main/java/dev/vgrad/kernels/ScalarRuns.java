package dev.vgrad.kernels;

/**
 * The ops a training step runs most, one loop each over contiguous runs (the arithmetic ones also with one operand a
 * broadcast value), for the scalar path (a JVM without the Vector API module, or {@code -Dvgrad.scalar=true}) and the
 * vector path's short runs. {@link ScalarElementwise} calls {@link ScalarMath#apply} once an element, a switch over
 * every op that C2 does not inline: 3 ns an element for an add on a Zen 5, where a loop of the add alone is a loop C2
 * vectorizes itself. Each loop computes what {@code ScalarMath.apply} computes for its op, element by element, so the
 * bits are the reference's.
 */
final class ScalarRuns {
    private ScalarRuns() {}

    /**
     * {@code out[oo + i] = op(a[ao + i * as], b[bo + i * bs])} for runs of a and b each contiguous ({@code 1}) or one
     * value broadcast ({@code 0}), not both broadcast, true; false, having done nothing, for an op or strides not here.
     */
    static boolean binary(BinaryOp op, int n, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out,
                          int oo) {
        if (as == 1 && bs == 1) {
            return contiguous(op, n, a, ao, b, bo, out, oo);
        }
        if (n == 0 || !(as == 1 && bs == 0 || as == 0 && bs == 1)) {
            return false;
        }
        // one operand broadcast (a row minus its mean, a column of scales): the arithmetic ops in the reference's order
        float[] run = as == 1 ? a : b;
        int ro = as == 1 ? ao : bo;
        float s = as == 1 ? b[bo] : a[ao];
        boolean left = as == 0;   // the broadcast value is the left operand
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = left ? s + run[ro + i] : run[ro + i] + s;
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = left ? s - run[ro + i] : run[ro + i] - s;
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = left ? s * run[ro + i] : run[ro + i] * s;
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = left ? s / run[ro + i] : run[ro + i] / s;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean contiguous(BinaryOp op, int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = a[ao + i] / b[bo + i];
                }
            }
            case RELU_GRAD -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = reluGrad(a[ao + i], b[bo + i]);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code out[oo + i] = op(x[xo + i]; p)}, true; false, having done nothing, for an op not here. */
    static boolean unary(UnaryOp op, float p, int n, float[] x, int xo, float[] out, int oo) {
        switch (op) {
            case COPY -> System.arraycopy(x, xo, out, oo, n);
            case FILL -> java.util.Arrays.fill(out, oo, oo + n, p);
            case NEG -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = -x[xo + i];
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = relu(x[xo + i]);
                }
            }
            case ADD_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] + p;
                }
            }
            case MUL_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] * p;
                }
            }
            case DIV_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] / p;
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Transcendental.exp(x[xo + i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Transcendental.log(x[xo + i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Transcendental.tanh(x[xo + i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Transcendental.sigmoid(x[xo + i]);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /*
     * The activations' selections on the floats' bits: a float comparison feeding a choice of floats compiles to a
     * branch on x86 (C2 has no conditional move of floats there), which random signs mispredict half the time (relu
     * 8.1 ms for a million floats on one core of a Zen 5, family 26 model 2); a choice of ints is a conditional move
     * (0.31 ms; BENCHMARKS.md, "2026-12-07, night"). An unsigned comparison of the bits, the sign bit flipped or
     * offset, picks the negative numbers without -0 or the NaNs.
     */

    /** {@code v < 0f ? 0f : v}: -0 and every NaN kept. */
    private static float relu(float v) {
        int bits = Float.floatToRawIntBits(v);
        // bits + MAX_VALUE maps -Float.MIN_VALUE .. -infinity (0x80000001 .. 0xFF800000) onto 0 .. 0x7F7FFFFF
        return Float.intBitsToFloat(Integer.compareUnsigned(bits + Integer.MAX_VALUE, 0x7F800000) < 0 ? 0 : bits);
    }

    /** {@code y <= 0f ? 0f : g}: the gradient passes where the output is above 0 or NaN. */
    private static float reluGrad(float g, float y) {
        int bits = Float.floatToRawIntBits(y);
        // the sign bit flipped maps -0 .. -infinity (0x80000000 .. 0xFF800000) onto 0 .. 0x7F800000; +0 on its own
        boolean zeroOrBelow = Integer.compareUnsigned(bits ^ Integer.MIN_VALUE, 0x7F800000) <= 0 | bits == 0;
        return Float.intBitsToFloat(zeroOrBelow ? 0 : Float.floatToRawIntBits(g));
    }
}
