package dev.vgrad.kernels;

/**
 * The regularized incomplete gamma functions P(a, x) (torch.special.gammainc, torch.igamma) and Q(a, x) = 1 - P
 * (gammaincc, igammac), in double: the series for x below a + 1, the continued fraction (modified Lentz) above,
 * each computing the smaller-error one of the pair and the other as its complement. The edge cases are PyTorch's.
 */
public final class IncompleteGamma {
    private IncompleteGamma() {}

    /** P(a, x): NaN for a negative argument, 1 for a = 0 and x > 0, 0 at x = 0, and PyTorch's infinities. */
    public static double lower(double a, double x) {
        if (x < 0 || a < 0 || a != a || x != x) {
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
        return x < a + 1 ? series(a, x) : 1 - fraction(a, x);
    }

    /** Q(a, x) = 1 - P(a, x), with PyTorch's edge cases (0 for a = 0 and x > 0, 1 at x = 0). */
    public static double upper(double a, double x) {
        if (x < 0 || a < 0 || a != a || x != x) {
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
        return x < a + 1 ? 1 - series(a, x) : fraction(a, x);
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
