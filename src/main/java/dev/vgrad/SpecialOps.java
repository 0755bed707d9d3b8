package dev.vgrad;

import static dev.vgrad.Compute.map;

import dev.vgrad.kernels.UnaryOp;

/**
 * torch.special's gamma-function family and the complementary and inverse error functions, each forward beside its
 * backward rule (derivatives.yaml's, in differentiable ops: lgamma's derivative is digamma, digamma's is polygamma(1),
 * polygamma(n)'s is polygamma(n + 1), so every order is available). The forwards are
 * {@link dev.vgrad.kernels.SpecialFunctions}, in double rounded once (erfinv: PyTorch's own float algorithm).
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
