package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.zip;

import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.UnaryOp;

/**
 * One-input elementwise ops, each forward beside its backward rule. Rules that can be written in terms of
 * the output save the output (exp, sqrt, relu, sigmoid, tanh), so the input can be freed.
 */
final class Pointwise {
    private Pointwise() {}

    static Tensor neg(Tensor x) {
        Tensor out = map(UnaryOp.NEG, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "NegBackward0", x, g -> map(UnaryOp.NEG, 0f, g)) : out;
    }

    static Tensor exp(Tensor x) {
        Tensor out = map(UnaryOp.EXP, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ExpBackward0", x, out, (g, y) -> zip(BinaryOp.MUL, g, y)) : out;
    }

    static Tensor log(Tensor x) {
        Tensor out = map(UnaryOp.LOG, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "LogBackward0", x, x, (g, v) -> zip(BinaryOp.DIV, g, v)) : out;
    }

    static Tensor sqrt(Tensor x) {
        Tensor out = map(UnaryOp.SQRT, 0f, x);
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.record(out, "SqrtBackward0", x, out,
                (g, y) -> zip(BinaryOp.DIV, g, map(UnaryOp.MUL_SCALAR, 2f, y)));
    }

    static Tensor abs(Tensor x) {
        Tensor out = map(UnaryOp.ABS, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AbsBackward0", x, x, (g, v) -> zip(BinaryOp.ABS_GRAD, g, v)) : out;
    }

    static Tensor relu(Tensor x) {
        Tensor out = map(UnaryOp.RELU, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ReluBackward0", x, out, (g, y) -> zip(BinaryOp.RELU_GRAD, g, y)) : out;
    }

    static Tensor sigmoid(Tensor x) {
        Tensor out = map(UnaryOp.SIGMOID, 0f, x);
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.record(out, "SigmoidBackward0", x, out, (g, y) -> zip(BinaryOp.SIGMOID_GRAD, g, y));
    }

    static Tensor tanh(Tensor x) {
        Tensor out = map(UnaryOp.TANH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "TanhBackward0", x, out, (g, y) -> zip(BinaryOp.TANH_GRAD, g, y)) : out;
    }

    static Tensor clamp(Tensor x, float min, float max) {
        Tensor out = map(UnaryOp.CLAMP, min, max, x);
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.record(out, "ClampBackward1", x, x,
                (g, v) -> zip(BinaryOp.MUL, g, map(UnaryOp.CLAMP_MASK, min, max, v)));
    }

    static Tensor cloneTensor(Tensor x) {
        Tensor out = Compute.copy(x);
        return Graph.recording(x) ? Graph.record(out, "CloneBackward0", x, g -> g) : out;
    }

    static void copyInto(Tensor x, float[] dst, int off) {
        Compute.copyInto(x, dst, off);
    }
}
