package dev.vgrad.kernels;

import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops over unit-stride runs. Each loop is written out per op: the Vector API intrinsifies an
 * operator only when it is a constant at the call, so one loop taking the operator as an argument would
 * fall back to boxed vectors. Every loop is "vector body to {@code loopBound}, scalar tail": masked tails
 * are slow on AVX2. Each method returns {@code false} for an op it has no loop for, and the caller then
 * takes the scalar path.
 *
 * <p>Each op's loop is an object of its own in a table indexed by the op, not a case of one large switch. A switch
 * whose every case held its loop made a method of about 900 bytecodes; once a workload made many of its cases hot
 * (the transformer step: relu, its gradient, copies, scalings), C2 hit its node-count cutoff compiling it, stopped
 * inlining the Vector API's internals, and every vector was boxed: 465 MB allocated per step and a step 2x slower
 * (Zen 3, JDK 25, PrintInlining: "NodeCountInliningCutoff"). Called through the table, the call site is megamorphic,
 * so each loop is compiled as a small method of its own, with its intrinsics.
 */
final class VectorElementwise {
    static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();

    private VectorElementwise() {}

    /** A vector loop {@code out = op(a, b)} over [0, bound), bound a multiple of the vector length. */
    @FunctionalInterface
    private interface BinaryLoop {
        void run(int bound, float[] a, int ao, float[] b, int bo, float[] out, int oo);
    }

    /** A vector loop {@code out = op(a, s)} or {@code op(s, a)} with one operand a scalar, over [0, bound). */
    @FunctionalInterface
    private interface ScalarLoop {
        void run(int bound, float[] a, int ao, float s, float[] out, int oo);
    }

    /** A vector loop {@code out = op(x; p, q)} from 0; returns where it stopped (bound, or 0 if it declines p). */
    @FunctionalInterface
    private interface UnaryLoop {
        int run(int bound, float[] x, int xo, float p, float q, float[] out, int oo);
    }

    private static final BinaryLoop[] VV = new BinaryLoop[BinaryOp.values().length];
    private static final ScalarLoop[] VS = new ScalarLoop[BinaryOp.values().length];
    private static final ScalarLoop[] SV = new ScalarLoop[BinaryOp.values().length];
    private static final UnaryLoop[] UNARY = new UnaryLoop[UnaryOp.values().length];

    static {
        VV[BinaryOp.ADD.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).add(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        VV[BinaryOp.SUB.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).sub(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        VV[BinaryOp.MUL.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).mul(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        VV[BinaryOp.DIV.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).div(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        VV[BinaryOp.MAX.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).max(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        VV[BinaryOp.MIN.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).min(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        VV[BinaryOp.RELU_GRAD.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S);
            for (int i = 0; i < n; i += L) {
                FloatVector y = fromArray(S, b, bo + i);
                fromArray(S, a, ao + i).blend(zero, y.compare(VectorOperators.LE, 0f)).intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.ABS_GRAD.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            FloatVector minusOne = FloatVector.broadcast(S, -1f);
            for (int i = 0; i < n; i += L) {
                FloatVector x = fromArray(S, b, bo + i);
                FloatVector sign = zero.blend(one, x.compare(VectorOperators.GT, 0f))
                        .blend(minusOne, x.compare(VectorOperators.LT, 0f));
                fromArray(S, a, ao + i).mul(sign).intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.SIGMOID_GRAD.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) {
                FloatVector y = fromArray(S, b, bo + i);
                fromArray(S, a, ao + i).mul(y.mul(y.neg().add(1f))).intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.GELU_GRAD.ordinal()] =
                (n, a, ao, b, bo, out, oo) -> VectorGelu.geluGradRun(n, a, ao, b, bo, out, oo);
        VV[BinaryOp.GELU_TANH_GRAD.ordinal()] =
                (n, a, ao, b, bo, out, oo) -> VectorGelu.geluTanhGradRun(n, a, ao, b, bo, out, oo);
        VV[BinaryOp.TANH_GRAD.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            for (int i = 0; i < n; i += L) {
                FloatVector y = fromArray(S, b, bo + i);
                fromArray(S, a, ao + i).mul(y.mul(y).neg().add(1f)).intoArray(out, oo + i);
            }
        };

        // Comparisons give 1 or 0, as the scalar path's ternaries do; NaN compares false but for NE, as in Java.
        VV[BinaryOp.GT.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, a, ao + i).compare(VectorOperators.GT, fromArray(S, b, bo + i)))
                        .intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.LT.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, a, ao + i).compare(VectorOperators.LT, fromArray(S, b, bo + i)))
                        .intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.GE.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, a, ao + i).compare(VectorOperators.GE, fromArray(S, b, bo + i)))
                        .intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.LE.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, a, ao + i).compare(VectorOperators.LE, fromArray(S, b, bo + i)))
                        .intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.EQ.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, a, ao + i).compare(VectorOperators.EQ, fromArray(S, b, bo + i)))
                        .intoArray(out, oo + i);
            }
        };
        VV[BinaryOp.NE.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, a, ao + i).compare(VectorOperators.NE, fromArray(S, b, bo + i)))
                        .intoArray(out, oo + i);
            }
        };
        // Equal, or both NaN: the mask max and min route their gradient through.
        VV[BinaryOp.EQ_MASK.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                FloatVector x = fromArray(S, a, ao + i), y = fromArray(S, b, bo + i);
                zero.blend(one, x.compare(VectorOperators.EQ, y)
                        .or(x.test(VectorOperators.IS_NAN).and(y.test(VectorOperators.IS_NAN)))).intoArray(out, oo + i);
            }
        };
        // 0 below, 1/2 at a tie, 1 above (or NaN): how maximum's gradient splits between its operands.
        VV[BinaryOp.MAX_GRAD.ordinal()] = (n, a, ao, b, bo, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), half = FloatVector.broadcast(S, 0.5f);
            FloatVector one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                FloatVector x = fromArray(S, a, ao + i), y = fromArray(S, b, bo + i);
                one.blend(half, x.compare(VectorOperators.EQ, y)).blend(zero, x.compare(VectorOperators.LT, y))
                        .intoArray(out, oo + i);
            }
        };

        VS[BinaryOp.ADD.ordinal()] = (n, a, ao, s, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).add(s).intoArray(out, oo + i);
        };
        VS[BinaryOp.SUB.ordinal()] = (n, a, ao, s, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).sub(s).intoArray(out, oo + i);
        };
        VS[BinaryOp.MUL.ordinal()] = (n, a, ao, s, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).mul(s).intoArray(out, oo + i);
        };
        VS[BinaryOp.DIV.ordinal()] = (n, a, ao, s, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).div(s).intoArray(out, oo + i);
        };
        VS[BinaryOp.MAX.ordinal()] = (n, a, ao, s, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).max(s).intoArray(out, oo + i);
        };
        VS[BinaryOp.MIN.ordinal()] = (n, a, ao, s, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, a, ao + i).min(s).intoArray(out, oo + i);
        };

        // op(s, b): the scalar is the first operand.
        SV[BinaryOp.ADD.ordinal()] = (n, b, bo, s, out, oo) -> {
            FloatVector sv = FloatVector.broadcast(S, s);
            for (int i = 0; i < n; i += L) sv.add(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        SV[BinaryOp.SUB.ordinal()] = (n, b, bo, s, out, oo) -> {
            FloatVector sv = FloatVector.broadcast(S, s);
            for (int i = 0; i < n; i += L) sv.sub(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        SV[BinaryOp.MUL.ordinal()] = (n, b, bo, s, out, oo) -> {
            FloatVector sv = FloatVector.broadcast(S, s);
            for (int i = 0; i < n; i += L) sv.mul(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        SV[BinaryOp.DIV.ordinal()] = (n, b, bo, s, out, oo) -> {
            FloatVector sv = FloatVector.broadcast(S, s);
            for (int i = 0; i < n; i += L) sv.div(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        SV[BinaryOp.MAX.ordinal()] = (n, b, bo, s, out, oo) -> {
            FloatVector sv = FloatVector.broadcast(S, s);
            for (int i = 0; i < n; i += L) sv.max(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };
        SV[BinaryOp.MIN.ordinal()] = (n, b, bo, s, out, oo) -> {
            FloatVector sv = FloatVector.broadcast(S, s);
            for (int i = 0; i < n; i += L) sv.min(fromArray(S, b, bo + i)).intoArray(out, oo + i);
        };

        UNARY[UnaryOp.COPY.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.FILL.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector v = FloatVector.broadcast(S, p);
            for (int i = 0; i < n; i += L) v.intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.NEG.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).neg().intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.ABS.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).abs().intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.SQRT.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).sqrt().intoArray(out, oo + i);
            return n;
        };
        // Not the Vector API's EXP/LOG/TANH: those round differently compiled and interpreted.
        UNARY[UnaryOp.EXP.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorTranscendental.expRun(n, x, xo, out, oo);
        UNARY[UnaryOp.LOG.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorTranscendental.logRun(n, x, xo, out, oo);
        UNARY[UnaryOp.SIGMOID.ordinal()] =
                (n, x, xo, p, q, out, oo) -> VectorTranscendental.sigmoidRun(n, x, xo, out, oo);
        UNARY[UnaryOp.TANH.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorTranscendental.tanhRun(n, x, xo, out, oo);
        UNARY[UnaryOp.EXPM1.ordinal()] =
                (n, x, xo, p, q, out, oo) -> VectorTranscendental.expm1Run(n, x, xo, out, oo);
        UNARY[UnaryOp.LOG1P.ordinal()] =
                (n, x, xo, p, q, out, oo) -> VectorTranscendental.log1pRun(n, x, xo, out, oo);
        UNARY[UnaryOp.ERF.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorTranscendental.erfRun(n, x, xo, out, oo);
        UNARY[UnaryOp.GELU.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorGelu.geluRun(n, x, xo, out, oo);
        UNARY[UnaryOp.GELU_TANH.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorGelu.geluTanhRun(n, x, xo, out, oo);
        UNARY[UnaryOp.SIN.ordinal()] = (n, x, xo, p, q, out, oo) ->
                VectorTranscendental.trigRun(n, x, xo, VectorTranscendental.SIN, out, oo);
        UNARY[UnaryOp.COS.ordinal()] = (n, x, xo, p, q, out, oo) ->
                VectorTranscendental.trigRun(n, x, xo, VectorTranscendental.COS, out, oo);
        UNARY[UnaryOp.TAN.ordinal()] = (n, x, xo, p, q, out, oo) ->
                VectorTranscendental.trigRun(n, x, xo, VectorTranscendental.TAN, out, oo);
        UNARY[UnaryOp.RELU.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S);
            for (int i = 0; i < n; i += L) {
                FloatVector v = fromArray(S, x, xo + i);
                v.blend(zero, v.compare(VectorOperators.LT, 0f)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.ADD_SCALAR.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).add(p).intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.MUL_SCALAR.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).mul(p).intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.DIV_SCALAR.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).div(p).intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.RSUB_SCALAR.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector pv = FloatVector.broadcast(S, p);
            for (int i = 0; i < n; i += L) pv.sub(fromArray(S, x, xo + i)).intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.RDIV_SCALAR.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector pv = FloatVector.broadcast(S, p);
            for (int i = 0; i < n; i += L) pv.div(fromArray(S, x, xo + i)).intoArray(out, oo + i);
            return n;
        };
        UNARY[UnaryOp.CLAMP.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).max(p).min(q).intoArray(out, oo + i);
            return n;
        };
        // Masks against p (and q) give 1 or 0 as the scalar ternaries do: NaN compares false but for NE.
        UNARY[UnaryOp.GT_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, x, xo + i).compare(VectorOperators.GT, p)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.LT_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, x, xo + i).compare(VectorOperators.LT, p)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.GE_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, x, xo + i).compare(VectorOperators.GE, p)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.LE_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, x, xo + i).compare(VectorOperators.LE, p)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.EQ_SCALAR_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, x, xo + i).compare(VectorOperators.EQ, p)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.NE_SCALAR_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                zero.blend(one, fromArray(S, x, xo + i).compare(VectorOperators.NE, p)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.CLAMP_MASK.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            for (int i = 0; i < n; i += L) {
                FloatVector v = fromArray(S, x, xo + i);
                zero.blend(one, v.compare(VectorOperators.GE, p).and(v.compare(VectorOperators.LE, q)))
                        .intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.REPLACE_INFINITIES.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector pv = FloatVector.broadcast(S, p), qv = FloatVector.broadcast(S, q);
            for (int i = 0; i < n; i += L) {
                FloatVector v = fromArray(S, x, xo + i);
                v.blend(pv, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                        .blend(qv, v.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY)).intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.REPLACE_NAN.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector pv = FloatVector.broadcast(S, p);
            for (int i = 0; i < n; i += L) {
                FloatVector v = fromArray(S, x, xo + i);
                v.blend(pv, v.compare(VectorOperators.NE, v)).intoArray(out, oo + i);
            }
            return n;
        };
        // 1 above zero, -1 below, 0 at either zero and for NaN.
        UNARY[UnaryOp.SIGN.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
            FloatVector minusOne = FloatVector.broadcast(S, -1f);
            for (int i = 0; i < n; i += L) {
                FloatVector v = fromArray(S, x, xo + i);
                zero.blend(one, v.compare(VectorOperators.GT, 0f)).blend(minusOne, v.compare(VectorOperators.LT, 0f))
                        .intoArray(out, oo + i);
            }
            return n;
        };
        UNARY[UnaryOp.FLOOR.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorRounding.run(n, x, xo,
                VectorRounding.FLOOR, out, oo);
        UNARY[UnaryOp.CEIL.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorRounding.run(n, x, xo,
                VectorRounding.CEIL, out, oo);
        UNARY[UnaryOp.ROUND.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorRounding.run(n, x, xo,
                VectorRounding.ROUND, out, oo);
        UNARY[UnaryOp.TRUNC.ordinal()] = (n, x, xo, p, q, out, oo) -> VectorRounding.run(n, x, xo,
                VectorRounding.TRUNC, out, oo);
        // Exponents 2 and 3 as products, as the scalar path takes them; others by Power's steps (powRun), not the
        // Vector API's POW, which rounds differently compiled and interpreted.
        UNARY[UnaryOp.POW_SCALAR.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            if (p == 2f) {
                for (int i = 0; i < n; i += L) {
                    FloatVector v = fromArray(S, x, xo + i);
                    v.mul(v).intoArray(out, oo + i);
                }
                return n;
            }
            if (p == 3f) {
                for (int i = 0; i < n; i += L) {
                    FloatVector v = fromArray(S, x, xo + i);
                    v.mul(v).mul(v).intoArray(out, oo + i);
                }
                return n;
            }
            if (p == 1f) {   // x itself, NaN included
                for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).intoArray(out, oo + i);
                return n;
            }
            if (p == 0f) {   // 1 everywhere, NaN included, as C's pow (PyTorch's) gives
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (int i = 0; i < n; i += L) one.intoArray(out, oo + i);
                return n;
            }
            // other finite exponents: Power.pow's steps on vectors
            return Float.isFinite(p) ? VectorTranscendental.powRun(n, x, xo, p, 1f, out, oo) : 0;
        };
        UNARY[UnaryOp.POW_SCALAR_GRAD.ordinal()] = (n, x, xo, p, q, out, oo) -> {
            // p * x^(p-1), with the scalar pow's own cases (x^0 = 1, x^1, x^2 and x^3 as products) in the same order
            if (p == 2f) {
                for (int i = 0; i < n; i += L) fromArray(S, x, xo + i).mul(2f).intoArray(out, oo + i);
                return n;
            }
            if (p == 3f) {
                for (int i = 0; i < n; i += L) {
                    FloatVector v = fromArray(S, x, xo + i);
                    v.mul(v).mul(3f).intoArray(out, oo + i);
                }
                return n;
            }
            if (p == 4f) {
                for (int i = 0; i < n; i += L) {
                    FloatVector v = fromArray(S, x, xo + i);
                    v.mul(v).mul(v).mul(4f).intoArray(out, oo + i);
                }
                return n;
            }
            if (p == 1f || p == 0f) {   // 1 * x^0 = 1, and PyTorch's 0 for p = 0
                FloatVector c = FloatVector.broadcast(S, p);
                for (int i = 0; i < n; i += L) c.intoArray(out, oo + i);
                return n;
            }
            return Float.isFinite(p) ? VectorTranscendental.powRun(n, x, xo, p - 1f, p, out, oo) : 0;
        };
    }

    /**
     * {@link Elementwise#select} with a unit-stride condition and x and y each unit-stride or one value: a blend under
     * the lanes whose condition is not 0, where the element-by-element choice was a branch the data decided (on a
     * random mask, mispredicted half the time).
     */
    static void select(int n, float[] c, int co, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] out,
                       int oo) {
        int bound = S.loopBound(n);
        FloatVector xb = FloatVector.broadcast(S, x[xo]), yb = FloatVector.broadcast(S, y[yo]);
        for (int i = 0; i < bound; i += L) {
            FloatVector xv = xs == 0 ? xb : fromArray(S, x, xo + i), yv = ys == 0 ? yb : fromArray(S, y, yo + i);
            yv.blend(xv, fromArray(S, c, co + i).compare(VectorOperators.NE, 0f)).intoArray(out, oo + i);
        }
        ScalarElementwise.select(n, c, co, 1, x, xo, xs, y, yo, ys, out, oo, bound);
    }

    /** Whether {@link #binaryVV} has a vector loop for {@code op}. */
    static boolean hasLoop(BinaryOp op) {
        return VV[op.ordinal()] != null;
    }

    /** Whether {@link #unary} has a vector loop for {@code op} (which may still decline some p). */
    static boolean hasLoop(UnaryOp op) {
        return UNARY[op.ordinal()] != null;
    }

    /** {@code out = op(a, b)}, all three unit-stride. */
    static boolean binaryVV(BinaryOp op, int n, float[] a, int ao, float[] b, int bo, float[] out, int oo) {
        BinaryLoop loop = VV[op.ordinal()];
        if (loop == null) {
            return false;
        }
        int bound = S.loopBound(n);
        loop.run(bound, a, ao, b, bo, out, oo);
        ScalarElementwise.binary(op, n - bound, a, ao + bound, 1, b, bo + bound, 1, out, oo + bound, 1);
        return true;
    }

    /** {@code out = op(a, s)}: the second operand one scalar broadcast over a unit-stride run. */
    static boolean binaryVS(BinaryOp op, int n, float[] a, int ao, float s, float[] out, int oo) {
        ScalarLoop loop = VS[op.ordinal()];
        if (loop == null) {
            return false;
        }
        int bound = S.loopBound(n);
        loop.run(bound, a, ao, s, out, oo);
        for (int i = bound; i < n; i++) {
            out[oo + i] = ScalarMath.apply(op, a[ao + i], s);
        }
        return true;
    }

    /** {@code out = op(s, b)}: the first operand one scalar broadcast over a unit-stride run. */
    static boolean binarySV(BinaryOp op, int n, float s, float[] b, int bo, float[] out, int oo) {
        ScalarLoop loop = SV[op.ordinal()];
        if (loop == null) {
            return false;
        }
        int bound = S.loopBound(n);
        loop.run(bound, b, bo, s, out, oo);
        for (int i = bound; i < n; i++) {
            out[oo + i] = ScalarMath.apply(op, s, b[bo + i]);
        }
        return true;
    }

    /** {@code out = op(x; p, q)}, both unit-stride. */
    static boolean unary(UnaryOp op, float p, float q, int n, float[] x, int xo, float[] out, int oo) {
        UnaryLoop loop = UNARY[op.ordinal()];
        if (loop == null) {
            return false;
        }
        int i = loop.run(S.loopBound(n), x, xo, p, q, out, oo);
        ScalarElementwise.unary(op, p, q, n - i, x, xo + i, 1, out, oo + i, 1);
        return true;
    }
}
