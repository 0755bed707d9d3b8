package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.zip;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Gelu;
import dev.vgrad.kernels.UnaryOp;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * One-input elementwise ops, each forward beside its backward rule, and their in-place forms. Rules that can be
 * written in terms of the output save the output (exp, sqrt, relu, sigmoid, tanh), so the input can be freed.
 * The activations' backward formulas run as one fused kernel each ({@link #zeroUnless}, {@link #sigmoidGrad},
 * {@link #tanhGrad}) and are themselves differentiable ops, as PyTorch's threshold_backward and sigmoid_backward
 * are: that keeps backward one pass over memory and every rule twice differentiable.
 */
final class Pointwise {
    private Pointwise() {}

    static Tensor neg(Tensor x) {
        Tensor out = map(UnaryOp.NEG, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "NegBackward0", x, Tensor::neg) : out;
    }

    static Tensor exp(Tensor x) {
        Tensor out = map(UnaryOp.EXP, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ExpBackward0", x, out, Tensor::mul) : out;
    }

    static Tensor log(Tensor x) {
        Tensor out = map(UnaryOp.LOG, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "LogBackward0", x, x, Tensor::div) : out;
    }

    static Tensor sqrt(Tensor x) {
        Tensor out = map(UnaryOp.SQRT, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SqrtBackward0", x, out, (g, y) -> g.div(y.mul(2f))) : out;
    }

    /**
     * |x|; its gradient is {@code g * sign(x)}, and 0 at 0 and at NaN, as PyTorch's: one pass (ABS_GRAD) where the
     * backward records nothing, the product with a sign mask where it does (createGraph), which differentiates in g.
     */
    static Tensor abs(Tensor x) {
        Tensor out = map(UnaryOp.ABS, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AbsBackward0", x, x, (g, v) -> Graph.recording(g)
                ? g.mul(map(UnaryOp.SIGN, 0f, v)) : zip(BinaryOp.ABS_GRAD, g, v, "abs_backward")) : out;
    }

    static Tensor relu(Tensor x) {
        Tensor out = map(UnaryOp.RELU, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ReluBackward0", x, out, Pointwise::zeroUnless) : out;
    }

    static Tensor sigmoid(Tensor x) {
        Tensor out = map(UnaryOp.SIGMOID, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SigmoidBackward0", x, out, Pointwise::sigmoidGrad) : out;
    }

    static Tensor tanh(Tensor x) {
        Tensor out = map(UnaryOp.TANH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "TanhBackward0", x, out, Pointwise::tanhGrad) : out;
    }

    /** min(max(x, min), max); the gradient passes where min <= x <= max, as PyTorch's clamp_backward. */
    static Tensor clamp(Tensor x, float min, float max) {
        Tensor out = map(UnaryOp.CLAMP, min, max, x);
        return Graph.recording(x) ? Graph.record(out, "ClampBackward1", x, x,
                (g, v) -> zeroUnless(g, map(UnaryOp.CLAMP_MASK, min, max, v))) : out;
    }

    /**
     * NaN, +inf and -inf replaced: the infinities in one pass, then NaN in place over the result (six passes as three
     * {@code where}s and their masks before). The gradient is PyTorch's {@code grad * isfinite(x)}, the mask in one
     * pass as CLAMP_MASK between the largest finite floats, so a NaN or infinite incoming gradient where x was not
     * finite gives NaN there, as in PyTorch, not 0.
     */
    static Tensor nanToNum(Tensor x, float nan, float posinf, float neginf) {
        Tensor out = map(UnaryOp.REPLACE_INFINITIES, posinf, neginf, x);
        Compute.mapInto(UnaryOp.REPLACE_NAN, nan, 0f, out, out);
        return Graph.recording(x) ? Graph.record(out, "NanToNumBackward0", x, x,
                (g, v) -> g.mul(map(UnaryOp.CLAMP_MASK, -Float.MAX_VALUE, Float.MAX_VALUE, v))) : out;
    }

    /**
     * floor, ceil, round or trunc: their gradient is 0 everywhere (PyTorch's zeros_like; no NaN from an incoming
     * one), since the step function's derivative is 0 wherever it exists.
     */
    static Tensor rounded(Tensor x, UnaryOp op, String node) {
        Tensor out = map(op, 0f, x);
        int[] shape = x.shape;
        return Graph.recording(x) ? Graph.record(out, node, x, g -> Tensor.zeros(shape)) : out;
    }

    /**
     * torch.angle of real numbers: pi below 0, 0 from 0 up (-0 included), NaN for NaN; its gradient is 0 everywhere,
     * as PyTorch's AngleBackward0 gives for a real input.
     */
    static Tensor angle(Tensor x) {
        Tensor out;
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            out = Tensor.where(x.isnan(), x, x.lt(0f).mul((float) Math.PI));
        }
        int[] shape = x.shape;
        return Graph.recording(x) ? Graph.record(out, "AngleBackward0", x, g -> Tensor.zeros(shape)) : out;
    }

    /** fmod or remainder by a scalar: x less a multiple of p, so the gradient with respect to x passes unchanged. */
    static Tensor remainder(Tensor x, UnaryOp op, float p, String node) {
        Tensor out = map(op, p, x);
        return Graph.recording(x) ? Graph.record(out, node, x, g -> g) : out;
    }

    static Tensor sin(Tensor x) {
        Tensor out = map(UnaryOp.SIN, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SinBackward0", x, x, (g, v) -> timesFresh(g, v.cos())) : out;
    }

    static Tensor cos(Tensor x) {
        Tensor out = map(UnaryOp.COS, 0f, x);
        return Graph.recording(x)
                ? Graph.record(out, "CosBackward0", x, x, (g, v) -> timesFresh(g, v.sin().neg())) : out;
    }

    static Tensor log1p(Tensor x) {
        Tensor out = map(UnaryOp.LOG1P, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "Log1PBackward0", x, x, (g, v) -> g.div(v.add(1f))) : out;
    }

    /** e^x - 1; its gradient {@code g * (y + 1)} reads the output, as PyTorch's. */
    static Tensor expm1(Tensor x) {
        Tensor out = map(UnaryOp.EXPM1, 0f, x);
        return Graph.recording(x)
                ? Graph.record(out, "Expm1Backward0", x, out, (g, y) -> timesFresh(g, y.add(1f))) : out;
    }

    /** 1 / x; its gradient {@code -g * y^2} reads the output. */
    static Tensor reciprocal(Tensor x) {
        Tensor out = map(UnaryOp.RDIV_SCALAR, 1f, x);
        return Graph.recording(x)
                ? Graph.record(out, "ReciprocalBackward0", x, out, (g, y) -> timesFresh(g, y.mul(y)).neg()) : out;
    }

    /** 1 / sqrt(x); its gradient {@code -g * y^3 / 2} reads the output. */
    static Tensor rsqrt(Tensor x) {
        Tensor out = map(UnaryOp.RSQRT, 0f, x);
        return Graph.recording(x)
                ? Graph.record(out, "RsqrtBackward0", x, out, (g, y) -> timesFresh(g, y.pow(3f)).mul(-0.5f)) : out;
    }

    /**
     * {@code g * f} for a factor f that a backward rule has just made (no one else holds it): {@code g.mul(f)} where
     * the backward records (a backward of the backward), else into f's own memory where it can
     * ({@link Compute#zipOver}: g * f to the bit, one new tensor fewer).
     */
    static Tensor timesFresh(Tensor g, Tensor f) {
        return Graph.recording(g, f) ? g.mul(f) : Compute.zipOver(BinaryOp.MUL, g, f);
    }

    /** 2 / sqrt(pi), erf's derivative at 0. */
    private static final float TWO_OVER_SQRT_PI = 1.1283791670955126f;

    /** The error function; its gradient is {@code g * 2/sqrt(pi) * e^(-x^2)}. */
    static Tensor erf(Tensor x) {
        Tensor out = map(UnaryOp.ERF, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ErfBackward0", x, x,
                (g, v) -> timesFresh(g, v.mul(v).neg().exp().mul(TWO_OVER_SQRT_PI))) : out;
    }

    /** Exact GELU, {@code x Phi(x)}, one kernel pass; its gradient {@link #geluGrad} reads the input. */
    static Tensor gelu(Tensor x) {
        Tensor out = map(UnaryOp.GELU, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "GeluBackward0", x, x, Pointwise::geluGrad) : out;
    }

    /**
     * {@code g (Phi(x) + x phi(x))}, exact GELU's backward (PyTorch's gelu_backward), in one pass; differentiable in
     * both: in x its derivative is {@code g phi(x) (2 - x^2)}.
     */
    static Tensor geluGrad(Tensor g, Tensor x) {
        return backwardFormula(BinaryOp.GELU_GRAD, "gelu_backward", "GeluBackwardBackward0", g, x,
                Pointwise::geluGrad, (gg, gv, xv) -> gg.mul(gv).mul(xv.mul(xv).mul(-0.5f).exp()
                        .mul(Gelu.INV_SQRT_2PI)).mul(xv.mul(xv).neg().add(2f)));
    }

    /**
     * GELU's tanh approximation, {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, one kernel pass (as
     * {@code x sigmoid(2u)}); node GeluBackward0 as PyTorch names it for both approximations.
     */
    static Tensor geluTanh(Tensor x) {
        Tensor out = map(UnaryOp.GELU_TANH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "GeluBackward0", x, x, Pointwise::geluTanhGrad) : out;
    }

    /**
     * The tanh approximation's backward {@code g s (1 + 2x (1 - s) u')}, s = sigmoid(2u), in one pass; differentiable
     * in both. In x its derivative is {@code g (s' (1 + d) + s d')} with {@code d = 2x (1 - s) u'},
     * {@code s' = 2u' s (1 - s)} and {@code d' = 2 (1 - s) u' - 2x s' u' + 2x (1 - s) u''}, composed of ops.
     */
    static Tensor geluTanhGrad(Tensor g, Tensor x) {
        return backwardFormula(BinaryOp.GELU_TANH_GRAD, "gelu_backward", "GeluBackwardBackward0", g, x,
                Pointwise::geluTanhGrad, (gg, gv, xv) -> {
                    Tensor square = xv.mul(xv);
                    Tensor s = square.mul(xv).mul(Gelu.TANH_KAPPA).add(xv).mul(2f * Gelu.TANH_BETA).sigmoid();
                    Tensor rest = s.rsub(1f);
                    Tensor slope = square.mul(Gelu.THREE_KAPPA).add(1f).mul(Gelu.TANH_BETA);
                    Tensor curve = xv.mul(6f * Gelu.TANH_KAPPA * Gelu.TANH_BETA);
                    Tensor ds = slope.mul(2f).mul(s).mul(rest);
                    Tensor twoX = xv.mul(2f);
                    Tensor d = twoX.mul(rest).mul(slope);
                    Tensor dd = rest.mul(slope).mul(2f).sub(twoX.mul(ds).mul(slope)).add(twoX.mul(rest).mul(curve));
                    return gg.mul(gv).mul(ds.mul(d.add(1f)).add(s.mul(dd)));
                });
    }

    static Tensor cloneTensor(Tensor x) {
        Tensor out = Compute.copy(x);
        return Graph.recording(x) ? Graph.record(out, "CloneBackward0", x, g -> g) : out;
    }

    /**
     * {@code g} where {@code keep > 0}, else 0 (so an infinite or NaN g is not turned into NaN by a zero mask):
     * relu's backward ({@code keep} its output, PyTorch's threshold_backward) and the masking of every rule that
     * has a region of zero gradient. {@code keep} is a constant of the rule; the op is linear in g.
     */
    static Tensor zeroUnless(Tensor g, Tensor keep) {
        Tensor out = zip(BinaryOp.RELU_GRAD, g, keep, "threshold_backward");
        int[] gShape = g.shape;
        return Graph.recording(g) ? Graph.record(out, "ThresholdBackwardBackward0", g, keep,
                (gg, k) -> Reduction.sumTo(zeroUnless(gg, k), gShape)) : out;
    }

    /** {@code g * y * (1 - y)}, y a sigmoid's output, in one pass; differentiable in both. */
    static Tensor sigmoidGrad(Tensor g, Tensor y) {
        return backwardFormula(BinaryOp.SIGMOID_GRAD, "sigmoid_backward", "SigmoidBackwardBackward0", g, y,
                Pointwise::sigmoidGrad, (gg, gv, yv) -> gg.mul(gv).mul(yv.mul(-2f).add(1f)));
    }

    /** {@code g * (1 - y^2)}, y a tanh's output, in one pass; differentiable in both. */
    static Tensor tanhGrad(Tensor g, Tensor y) {
        return backwardFormula(BinaryOp.TANH_GRAD, "tanh_backward", "TanhBackwardBackward0", g, y,
                Pointwise::tanhGrad, (gg, gv, yv) -> gg.mul(gv).mul(yv).mul(-2f));
    }

    /** The derivative of a backward formula f(g, y) in y, given the incoming gradient gg. */
    @FunctionalInterface
    private interface SecondRule {
        Tensor apply(Tensor gg, Tensor g, Tensor y);
    }

    /**
     * A backward formula {@code f(g, y)} linear in g, computed by {@code op} in one pass ({@code name} in its errors)
     * and, where g or y carries history, given the node {@code node}: its gradient in g is {@code f(gg, y)}, its
     * gradient in y is {@code dy(gg, g, y)}.
     */
    private static Tensor backwardFormula(BinaryOp op, String name, String node, Tensor g, Tensor y,
                                          BinaryOperator<Tensor> f, SecondRule dy) {
        Tensor out = zip(op, g, y, name);
        if (Graph.recording(g, y)) {
            out.setGradFn(gradOfGrad(node, g, y, f, dy));
        }
        return out;
    }

    /** {@link #backwardFormula}'s node. */
    private static Node gradOfGrad(String name, Tensor g, Tensor y, BinaryOperator<Tensor> f, SecondRule dy) {
        return new Node(name, g, y) {
            private final SavedTensor savedG = needsGrad(1) ? save(g) : null;
            private final SavedTensor savedY = save(y);

            @Override
            protected Tensor[] apply(Tensor gg) {
                Tensor yv = savedY.get();
                return grads(needsGrad(0) ? f.apply(gg, yv) : null,
                        needsGrad(1) ? dy.apply(gg, savedG.get(), yv) : null);
            }
        };
    }

    /**
     * self = op(self) in place for an op that is one kernel pass ({@code exp_}, {@code sqrt_}, {@code clamp_}, ...):
     * written by the kernel in place when nothing is recorded; recorded, it is {@link InPlace#update} with {@code f},
     * the out-of-place op (which runs that kernel), so the history is the op's own.
     */
    static Tensor unary_(Tensor self, String name, UnaryOp op, float p, float q, UnaryOperator<Tensor> f) {
        if (GradMode.isEnabled() && self.requiresGrad()) {
            return InPlace.update(self, name, null, f);
        }
        InPlace.check(self, name, false);
        Compute.mapInto(op, p, q, self, self);
        self.versionCounter().bump();
        return self;
    }

    /**
     * An in-place unary op whose backward needs only its result (relu_, sigmoid_, tanh_, exp_): recorded on a tensor
     * that is not a view, the kernel writes self in place and the node ({@code nodeName}, the out-of-place op's, with
     * its {@code rule} of the gradient and the result) saves self as written, as PyTorch saves the result. The general
     * path ({@link #unary_}) ran the op on a copy of the old value and copied its result back: a recorded ReLU(true)
     * forward and backward took 1.3x the out-of-place one's time (8.4 against 6.4 ms on 64 x 64 x 28 x 28, Zen 4,
     * 2026-12-05). As in PyTorch, a later in-place change to self makes its backward refuse.
     */
    static Tensor unaryKeepingResult_(Tensor self, String name, UnaryOp op, String nodeName,
                                      BinaryOperator<Tensor> rule, UnaryOperator<Tensor> f) {
        if (!(GradMode.isEnabled() && self.requiresGrad()) || self.base != null) {
            return unary_(self, name, op, 0f, 0f, f);
        }
        InPlace.check(self, name, true);
        Compute.mapInto(op, 0f, 0f, self, self);
        self.versionCounter().bump();
        // recorded after the write: the node's edge is still self's old history, and self is saved at its new version
        return Graph.record(self, nodeName, self, self, rule);
    }

}
