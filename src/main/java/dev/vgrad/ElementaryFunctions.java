package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.zip;
import static dev.vgrad.Reduction.sumTo;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.UnaryOp;

/**
 * The trigonometric and hyperbolic functions and their inverses, base-2 and base-10 logarithms, {@code 2^x}, and the
 * two-operand atan2, hypot, logaddexp, logaddexp2, xlogy, fmod and remainder, each forward beside its backward rule.
 * The rules are PyTorch's (derivatives.yaml), written in differentiable ops so each can be differentiated again; the
 * forwards run in double and round once, as sin and cos do, so they agree with PyTorch's float kernels to an ulp or
 * two (fmod and remainder are exact).
 */
final class ElementaryFunctions {
    private ElementaryFunctions() {}

    private static final float LN2 = 0.6931471805599453f;
    private static final float LN10 = 2.302585092994046f;

    static Tensor tan(Tensor x) {
        Tensor out = map(UnaryOp.TAN, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "TanBackward0", x, out, (g, y) -> g.mul(y.mul(y).add(1f))) : out;
    }

    static Tensor asin(Tensor x) {
        Tensor out = map(UnaryOp.ASIN, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AsinBackward0", x, x, (g, v) -> g.mul(oneMinusSquare(v).rsqrt()))
                : out;
    }

    static Tensor acos(Tensor x) {
        Tensor out = map(UnaryOp.ACOS, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AcosBackward0", x, x,
                (g, v) -> g.mul(oneMinusSquare(v).rsqrt().neg())) : out;
    }

    static Tensor atan(Tensor x) {
        Tensor out = map(UnaryOp.ATAN, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AtanBackward0", x, x, (g, v) -> g.div(v.mul(v).add(1f))) : out;
    }

    static Tensor sinh(Tensor x) {
        Tensor out = map(UnaryOp.SINH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SinhBackward0", x, x, (g, v) -> g.mul(v.cosh())) : out;
    }

    static Tensor cosh(Tensor x) {
        Tensor out = map(UnaryOp.COSH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "CoshBackward0", x, x, (g, v) -> g.mul(v.sinh())) : out;
    }

    static Tensor asinh(Tensor x) {
        Tensor out = map(UnaryOp.ASINH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AsinhBackward0", x, x, (g, v) -> g.mul(v.mul(v).add(1f).rsqrt()))
                : out;
    }

    static Tensor acosh(Tensor x) {
        Tensor out = map(UnaryOp.ACOSH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AcoshBackward0", x, x, (g, v) -> g.mul(v.mul(v).sub(1f).rsqrt()))
                : out;
    }

    static Tensor atanh(Tensor x) {
        Tensor out = map(UnaryOp.ATANH, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "AtanhBackward0", x, x, (g, v) -> g.div(oneMinusSquare(v))) : out;
    }

    static Tensor log2(Tensor x) {
        Tensor out = map(UnaryOp.LOG2, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "Log2Backward0", x, x, (g, v) -> g.div(v.mul(LN2))) : out;
    }

    static Tensor log10(Tensor x) {
        Tensor out = map(UnaryOp.LOG10, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "Log10Backward0", x, x, (g, v) -> g.div(v.mul(LN10))) : out;
    }

    static Tensor exp2(Tensor x) {
        Tensor out = map(UnaryOp.EXP2, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "Exp2Backward0", x, out, (g, y) -> g.mul(y).mul(LN2)) : out;
    }

    private static Tensor oneMinusSquare(Tensor v) {
        return v.mul(v).rsub(1f);
    }

    /** atan2(a, b): {@code da = g b / (a^2 + b^2)}, {@code db = -g a / (a^2 + b^2)}. */
    static Tensor atan2(Tensor a, Tensor b) {
        return binary(BinaryOp.ATAN2, "atan2", "Atan2Backward0", a, b,
                (g, av, bv, y) -> g.mul(bv).mul(squares(av, bv).reciprocal()),
                (g, av, bv, y) -> g.mul(av.neg()).mul(squares(av, bv).reciprocal()));
    }

    private static Tensor squares(Tensor a, Tensor b) {
        return a.mul(a).add(b.mul(b));
    }

    /** hypot(a, b): {@code da = g a / out}, {@code db = g b / out}. */
    static Tensor hypot(Tensor a, Tensor b) {
        return binary(BinaryOp.HYPOT, "hypot", "HypotBackward0", a, b,
                (g, av, bv, y) -> g.mul(av).div(y), (g, av, bv, y) -> g.mul(bv).div(y));
    }

    /** logaddexp(a, b): {@code da = g / (1 + e^(b - a))}, and db the same with a and b swapped. */
    static Tensor logaddexp(Tensor a, Tensor b) {
        return binary(BinaryOp.LOGADDEXP, "logaddexp", "LogaddexpBackward0", a, b,
                (g, av, bv, y) -> g.div(bv.sub(av).exp().add(1f)), (g, av, bv, y) -> g.div(av.sub(bv).exp().add(1f)));
    }

    /**
     * logaddexp2(a, b) = log2(2^a + 2^b), PyTorch's rules: {@code da = g / (1 + 2^(b - a))}, {@code db} the same with a
     * and b swapped.
     */
    static Tensor logaddexp2(Tensor a, Tensor b) {
        return binary(BinaryOp.LOGADDEXP2, "logaddexp2", "Logaddexp2Backward0", a, b,
                (g, av, bv, y) -> g.div(bv.sub(av).exp2().add(1f)), (g, av, bv, y) -> g.div(av.sub(bv).exp2().add(1f)));
    }

    /**
     * xlogy(a, b) = a log(b), 0 where a == 0 (unless b is NaN). As PyTorch 1.13's rule: {@code da = xlogy(g, b)}, set to
     * 0 where a == 0 and b <= 0 (the flat zero of the forward, where log(b) is -inf or NaN), and {@code db = g a / b}.
     * A NaN b is not {@code <= 0}, so its NaN reaches da where a == 0 too.
     */
    static Tensor xlogy(Tensor a, Tensor b) {
        return binary(BinaryOp.XLOGY, "xlogy", "XlogyBackward0", a, b,
                (g, av, bv, y) -> Pointwise.zeroUnless(xlogy(g, bv), map(UnaryOp.EQ_SCALAR_MASK, 0f,
                        zip(BinaryOp.MIN, map(UnaryOp.EQ_SCALAR_MASK, 0f, av), map(UnaryOp.LE_MASK, 0f, bv)))),
                (g, av, bv, y) -> g.mul(av).div(bv));
    }

    /**
     * fmod(a, b), C's (the remainder with a's sign): {@code da = g}, {@code db = -g trunc(a / b)}, PyTorch's rule with
     * the quotient rounded as {@code div(a, b, "trunc")} rounds it.
     */
    static Tensor fmod(Tensor a, Tensor b) {
        return binary(BinaryOp.FMOD, "fmod", "FmodBackward1", a, b, (g, av, bv, y) -> g,
                (g, av, bv, y) -> g.mul(av.div(bv, "trunc")).neg());
    }

    /** remainder(a, b), with b's sign: {@code da = g}, {@code db = -g floor(a / b)}, floored as {@code div} floors. */
    static Tensor remainder(Tensor a, Tensor b) {
        return binary(BinaryOp.REMAINDER, "remainder", "RemainderBackward1", a, b, (g, av, bv, y) -> g,
                (g, av, bv, y) -> g.mul(av.div(bv, "floor")).neg());
    }

    /** One input's gradient of a two-operand op, from the output gradient, both operands and the output. */
    @FunctionalInterface
    private interface Rule {
        Tensor apply(Tensor g, Tensor a, Tensor b, Tensor out);
    }

    /** {@code op(a, b)} broadcast, recorded with the two rules; each gradient is summed back to its operand's shape. */
    private static Tensor binary(BinaryOp op, String name, String nodeName, Tensor a, Tensor b, Rule da, Rule db) {
        Tensor out = zip(op, a, b, name);
        if (!Graph.recording(a, b)) {
            return out;
        }
        int[] sa = a.shape, sb = b.shape;
        out.setGradFn(new Node(nodeName, a, b) {
            private final SavedTensor savedA = save(a), savedB = save(b), savedOut = saveOutput(out);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor av = savedA.get(), bv = savedB.get(), y = savedOut.get();
                return grads(needsGrad(0) ? sumTo(da.apply(g, av, bv, y), sa) : null,
                        needsGrad(1) ? sumTo(db.apply(g, av, bv, y), sb) : null);
            }
        });
        return out;
    }
}
