package dev.vgrad;

/**
 * {@code torch.special}: the special functions under PyTorch's names, camelCased, each elementwise and differentiable
 * (the ones torch.special shares with Tensor are the same ops). The gamma family, the error functions, the normal
 * distribution's CDF and its inverse, the modified Bessel functions of orders 0 and 1, entropy terms and the Hurwitz
 * zeta function run in double and round once ({@link dev.vgrad.kernels.SpecialFunctions}).
 */
public final class Special {
    private Special() {}

    /** The error function. */
    public static Tensor erf(Tensor x) {
        return x.erf();
    }

    /** {@code 1 - erf(x)}, accurate where it is tiny. */
    public static Tensor erfc(Tensor x) {
        return x.erfc();
    }

    /** The scaled complementary error function {@code exp(x^2) erfc(x)}. */
    public static Tensor erfcx(Tensor x) {
        return SpecialOps.erfcx(x);
    }

    /** The inverse error function. */
    public static Tensor erfinv(Tensor x) {
        return x.erfinv();
    }

    /** The standard normal CDF. */
    public static Tensor ndtr(Tensor x) {
        return SpecialOps.ndtr(x);
    }

    /** The inverse of the standard normal CDF: -inf at 0, +inf at 1, NaN outside [0, 1]. */
    public static Tensor ndtri(Tensor p) {
        return SpecialOps.ndtri(p);
    }

    /** log of the standard normal CDF, accurate far in the lower tail. */
    public static Tensor logNdtr(Tensor x) {
        return SpecialOps.logNdtr(x);
    }

    /** The modified Bessel function of the first kind of order 0. */
    public static Tensor i0(Tensor x) {
        return SpecialOps.i0(x);
    }

    /** {@code exp(-|x|) I0(x)}. */
    public static Tensor i0e(Tensor x) {
        return SpecialOps.i0e(x);
    }

    /** The modified Bessel function of the first kind of order 1. */
    public static Tensor i1(Tensor x) {
        return SpecialOps.i1(x);
    }

    /** {@code exp(-|x|) I1(x)}. */
    public static Tensor i1e(Tensor x) {
        return SpecialOps.i1e(x);
    }

    /** {@code -x log x} elementwise: 0 at 0, -inf below 0. */
    public static Tensor entr(Tensor x) {
        return SpecialOps.entr(x);
    }

    /** {@code ln |Gamma(x)|} (torch.special.gammaln, Tensor.lgamma). */
    public static Tensor gammaln(Tensor x) {
        return x.lgamma();
    }

    /** The digamma function. */
    public static Tensor digamma(Tensor x) {
        return x.digamma();
    }

    /** The digamma function (torch.special.psi). */
    public static Tensor psi(Tensor x) {
        return x.digamma();
    }

    /** The n-th derivative of the digamma function. */
    public static Tensor polygamma(int n, Tensor x) {
        return x.polygamma(n);
    }

    /** The multivariate log-gamma function of dimension p (torch.special.multigammaln). */
    public static Tensor multigammaln(Tensor x, int p) {
        return x.mvlgamma(p);
    }

    /** {@code x log(y)}, 0 where x is 0 (unless y is NaN). */
    public static Tensor xlogy(Tensor x, Tensor y) {
        return x.xlogy(y);
    }

    /** {@code x log1p(y)}, 0 where x is 0 (unless y is NaN). */
    public static Tensor xlog1py(Tensor x, Tensor y) {
        return SpecialOps.xlog1py(x, y);
    }

    /** The Hurwitz zeta function sum over k >= 0 of (q + k)^-x; differentiable in q only, as in PyTorch. */
    public static Tensor zeta(Tensor x, Tensor q) {
        return SpecialOps.zeta(x, q);
    }

    /** The logistic sigmoid (torch.special.expit). */
    public static Tensor expit(Tensor x) {
        return x.sigmoid();
    }

    /** {@code log(x / (1 - x))} (torch.special.logit). */
    public static Tensor logit(Tensor x) {
        return x.logit();
    }
}
