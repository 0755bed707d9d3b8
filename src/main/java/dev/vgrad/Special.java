package dev.vgrad;

import dev.vgrad.kernels.BesselFunctions;
import dev.vgrad.kernels.OrthogonalPolynomials;
import dev.vgrad.kernels.SpecialFunctions;

/**
 * {@code torch.special}: the special functions under PyTorch's names, camelCased, each elementwise and differentiable
 * (the ones torch.special shares with Tensor are the same ops). The gamma family, the error functions, the normal
 * distribution's CDF and its inverse, the modified Bessel functions of orders 0 and 1, entropy terms and the Hurwitz
 * zeta function run in double and round once ({@link dev.vgrad.kernels.SpecialFunctions}). The functions PyTorch 1.13
 * added without derivatives (Bessel J, Y and K, Airy Ai, spherical j0, the orthogonal polynomials) record nothing, as
 * theirs do not require grad; the incomplete gamma functions differentiate in x only. The polynomials take their
 * degrees n as a tensor broadcast against x, or one int: each truncated to an integer, a negative one giving 0.
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

    /** The Bessel function of the first kind of order 0 (no gradient, as in PyTorch; NaN at the infinities). */
    public static Tensor besselJ0(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, BesselFunctions::j0);
    }

    /** The Bessel function of the first kind of order 1 (no gradient; NaN at the infinities). */
    public static Tensor besselJ1(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, BesselFunctions::j1);
    }

    /** The Bessel function of the second kind of order 0: -inf at 0, NaN below and at +inf (no gradient). */
    public static Tensor besselY0(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, BesselFunctions::y0);
    }

    /** The Bessel function of the second kind of order 1: -inf at 0, NaN below and at +inf (no gradient). */
    public static Tensor besselY1(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, BesselFunctions::y1);
    }

    /** The modified Bessel function I0 as {@link #i0}, without a gradient and NaN at the infinities, as PyTorch's. */
    public static Tensor modifiedBesselI0(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x,
                v -> Double.isInfinite(v) ? Double.NaN : SpecialFunctions.besselI(0, v, false));
    }

    /** The modified Bessel function I1 as {@link #i1}, without a gradient and NaN at the infinities, as PyTorch's. */
    public static Tensor modifiedBesselI1(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x,
                v -> Double.isInfinite(v) ? Double.NaN : SpecialFunctions.besselI(1, v, false));
    }

    /** The modified Bessel function of the second kind K0: +inf at 0, NaN below (no gradient). */
    public static Tensor modifiedBesselK0(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, v -> BesselFunctions.k(0, v, false));
    }

    /** The modified Bessel function of the second kind K1: +inf at 0, NaN below (no gradient). */
    public static Tensor modifiedBesselK1(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, v -> BesselFunctions.k(1, v, false));
    }

    /** {@code exp(x) K0(x)} (no gradient). */
    public static Tensor scaledModifiedBesselK0(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, v -> BesselFunctions.k(0, v, true));
    }

    /** {@code exp(x) K1(x)} (no gradient). */
    public static Tensor scaledModifiedBesselK1(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, v -> BesselFunctions.k(1, v, true));
    }

    /** The Airy function Ai (no gradient). */
    public static Tensor airyAi(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, BesselFunctions::airyAi);
    }

    /** The spherical Bessel function {@code j0(x) = sin(x) / x}, 1 at 0 (no gradient). */
    public static Tensor sphericalBesselJ0(Tensor x) {
        return SpecialFunctionsOfOrder.elementwise(x, BesselFunctions::sphericalJ0);
    }

    /** The Chebyshev polynomial of the first kind T_n(x) (torch.special.chebyshev_polynomial_t). */
    public static Tensor chebyshevPolynomialT(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("chebyshev_polynomial_t", x, n, OrthogonalPolynomials::chebyshevT);
    }

    /** {@link #chebyshevPolynomialT(Tensor, Tensor)} of one degree. */
    public static Tensor chebyshevPolynomialT(Tensor x, int n) {
        return chebyshevPolynomialT(x, Tensor.scalar(n));
    }

    /** The Chebyshev polynomial of the second kind U_n(x) (torch.special.chebyshev_polynomial_u). */
    public static Tensor chebyshevPolynomialU(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("chebyshev_polynomial_u", x, n, OrthogonalPolynomials::chebyshevU);
    }

    /** {@link #chebyshevPolynomialU(Tensor, Tensor)} of one degree. */
    public static Tensor chebyshevPolynomialU(Tensor x, int n) {
        return chebyshevPolynomialU(x, Tensor.scalar(n));
    }

    /** The Chebyshev polynomial of the third kind V_n(x) (torch.special.chebyshev_polynomial_v). */
    public static Tensor chebyshevPolynomialV(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("chebyshev_polynomial_v", x, n, OrthogonalPolynomials::chebyshevV);
    }

    /** {@link #chebyshevPolynomialV(Tensor, Tensor)} of one degree. */
    public static Tensor chebyshevPolynomialV(Tensor x, int n) {
        return chebyshevPolynomialV(x, Tensor.scalar(n));
    }

    /** The Chebyshev polynomial of the fourth kind W_n(x) (torch.special.chebyshev_polynomial_w). */
    public static Tensor chebyshevPolynomialW(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("chebyshev_polynomial_w", x, n, OrthogonalPolynomials::chebyshevW);
    }

    /** {@link #chebyshevPolynomialW(Tensor, Tensor)} of one degree. */
    public static Tensor chebyshevPolynomialW(Tensor x, int n) {
        return chebyshevPolynomialW(x, Tensor.scalar(n));
    }

    /** T_n(2x - 1), the first kind shifted to [0, 1] (torch.special.shifted_chebyshev_polynomial_t). */
    public static Tensor shiftedChebyshevPolynomialT(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("shifted_chebyshev_polynomial_t", x, n,
                SpecialFunctionsOfOrder.shifted(OrthogonalPolynomials::chebyshevT));
    }

    /** {@link #shiftedChebyshevPolynomialT(Tensor, Tensor)} of one degree. */
    public static Tensor shiftedChebyshevPolynomialT(Tensor x, int n) {
        return shiftedChebyshevPolynomialT(x, Tensor.scalar(n));
    }

    /** U_n(2x - 1) (torch.special.shifted_chebyshev_polynomial_u). */
    public static Tensor shiftedChebyshevPolynomialU(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("shifted_chebyshev_polynomial_u", x, n,
                SpecialFunctionsOfOrder.shifted(OrthogonalPolynomials::chebyshevU));
    }

    /** {@link #shiftedChebyshevPolynomialU(Tensor, Tensor)} of one degree. */
    public static Tensor shiftedChebyshevPolynomialU(Tensor x, int n) {
        return shiftedChebyshevPolynomialU(x, Tensor.scalar(n));
    }

    /** V_n(2x - 1) (torch.special.shifted_chebyshev_polynomial_v). */
    public static Tensor shiftedChebyshevPolynomialV(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("shifted_chebyshev_polynomial_v", x, n,
                SpecialFunctionsOfOrder.shifted(OrthogonalPolynomials::chebyshevV));
    }

    /** {@link #shiftedChebyshevPolynomialV(Tensor, Tensor)} of one degree. */
    public static Tensor shiftedChebyshevPolynomialV(Tensor x, int n) {
        return shiftedChebyshevPolynomialV(x, Tensor.scalar(n));
    }

    /** W_n(2x - 1) (torch.special.shifted_chebyshev_polynomial_w). */
    public static Tensor shiftedChebyshevPolynomialW(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("shifted_chebyshev_polynomial_w", x, n,
                SpecialFunctionsOfOrder.shifted(OrthogonalPolynomials::chebyshevW));
    }

    /** {@link #shiftedChebyshevPolynomialW(Tensor, Tensor)} of one degree. */
    public static Tensor shiftedChebyshevPolynomialW(Tensor x, int n) {
        return shiftedChebyshevPolynomialW(x, Tensor.scalar(n));
    }

    /** The physicists' Hermite polynomial H_n(x) (torch.special.hermite_polynomial_h). */
    public static Tensor hermitePolynomialH(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("hermite_polynomial_h", x, n, OrthogonalPolynomials::hermiteH);
    }

    /** {@link #hermitePolynomialH(Tensor, Tensor)} of one degree. */
    public static Tensor hermitePolynomialH(Tensor x, int n) {
        return hermitePolynomialH(x, Tensor.scalar(n));
    }

    /** The probabilists' Hermite polynomial He_n(x) (torch.special.hermite_polynomial_he). */
    public static Tensor hermitePolynomialHe(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("hermite_polynomial_he", x, n, OrthogonalPolynomials::hermiteHe);
    }

    /** {@link #hermitePolynomialHe(Tensor, Tensor)} of one degree. */
    public static Tensor hermitePolynomialHe(Tensor x, int n) {
        return hermitePolynomialHe(x, Tensor.scalar(n));
    }

    /** The Laguerre polynomial L_n(x) (torch.special.laguerre_polynomial_l). */
    public static Tensor laguerrePolynomialL(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("laguerre_polynomial_l", x, n, OrthogonalPolynomials::laguerreL);
    }

    /** {@link #laguerrePolynomialL(Tensor, Tensor)} of one degree. */
    public static Tensor laguerrePolynomialL(Tensor x, int n) {
        return laguerrePolynomialL(x, Tensor.scalar(n));
    }

    /** The Legendre polynomial P_n(x) (torch.special.legendre_polynomial_p). */
    public static Tensor legendrePolynomialP(Tensor x, Tensor n) {
        return SpecialFunctionsOfOrder.polynomial("legendre_polynomial_p", x, n, OrthogonalPolynomials::legendreP);
    }

    /** {@link #legendrePolynomialP(Tensor, Tensor)} of one degree. */
    public static Tensor legendrePolynomialP(Tensor x, int n) {
        return legendrePolynomialP(x, Tensor.scalar(n));
    }

    /**
     * The regularized lower incomplete gamma function {@code P(a, x)} (torch.special.gammainc, torch.igamma),
     * broadcasting; differentiable in x (PyTorch has no derivative in a).
     */
    public static Tensor gammainc(Tensor a, Tensor x) {
        return SpecialFunctionsOfOrder.incompleteGamma(a, x, true);
    }

    /** The regularized upper incomplete gamma function {@code Q(a, x) = 1 - P(a, x)} (torch.special.gammaincc). */
    public static Tensor gammaincc(Tensor a, Tensor x) {
        return SpecialFunctionsOfOrder.incompleteGamma(a, x, false);
    }

    /** {@code 2^x} (torch.special.exp2). */
    public static Tensor exp2(Tensor x) {
        return x.exp2();
    }

    /** {@code exp(x) - 1}, accurate near 0 (torch.special.expm1). */
    public static Tensor expm1(Tensor x) {
        return x.expm1();
    }

    /** Rounded to the nearest integer, halves to even (torch.special.round). */
    public static Tensor round(Tensor x) {
        return x.round();
    }

    /** The normalized sinc {@code sin(pi x) / (pi x)} (torch.special.sinc). */
    public static Tensor sinc(Tensor x) {
        return x.sinc();
    }

    /** The softmax along dim (torch.special.softmax). */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /** The log of the softmax along dim (torch.special.log_softmax). */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /** {@code log(sum(exp(x)))} along dim (torch.special.logsumexp). */
    public static Tensor logsumexp(Tensor x, int dim, boolean keepdim) {
        return x.logsumexp(dim, keepdim);
    }
}
