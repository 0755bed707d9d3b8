package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops over unit-stride runs. Each loop is written out per op: the Vector API intrinsifies an
 * operator only when it is a constant at the call, so one loop taking the operator as an argument would
 * fall back to boxed vectors. Every loop is "vector body to {@code loopBound}, scalar tail": masked tails
 * are slow on AVX2. Each method returns {@code false} for an op it has no loop for, and the caller then
 * takes the scalar path.
 */
final class VectorElementwise {
    static final VectorSpecies<Float> S = VectorWidth.SPECIES;

    private VectorElementwise() {}

    /** {@code out = op(a, b)}, all three unit-stride. */
    static boolean binaryVV(BinaryOp op, int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        int bound = S.loopBound(n);
        int i = 0;
        switch (op) {
            case ADD -> { for (; i < bound; i += S.length()) fa(a, ao + i).add(fa(b, bo + i)).intoArray(out, oo + i); }
            case SUB -> { for (; i < bound; i += S.length()) fa(a, ao + i).sub(fa(b, bo + i)).intoArray(out, oo + i); }
            case MUL -> { for (; i < bound; i += S.length()) fa(a, ao + i).mul(fa(b, bo + i)).intoArray(out, oo + i); }
            case DIV -> { for (; i < bound; i += S.length()) fa(a, ao + i).div(fa(b, bo + i)).intoArray(out, oo + i); }
            case MAX -> { for (; i < bound; i += S.length()) fa(a, ao + i).max(fa(b, bo + i)).intoArray(out, oo + i); }
            case MIN -> { for (; i < bound; i += S.length()) fa(a, ao + i).min(fa(b, bo + i)).intoArray(out, oo + i); }
            case RELU_GRAD -> {
                FloatVector zero = FloatVector.zero(S);
                for (; i < bound; i += S.length()) {
                    FloatVector y = fa(b, bo + i);
                    fa(a, ao + i).blend(zero, y.compare(VectorOperators.LE, 0f)).intoArray(out, oo + i);
                }
            }
            case SIGMOID_GRAD -> {
                for (; i < bound; i += S.length()) {
                    FloatVector y = fa(b, bo + i);
                    fa(a, ao + i).mul(y.mul(y.neg().add(1f))).intoArray(out, oo + i);
                }
            }
            case TANH_GRAD -> {
                for (; i < bound; i += S.length()) {
                    FloatVector y = fa(b, bo + i);
                    fa(a, ao + i).mul(y.mul(y).neg().add(1f)).intoArray(out, oo + i);
                }
            }
            default -> { return false; }
        }
        ScalarElementwise.binary(op, n - i, a, ao + i, 1, b, bo + i, 1, out, oo + i, 1);
        return true;
    }

    /** {@code out = op(a, s)}: the second operand one scalar broadcast over a unit-stride run. */
    static boolean binaryVS(BinaryOp op, int n, float[] a, int ao, float s, float[] out, int oo) {
        int bound = S.loopBound(n);
        int i = 0;
        switch (op) {
            case ADD -> { for (; i < bound; i += S.length()) fa(a, ao + i).add(s).intoArray(out, oo + i); }
            case SUB -> { for (; i < bound; i += S.length()) fa(a, ao + i).sub(s).intoArray(out, oo + i); }
            case MUL -> { for (; i < bound; i += S.length()) fa(a, ao + i).mul(s).intoArray(out, oo + i); }
            case DIV -> { for (; i < bound; i += S.length()) fa(a, ao + i).div(s).intoArray(out, oo + i); }
            case MAX -> { for (; i < bound; i += S.length()) fa(a, ao + i).max(s).intoArray(out, oo + i); }
            case MIN -> { for (; i < bound; i += S.length()) fa(a, ao + i).min(s).intoArray(out, oo + i); }
            default -> { return false; }
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarMath.apply(op, a[ao + i], s);
        }
        return true;
    }

    /** {@code out = op(s, b)}: the first operand one scalar broadcast over a unit-stride run. */
    static boolean binarySV(BinaryOp op, int n, float s, float[] b, int bo, float[] out, int oo) {
        int bound = S.loopBound(n);
        int i = 0;
        FloatVector sv = FloatVector.broadcast(S, s);
        switch (op) {
            case ADD -> { for (; i < bound; i += S.length()) sv.add(fa(b, bo + i)).intoArray(out, oo + i); }
            case SUB -> { for (; i < bound; i += S.length()) sv.sub(fa(b, bo + i)).intoArray(out, oo + i); }
            case MUL -> { for (; i < bound; i += S.length()) sv.mul(fa(b, bo + i)).intoArray(out, oo + i); }
            case DIV -> { for (; i < bound; i += S.length()) sv.div(fa(b, bo + i)).intoArray(out, oo + i); }
            case MAX -> { for (; i < bound; i += S.length()) sv.max(fa(b, bo + i)).intoArray(out, oo + i); }
            case MIN -> { for (; i < bound; i += S.length()) sv.min(fa(b, bo + i)).intoArray(out, oo + i); }
            default -> { return false; }
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarMath.apply(op, s, b[bo + i]);
        }
        return true;
    }

    /** {@code out = op(x; p, q)}, both unit-stride. */
    static boolean unary(UnaryOp op, float p, float q, int n, float[] x, int xo, float[] out, int oo) {
        int bound = S.loopBound(n);
        int i = 0;
        switch (op) {
            case COPY -> { for (; i < bound; i += S.length()) fa(x, xo + i).intoArray(out, oo + i); }
            case FILL -> {
                FloatVector v = FloatVector.broadcast(S, p);
                for (; i < bound; i += S.length()) v.intoArray(out, oo + i);
            }
            case NEG -> { for (; i < bound; i += S.length()) fa(x, xo + i).neg().intoArray(out, oo + i); }
            case ABS -> { for (; i < bound; i += S.length()) fa(x, xo + i).abs().intoArray(out, oo + i); }
            case SQRT -> { for (; i < bound; i += S.length()) fa(x, xo + i).sqrt().intoArray(out, oo + i); }
            // Not the Vector API's EXP/LOG/TANH: those round differently compiled and interpreted.
            // Each in a loop of its own: called with a vector argument from this large method, C2 left the function
            // out of line and boxed every vector (seen on AVX2: the training step allocated 8 KB more).
            case EXP -> i = VectorTranscendental.expRun(bound, x, xo, out, oo);
            case LOG -> i = VectorTranscendental.logRun(bound, x, xo, out, oo);
            // TANH has no vector loop: see Transcendental.tanh.
            case SIGMOID -> i = VectorTranscendental.sigmoidRun(bound, x, xo, out, oo);
            case RELU -> {
                FloatVector zero = FloatVector.zero(S);
                for (; i < bound; i += S.length()) {
                    FloatVector v = fa(x, xo + i);
                    v.blend(zero, v.compare(VectorOperators.LT, 0f)).intoArray(out, oo + i);
                }
            }
            case ADD_SCALAR -> { for (; i < bound; i += S.length()) fa(x, xo + i).add(p).intoArray(out, oo + i); }
            case MUL_SCALAR -> { for (; i < bound; i += S.length()) fa(x, xo + i).mul(p).intoArray(out, oo + i); }
            case DIV_SCALAR -> { for (; i < bound; i += S.length()) fa(x, xo + i).div(p).intoArray(out, oo + i); }
            case RSUB_SCALAR -> {
                FloatVector pv = FloatVector.broadcast(S, p);
                for (; i < bound; i += S.length()) pv.sub(fa(x, xo + i)).intoArray(out, oo + i);
            }
            case RDIV_SCALAR -> {
                FloatVector pv = FloatVector.broadcast(S, p);
                for (; i < bound; i += S.length()) pv.div(fa(x, xo + i)).intoArray(out, oo + i);
            }
            case CLAMP -> { for (; i < bound; i += S.length()) fa(x, xo + i).max(p).min(q).intoArray(out, oo + i); }
            case POW_SCALAR -> {
                if (p == 2f) {
                    for (; i < bound; i += S.length()) {
                        FloatVector v = fa(x, xo + i);
                        v.mul(v).intoArray(out, oo + i);
                    }
                }
                // Other exponents take the scalar loop (Math.pow in double, rounded once): the Vector API's POW
                // rounds differently compiled and interpreted.
            }
            case POW_SCALAR_GRAD -> {
                if (p == 2f) {
                    for (; i < bound; i += S.length()) fa(x, xo + i).mul(2f).intoArray(out, oo + i);
                }
            }
            default -> { return false; }
        }
        ScalarElementwise.unary(op, p, q, n - i, x, xo + i, 1, out, oo + i, 1);
        return true;
    }

    private static FloatVector fa(float[] a, int off) {
        return FloatVector.fromArray(S, a, off);
    }
}
