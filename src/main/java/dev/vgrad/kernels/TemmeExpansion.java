package dev.vgrad.kernels;

/**
 * Temme's uniform asymptotic expansion of the regularized incomplete gamma functions for large a with x near a
 * (DLMF 8.12.3): {@code Q(a, x) = erfc(eta sqrt(a / 2)) / 2 + exp(-a eta^2 / 2) / sqrt(2 pi a) sum_k c_k(eta) a^-k},
 * where {@code lambda = x / a} and {@code eta^2 / 2 = lambda - 1 - ln lambda}, eta taking lambda - 1's sign. The
 * coefficients' Taylor series in eta are computed here once, from the definitions rather than from a table:
 * {@code mu = lambda - 1} as a series in eta by solving {@code mu - log(1 + mu) = eta^2 / 2} order by order,
 * {@code c_0 = 1 / mu - 1 / eta}, and {@code c_k = c_{k-1}' / eta + (-1)^k g_k / mu} (DLMF 8.12.9), g_k Stirling's
 * coefficients of {@code Gamma*(a) = sum g_k a^-k}; the 1/eta poles of the two parts cancel. Five terms; at a above
 * 200 with |x - a| < 4.5 sqrt(a) (the region PyTorch gives it) the next one is below 1e-13.
 */
final class TemmeExpansion {
    private TemmeExpansion() {}

    /** Terms of the series in eta kept for mu. */
    private static final int ORDER = 34;
    /** The Stirling series of Gamma*(a): 1, 1/12, 1/288, -139/51840, -571/2488320. */
    private static final double[] STIRLING = {1, 1.0 / 12, 1.0 / 288, -139.0 / 51840, -571.0 / 2488320};
    /** COEFFICIENTS[k][i]: the coefficient of eta^i in c_k(eta). */
    static final double[][] COEFFICIENTS = coefficients();

    /** Q(a, x) for large a and x near a. */
    static double upper(double a, double x) {
        double eta = eta(a, x);
        return 0.5 * SpecialFunctions.erfc(eta * Math.sqrt(a / 2)) + remainder(a, eta);
    }

    /** P(a, x) = 1 - Q for large a and x near a, without subtracting from 1. */
    static double lower(double a, double x) {
        double eta = eta(a, x);
        return 0.5 * SpecialFunctions.erfc(-eta * Math.sqrt(a / 2)) - remainder(a, eta);
    }

    private static double remainder(double a, double eta) {
        double sum = 0, scale = 1;
        for (double[] c : COEFFICIENTS) {
            double ck = 0;
            for (int i = c.length - 1; i >= 0; i--) {
                ck = ck * eta + c[i];
            }
            sum += ck * scale;
            scale /= a;
        }
        return Math.exp(-0.5 * a * eta * eta) / Math.sqrt(2 * Math.PI * a) * sum;
    }

    /** eta for lambda = x / a, from mu = (x - a) / a; mu - log1p(mu) by its series near 0, where it cancels. */
    static double eta(double a, double x) {
        double mu = (x - a) / a, half;
        if (Math.abs(mu) < 0.25) {
            half = 0;
            double power = mu * mu;
            for (int k = 2; k < 60; k++) {
                double term = ((k & 1) == 0 ? power : -power) / k;
                half += term;
                if (Math.abs(term) < 1e-18 * Math.abs(half)) {
                    break;
                }
                power *= mu;
            }
        } else {
            half = mu - Math.log1p(mu);
        }
        double eta = Math.sqrt(2 * half);
        return mu < 0 ? -eta : eta;
    }

    private static double[][] coefficients() {
        double[] mu = muSeries();
        // 1 / mu = (1 / eta) sum r_n eta^n, r the reciprocal of mu / eta = 1 + mu_2 eta + mu_3 eta^2 + ...
        double[] quotient = new double[ORDER];
        for (int n = 0; n < ORDER; n++) {
            quotient[n] = mu[n + 1];
        }
        double[] r = reciprocal(quotient);
        double[][] c = new double[STIRLING.length][];
        c[0] = new double[ORDER - 1];
        for (int i = 0; i < c[0].length; i++) {
            c[0][i] = r[i + 1];   // 1/mu - 1/eta
        }
        for (int k = 1; k < c.length; k++) {
            double[] b = c[k - 1];
            double g = (k & 1) == 0 ? STIRLING[k] : -STIRLING[k];
            if (Math.abs(b[1] + g) > 1e-12) {
                throw new AssertionError("Temme coefficient " + k + ": the poles do not cancel (" + b[1] + ", " + g
                        + ")");
            }
            c[k] = new double[b.length - 2];
            for (int i = 0; i < c[k].length; i++) {
                c[k][i] = (i + 2) * b[i + 2] + g * r[i + 1];
            }
        }
        return c;
    }

    /**
     * mu(eta) = sum mu_n eta^n, n = 1 .. ORDER, with mu - log(1 + mu) = eta^2 / 2 and mu_1 = 1. The coefficient of
     * eta^(n+1) on the left is mu_n plus terms of lower mu_k, so each mu_n is minus the rest.
     */
    static double[] muSeries() {
        double[] mu = new double[ORDER + 1];
        mu[1] = 1;
        for (int n = 2; n <= ORDER; n++) {
            mu[n] = 0;
            mu[n] = -coefficientOfLeftSide(mu, n + 1);
        }
        return mu;
    }

    /** The coefficient of eta^order in mu - log(1 + mu) = sum_{k >= 2} (-1)^k mu^k / k, mu a series in eta. */
    private static double coefficientOfLeftSide(double[] mu, int order) {
        double[] power = mu.clone();   // mu^1
        double sum = 0;
        for (int k = 2; k <= order; k++) {
            power = multiply(power, mu, order);
            sum += ((k & 1) == 0 ? 1.0 : -1.0) / k * (order < power.length ? power[order] : 0);
        }
        return sum;
    }

    private static double[] multiply(double[] p, double[] q, int order) {
        double[] out = new double[order + 1];
        for (int i = 0; i < p.length && i <= order; i++) {
            if (p[i] == 0) {
                continue;
            }
            for (int j = 0; j < q.length && i + j <= order; j++) {
                out[i + j] += p[i] * q[j];
            }
        }
        return out;
    }

    /** 1 / s as a series, s_0 = 1. */
    private static double[] reciprocal(double[] s) {
        double[] r = new double[s.length];
        r[0] = 1;
        for (int n = 1; n < s.length; n++) {
            double sum = 0;
            for (int j = 1; j <= n; j++) {
                sum += s[j] * r[n - j];
            }
            r[n] = -sum;
        }
        return r;
    }
}
