package dev.vgrad.kernels;

/**
 * The regularized incomplete gamma functions P(a, x) (torch.special.gammainc, torch.igamma) and Q(a, x) = 1 - P
 * (gammaincc, igammac), in double, by PyTorch 1.13's choice of method by region (SciPy's): P's series where x <= 1 or
 * x <= a, else 1 - Q; Q by Legendre's continued fraction above x = 1.1 and a, by a series of its own for small x
 * (DLMF 8.7.3, which keeps Q's digits where P is within rounding of 1: tiny a), else 1 - P. The boundary values are
 * PyTorch's and checked in its order, so some hold for a NaN argument (P(NaN, 0) = 0, P(NaN, inf) = 1). For a above
 * 200 with x within 4.5 sqrt(a) of it, Temme's uniform asymptotic expansion ({@link TemmeExpansion}), as PyTorch: there
 * the series and the fraction need some sqrt(a) terms and their prefactor's exponent cancels (P(1e30, 1e30) read 1e-24
 * and Q NaN; 0.5 both).
 */
public final class IncompleteGamma {
    private IncompleteGamma() {}

    /** P(a, x): NaN for a negative argument, 1 for a = 0 and x > 0, 0 at x = 0, and PyTorch's infinities. */
    public static double lower(double a, double x) {
        if (x < 0 || a < 0) {
            return Double.NaN;
        }
        if (a == 0) {
            return x > 0 ? 1 : Double.NaN;
        }
        if (x == 0) {
            return 0;
        }
        if (a == Double.POSITIVE_INFINITY) {
            return x == Double.POSITIVE_INFINITY ? Double.NaN : 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (a != a || x != x) {
            return Double.NaN;
        }
        if (nearLargeA(a, x)) {
            return TemmeExpansion.lower(a, x);
        }
        if (x > 1 && x > a) {
            return 1 - upper(a, x);
        }
        // where Q has a series of its own, P is near 1 (small a), and 1 - Q keeps P within [0, 1]
        return upperBySeries(a, x) ? 1 - upperSeries(a, x) : series(a, x);
    }

    /** Q(a, x) = 1 - P(a, x), with PyTorch's edge cases (0 for a = 0 and x > 0, 1 at x = 0). */
    public static double upper(double a, double x) {
        if (x < 0 || a < 0) {
            return Double.NaN;
        }
        if (a == 0) {
            return x > 0 ? 0 : Double.NaN;
        }
        if (x == 0) {
            return 1;
        }
        if (a == Double.POSITIVE_INFINITY) {
            return x == Double.POSITIVE_INFINITY ? Double.NaN : 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (a != a || x != x) {
            return Double.NaN;
        }
        if (nearLargeA(a, x)) {
            return TemmeExpansion.upper(a, x);
        }
        if (x > 1.1) {
            return x < a ? 1 - series(a, x) : fraction(a, x);
        }
        return upperBySeries(a, x) ? upperSeries(a, x) : 1 - series(a, x);
    }

    /** Where, at x up to 1.1, Q is not near 1 and is taken from its own series (PyTorch's and SciPy's bounds). */
    private static boolean upperBySeries(double a, double x) {
        return x <= 1.1 && !(x <= 0.5 ? -0.4 / Math.log(x) < a : x * 1.1 < a);
    }

    /**
     * Where the series and the fraction would need some sqrt(a) terms and their prefactor's exponent cancels: a above
     * 200 and x within 4.5 sqrt(a) of it (PyTorch's bounds for its own asymptotic branch), {@link TemmeExpansion}.
     */
    private static boolean nearLargeA(double a, double x) {
        return a > 200 && Math.abs(x - a) < 4.5 * Math.sqrt(a);
    }

    /**
     * Q for small x by DLMF 8.7.3: {@code 1 - x^a / Gamma(a + 1)}, through expm1 so that it keeps its digits for tiny
     * a, less {@code x^a / Gamma(a)} times {@code sum_{n >= 1} (-x)^n / (n! (a + n))}.
     */
    private static double upperSeries(double a, double x) {
        double factor = 1, sum = 0;
        for (int n = 1; n < 2000; n++) {
            factor *= -x / n;
            double term = factor / (a + n);
            sum += term;
            if (Math.abs(term) <= 0x1p-53 * Math.abs(sum)) {
                break;
            }
        }
        double logX = Math.log(x);
        return -Math.expm1(a * logX - lgamma1p(a)) - Math.exp(a * logX - SpecialFunctions.lgamma(a)) * sum;
    }

    /**
     * ln Gamma(1 + a), by its Taylor series {@code -gamma a + zeta(2) a^2 / 2 - zeta(3) a^3 / 3} for |a| below 1e-5,
     * where 1 + a would round a away (Q(1e-30, 1) is 2.19e-31 with it, 7.97e-31 without, as PyTorch's float gives).
     */
    private static double lgamma1p(double a) {
        if (Math.abs(a) >= 1e-5) {
            return SpecialFunctions.lgamma(1 + a);
        }
        return a * (-0.5772156649015329 + a * (Math.PI * Math.PI / 12 - a * (1.2020569031595942 / 3)));
    }

    /** {@code x^a e^-x / Gamma(a)}, the factor both expansions share, through logarithms. */
    private static double prefactor(double a, double x) {
        return Math.exp(a * Math.log(x) - x - SpecialFunctions.lgamma(a));
    }

    /** P by its series {@code sum x^n / (a (a + 1) ... (a + n))} times the prefactor. */
    private static double series(double a, double x) {
        double term = 1 / a, sum = term;
        for (int n = 1; n < 1_000_000; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                break;
            }
        }
        return sum * prefactor(a, x);
    }

    /** Q by Legendre's continued fraction, evaluated with the modified Lentz method. */
    private static double fraction(double a, double x) {
        double tiny = 1e-300, b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 1_000_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return prefactor(a, x) * h;
    }
}
