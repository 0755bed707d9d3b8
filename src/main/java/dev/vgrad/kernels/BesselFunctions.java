package dev.vgrad.kernels;

/**
 * Bessel functions of the first and second kind of orders 0 and 1 (J0, J1, Y0, Y1), the modified ones of the second
 * kind (K0, K1, optionally scaled by e^x), the Airy function Ai and the spherical j0, in double (torch.special's float
 * results round from these). J and Y sum their power series up to |x| = 12 (terms below 5e3, so 1e-12 absolute) and
 * Hankel's asymptotic expansion beyond (its smallest term near e^-2x); K sums the trapezoid rule on
 * {@code K_nu(x) = int_0^inf exp(-x cosh t) cosh(nu t) dt}, exact to rounding for an integrand analytic in a strip;
 * Ai is that K of order 1/3 for x > 0, its Maclaurin series down to -8 and its oscillating expansion below.
 */
public final class BesselFunctions {
    private BesselFunctions() {}

    private static final double EULER = 0.57721566490153286061;
    private static final double SERIES_LIMIT = 12;

    /** J0(x): 1 at 0, even; NaN at the infinities, as PyTorch's (its expansion takes sin(inf)). */
    public static double j0(double x) {
        double a = Math.abs(x);
        if (a != a || a == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        return a <= SERIES_LIMIT ? seriesJ(0, a) : hankel(0, a, false);
    }

    /** J1(x): odd; NaN at the infinities, as PyTorch's. */
    public static double j1(double x) {
        double a = Math.abs(x);
        if (a != a || a == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double value = a <= SERIES_LIMIT ? seriesJ(1, a) : hankel(1, a, false);
        return x < 0 ? -value : value;
    }

    /** Y0(x): -inf at 0, NaN below and at +inf (as PyTorch's). */
    public static double y0(double x) {
        if (x != x || x < 0 || x == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x > SERIES_LIMIT) {
            return hankel(0, x, true);
        }
        // (2/pi)(ln(x/2) + gamma) J0 + (2/pi) sum_{k>=1} (-1)^(k+1) H_k (x^2/4)^k / (k!)^2
        double q = x * x / 4, term = 1, harmonic = 0, sum = 0;
        for (int k = 1; k < 200; k++) {
            term *= -q / ((double) k * k);
            harmonic += 1.0 / k;
            double next = -term * harmonic;
            sum += next;
            if (Math.abs(next) < 1e-17 * Math.abs(sum) && k > q) {
                break;
            }
        }
        return 2 / Math.PI * ((Math.log(x / 2) + EULER) * seriesJ(0, x) + sum);
    }

    /** Y1(x): -inf at 0, NaN below and at +inf (as PyTorch's). */
    public static double y1(double x) {
        if (x != x || x < 0 || x == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x > SERIES_LIMIT) {
            return hankel(1, x, true);
        }
        // -2/(pi x) + (2/pi) ln(x/2) J1 - (1/pi) sum_{k>=0} (-1)^k (psi(k+1) + psi(k+2)) (x/2)^(2k+1) / (k! (k+1)!)
        double half = x / 2, q = half * half, term = half, harmonic = 0, sum = 0;
        for (int k = 0; k < 200; k++) {
            if (k > 0) {
                term *= -q / ((double) k * (k + 1));
                harmonic += 1.0 / k;
            }
            double psiSum = -2 * EULER + harmonic + harmonic + 1.0 / (k + 1);
            double next = term * psiSum;
            sum += next;
            if (k > q && Math.abs(next) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return -2 / (Math.PI * x) + 2 / Math.PI * Math.log(half) * seriesJ(1, x) - sum / Math.PI;
    }

    /** sum_k (-1)^k (x/2)^(2k + order) / (k! (k + order)!), order 0 or 1. */
    private static double seriesJ(int order, double x) {
        double half = x / 2, q = half * half, term = order == 0 ? 1 : half, sum = term;
        for (int k = 1; k < 200; k++) {
            term *= -q / ((double) k * (k + order));
            sum += term;
            if (k > q && Math.abs(term) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return sum;
    }

    /** Hankel's expansion of J_order or Y_order for large x: sqrt(2 / (pi x)) (P cos chi -/+ Q sin chi ...). */
    private static double hankel(int order, double x, boolean second) {
        double mu = 4.0 * order * order, p = 0, q = 0, term = 1;
        for (int k = 0; k < 120; k++) {
            if (k > 0) {
                double next = term * (mu - (2.0 * k - 1) * (2.0 * k - 1)) / (k * 8.0 * x);
                if (Math.abs(next) > Math.abs(term)) {
                    break;   // past the smallest term
                }
                term = next;
            }
            // a_k / x^k enters P with sign (-1)^(k/2) for even k, Q with (-1)^((k-1)/2) for odd k
            double signed = (k / 2) % 2 == 0 ? term : -term;
            if (k % 2 == 0) {
                p += signed;
            } else {
                q += signed;
            }
            if (Math.abs(term) < 1e-17) {
                break;
            }
        }
        double chi = x - (order / 2.0 + 0.25) * Math.PI, front = Math.sqrt(2 / (Math.PI * x));
        return second ? front * (p * Math.sin(chi) + q * Math.cos(chi))
                : front * (p * Math.cos(chi) - q * Math.sin(chi));
    }

    /** K_order(x), times e^x when scaled: +inf at 0, NaN below, 0 at +inf. */
    public static double k(double order, double x, boolean scaled) {
        if (x != x || x < 0) {
            return Double.NaN;
        }
        if (x == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        // the integrand near t = 0 is a Gaussian of width 1/sqrt(x): the step keeps several points across it
        double h = x > 25 ? 0.5 / Math.sqrt(x) : 0.1, shift = scaled ? x : 0, sum = 0;
        for (int j = 0; j < 100_000; j++) {
            double t = j * h, c = Math.cosh(t);
            double exponent = -x * (c - 1) - x + shift;
            double f = Math.exp(exponent) * Math.cosh(order * t);
            sum += j == 0 ? f / 2 : f;
            if (j > 0 && (f < 1e-18 * sum || exponent < -745)) {
                break;
            }
        }
        return sum * h;
    }

    private static final double AI0 = 0.355028053887817239260, AIPRIME0 = 0.258819403792806798405;

    /** The Airy function Ai(x); NaN at either infinity, as PyTorch 1.13's (whose kernel refuses infinite input). */
    public static double airyAi(double x) {
        if (x != x || x == Double.POSITIVE_INFINITY || x == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        if (x > 0) {
            double zeta = 2.0 / 3 * x * Math.sqrt(x);
            return Math.sqrt(x / 3) / Math.PI * k(1.0 / 3, zeta, false);
        }
        if (x >= -8) {
            double cube = x * x * x, f = 1, g = x, fs = 1, gs = x;
            for (int k = 0; k < 300; k++) {
                f *= cube / ((3.0 * k + 2) * (3.0 * k + 3));
                g *= cube / ((3.0 * k + 3) * (3.0 * k + 4));
                fs += f;
                gs += g;
                if (Math.abs(f) + Math.abs(g) < 1e-18 * (Math.abs(fs) + Math.abs(gs))) {
                    break;
                }
            }
            return AI0 * fs - AIPRIME0 * gs;
        }
        double z = -x, zeta = 2.0 / 3 * z * Math.sqrt(z), u = 1, p = 0, q = 0;
        for (int k = 0; k < 60; k++) {
            if (k > 0) {
                double next = u * (6.0 * k - 5) * (6.0 * k - 3) * (6.0 * k - 1) / ((2.0 * k - 1) * 216 * k) / zeta;
                if (Math.abs(next) > Math.abs(u)) {
                    break;
                }
                u = next;
            }
            double signed = (k / 2) % 2 == 0 ? u : -u;   // u_k / zeta^k with (-1)^(k/2) or (-1)^((k-1)/2)
            if (k % 2 == 0) {
                p += signed;
            } else {
                q += signed;
            }
            if (Math.abs(u) < 1e-17) {
                break;
            }
        }
        double phase = zeta - Math.PI / 4;
        return (Math.cos(phase) * p + Math.sin(phase) * q) / (Math.sqrt(Math.PI) * Math.sqrt(Math.sqrt(z)));
    }

    /** The spherical Bessel function j0(x) = sin(x) / x: 1 at 0, 0 at the infinities. */
    public static double sphericalJ0(double x) {
        if (Double.isInfinite(x)) {
            return 0;
        }
        if (Math.abs(x) < 1e-4) {
            double s = x * x;
            return 1 - s / 6 + s * s / 120;
        }
        return Math.sin(x) / x;
    }
}
