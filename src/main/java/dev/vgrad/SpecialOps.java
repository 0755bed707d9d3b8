package dev.vgrad;

import static dev.vgrad.Compute.map;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.SpecialFunctions;
import dev.vgrad.kernels.UnaryOp;

/**
 * torch.special's functions behind {@link Special} and the Tensor methods: the gamma family, the complementary, scaled
 * and inverse error functions, the normal CDF, its log and its inverse, the Bessel functions I0 and I1 (plain and
 * scaled), entr, xlog1py and the Hurwitz zeta function, each forward beside its backward rule (derivatives.yaml's, in
 * differentiable ops: lgamma's derivative is digamma, digamma's is polygamma(1), polygamma(n)'s is polygamma(n + 1),
 * I0's is I1, so every order is available). The forwards are {@link dev.vgrad.kernels.SpecialFunctions}, in double
 * rounded once (erfinv: PyTorch's own float algorithm).
 */
final class SpecialOps {
    private SpecialOps() {}

    private static final float TWO_OVER_SQRT_PI = 1.1283791670955126f;
    private static final float SQRT_PI_OVER_TWO = 0.886226925452758f;

    static Tensor lgamma(Tensor x) {
        Tensor out = map(UnaryOp.LGAMMA, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "LgammaBackward0", x, x, (g, v) -> g.mul(digamma(v))) : out;
    }

    static Tensor digamma(Tensor x) {
        Tensor out = map(UnaryOp.DIGAMMA, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "DigammaBackward0", x, x, (g, v) -> g.mul(polygamma(1, v)))
                : out;
    }

    static Tensor polygamma(int n, Tensor x) {
        if (n < 0) {
            throw new IllegalArgumentException("polygamma(n, x) does not support negative n.");
        }
        Tensor out = map(UnaryOp.POLYGAMMA, n, x);
        return Graph.recording(x) ? Graph.record(out, "PolygammaBackward0", x, x,
                (g, v) -> g.mul(polygamma(n + 1, v))) : out;
    }

    /** erfc; its gradient is {@code -g * 2/sqrt(pi) * e^(-x^2)}. */
    static Tensor erfc(Tensor x) {
        Tensor out = map(UnaryOp.ERFC, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ErfcBackward0", x, x,
                (g, v) -> g.mul(v.mul(v).neg().exp().mul(-TWO_OVER_SQRT_PI))) : out;
    }

    /** erfinv; its gradient is {@code g * sqrt(pi)/2 * e^(erfinv(x)^2)}, from the output. */
    static Tensor erfinv(Tensor x) {
        Tensor out = map(UnaryOp.ERFINV, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "ErfinvBackward0", x, out,
                (g, y) -> g.mul(y.mul(y).exp().mul(SQRT_PI_OVER_TWO))) : out;
    }

    private static final float SQRT_2PI = 2.5066282746310002f, INV_SQRT_2PI = 0.3989422804014327f;

    /** exp(x^2) erfc(x); its gradient is {@code g (2 x erfcx(x) - 2 / sqrt(pi))}. */
    static Tensor erfcx(Tensor x) {
        Tensor out = map(UnaryOp.ERFCX, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SpecialErfcxBackward0", x, x,
                (g, v) -> g.mul(v.mul(erfcx(v)).mul(2f).sub(TWO_OVER_SQRT_PI))) : out;
    }

    /** The standard normal CDF; its gradient is the density, {@code g exp(-x^2 / 2) / sqrt(2 pi)}. */
    static Tensor ndtr(Tensor x) {
        Tensor out = map(UnaryOp.NDTR, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SpecialNdtrBackward0", x, x,
                (g, v) -> g.mul(v.mul(v).mul(-0.5f).exp().mul(INV_SQRT_2PI))) : out;
    }

    /** The inverse normal CDF; its gradient is {@code g sqrt(2 pi) exp(y^2 / 2)}, from the output y. */
    static Tensor ndtri(Tensor x) {
        Tensor out = map(UnaryOp.NDTRI, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SpecialNdtriBackward0", x, out,
                (g, y) -> g.mul(y.mul(y).mul(0.5f).exp().mul(SQRT_2PI))) : out;
    }

    /** log of the normal CDF; its gradient is PyTorch's {@code g exp(-(y + x^2 / 2)) / sqrt(2 pi)}, y the output. */
    static Tensor logNdtr(Tensor x) {
        Tensor out = map(UnaryOp.LOG_NDTR, 0f, x);
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.recordWithOutput(out, "SpecialLogNdtrBackward0", x,
                (g, v, y) -> g.mul(y.add(v.mul(v).mul(0.5f)).neg().exp().mul(INV_SQRT_2PI)));
    }

    /** I0; its gradient is {@code g I1(x)}. */
    static Tensor i0(Tensor x) {
        Tensor out = map(UnaryOp.I0, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "I0Backward0", x, x, (g, v) -> g.mul(i1(v))) : out;
    }

    /** exp(-|x|) I0(x); its gradient is {@code g (i1e(x) - sgn(x) i0e(x))}. */
    static Tensor i0e(Tensor x) {
        Tensor out = map(UnaryOp.I0E, 0f, x);
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.recordWithOutput(out, "SpecialI0EBackward0", x, (g, v, y) -> g.mul(i1e(v).sub(v.sign().mul(y))));
    }

    /**
     * I1; its gradient is PyTorch's {@code g (i0(x) - i1(x) / x)}, 0.5 g where |x| is not above float's epsilon (the
     * limit at 0, without the 0/0).
     */
    static Tensor i1(Tensor x) {
        Tensor out = map(UnaryOp.I1, 0f, x);
        return Graph.recording(x) ? recordBesselOne(out, "SpecialI1Backward0", x,
                (safe, y) -> i0(safe).sub(y.div(safe))) : out;
    }

    /** exp(-|x|) I1(x); its gradient is PyTorch's {@code g (i0e(x) - i1e(x) (sgn(x) + 1 / x))}, 0.5 g near 0. */
    static Tensor i1e(Tensor x) {
        Tensor out = map(UnaryOp.I1E, 0f, x);
        return Graph.recording(x) ? recordBesselOne(out, "SpecialI1EBackward0", x,
                (safe, y) -> i0e(safe).sub(y.mul(safe.sign().add(safe.reciprocal())))) : out;
    }

    /** i1's and i1e's node: the rule on x kept away from 0 (float's epsilon there), and 0.5 where |x| <= eps. */
    private static Tensor recordBesselOne(Tensor out, String name, Tensor x,
            java.util.function.BinaryOperator<Tensor> rule) {
        return Graph.recordWithOutput(out, name, x, (g, v, y) -> {
            Tensor notTiny = v.abs().gt(Math.ulp(1f));
            Tensor safe = Tensor.where(notTiny, v, Tensor.scalar(Math.ulp(1f)));
            return g.mul(Tensor.where(notTiny, rule.apply(safe, y), Tensor.scalar(0.5f)));
        });
    }

    /** -x log x; its gradient is {@code -g (1 + log x)}. */
    static Tensor entr(Tensor x) {
        Tensor out = map(UnaryOp.ENTR, 0f, x);
        return Graph.recording(x) ? Graph.record(out, "SpecialEntrBackward0", x, x,
                (g, v) -> g.mul(v.log().add(1f).neg())) : out;
    }

    /**
     * {@code x log1p(y)}, 0 where x is 0 and y is not NaN (torch.special.xlog1py). Gradients as PyTorch's: {@code
     * dx = xlog1py(g, y)}, set to 0 where x == 0 and y <= -1; {@code dy = g x / (1 + y)}.
     */
    static Tensor xlog1py(Tensor x, Tensor y) {
        Tensor out = Compute.zipDouble("xlog1py", x, y, (a, b) -> a == 0 && b == b ? 0 : a * StrictMath.log1p(b));
        if (!Graph.recording(x, y)) {
            return out;
        }
        int[] sx = x.shape, sy = y.shape;
        out.setGradFn(new Node("SpecialXlog1pyBackward0", x, y) {
            private final SavedTensor savedX = save(x), savedY = save(y);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor a = savedX.get(), b = savedY.get(), da = null, db = null;
                if (needsGrad(0)) {
                    Tensor flat = a.eq(0f).mul(b.le(-1f));
                    da = Reduction.sumTo(Tensor.where(flat, Tensor.scalar(0f), xlog1py(g, b)), sx);
                }
                if (needsGrad(1)) {
                    db = Reduction.sumTo(g.mul(a).div(b.add(1f)), sy);
                }
                return grads(da, db);
            }
        });
        return out;
    }

    /**
     * The Hurwitz zeta function sum over k >= 0 of (q + k)^-x (torch.special.zeta). Only q's gradient exists, as in
     * PyTorch: {@code dq = -g x zeta(x + 1, q)}; asking for x's is refused with PyTorch's message.
     */
    static Tensor zeta(Tensor x, Tensor q) {
        Tensor out = Compute.zipDouble("zeta", x, q, SpecialFunctions::hurwitzZeta);
        if (!Graph.recording(x, q)) {
            return out;
        }
        int[] sq = q.shape;
        out.setGradFn(new Node("SpecialZetaBackward0", x, q) {
            private final SavedTensor savedX = save(x), savedQ = save(q);

            @Override
            protected Tensor[] apply(Tensor g) {
                if (needsGrad(0)) {
                    throw new IllegalStateException("the derivative for 'zeta' is not implemented.");
                }
                Tensor a = savedX.get();
                return grads(null, Reduction.sumTo(g.mul(a).mul(zeta(a.add(1f), savedQ.get())).neg(), sq));
            }
        });
        return out;
    }

    /**
     * The multivariate log-gamma function of dimension p: {@code p (p - 1) / 4 log(pi) + sum over i < p of lgamma(x -
     * i / 2)}. (PyTorch 1.13 no longer refuses elements at or below (p - 1) / 2; neither does this.)
     */
    static Tensor mvlgamma(Tensor x, int p) {
        if (p < 1) {
            throw new IllegalArgumentException("p has to be greater than or equal to 1");
        }
        Tensor sum = null;
        for (int i = 0; i < p; i++) {
            Tensor term = lgamma(x.sub(i / 2f));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.add((float) (p * (p - 1) / 4.0 * StrictMath.log(Math.PI)));
    }
}
