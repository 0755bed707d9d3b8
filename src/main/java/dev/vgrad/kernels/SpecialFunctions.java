package dev.vgrad.kernels;

/**
 * The special functions behind torch.special's float ops: lgamma, digamma, polygamma (through trigamma and the
 * Hurwitz zeta function), erfc and erfinv. Each is computed in double with StrictMath (the same bits on every JVM and
 * tier) and rounded once by its caller, except erfinv, which is PyTorch's own float algorithm so that it gives
 * PyTorch's bits. Poles and domain edges follow PyTorch: lgamma is +inf at 0 and the negative integers, digamma -inf
 * at +0, +inf at -0 and NaN at the negative integers, polygamma(n >= 1) +inf at the poles (n odd) and NaN left of them
 * where PyTorch's zeta gives NaN.
 */
public final class SpecialFunctions {
    private static final double LOG_SQRT_2PI = 0.9189385332046728;
    private static final double PI = Math.PI;
    /** Lanczos' coefficients for g = 7, nine terms (about 15 significant digits of Gamma). */
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    /** B_{2k} / (2k)! for k = 1..12: the Euler-Maclaurin tail of the Hurwitz zeta function. */
    private static final double[] BERNOULLI_OVER_FACTORIAL = {1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600,
        1.0 / 47900160, -691.0 / 1307674368000.0, 1.0 / 74724249600.0, -3617.0 / 10670622842880000.0,
        43867.0 / 5109094217170944000.0, -174611.0 / 802857662698291200000.0,
        77683.0 / 14101100039391805440000.0, -236364091.0 / 1693824136731743669452800000.0};

    private SpecialFunctions() {}

    /** {@code ln |Gamma(x)|}: Lanczos for x >= 0.5, the reflection formula below; +inf at 0 and negative integers. */
    public static double lgamma(double x) {
        if (x != x) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == 1 || x == 2) {
            return 0;   // exactly, where Lanczos leaves a rounding's worth
        }
        if (x < 0.5) {
            if (x == Math.rint(x)) {
                return Double.POSITIVE_INFINITY;
            }
            return StrictMath.log(PI / Math.abs(sinPi(x))) - lgamma(1 - x);
        }
        double z = x - 1, a = LANCZOS[0], t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return LOG_SQRT_2PI + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(a);
    }

    /**
     * sin(pi x) with x reduced to [-1/2, 1/2] first, so that a large x loses nothing to pi x's rounding (and, unlike
     * StrictMath.sin, nothing is allocated: its argument reduction makes an array a call when C2 does not inline it).
     */
    private static double sinPi(double x) {
        if (Double.isInfinite(x)) {
            return Double.NaN;
        }
        double k = Math.rint(x), s = Trigonometry.sinPiReduced(x - k);
        return ((long) k & 1) == 0 ? s : -s;
    }

    /** tan(pi x), reduced the same way (tan has period pi). */
    private static double tanPi(double x) {
        return Double.isInfinite(x) ? Double.NaN : Trigonometry.tanPiReduced(x - Math.rint(x));
    }

    /**
     * The digamma function psi(x) = Gamma'(x) / Gamma(x): reflection for x < 0, the recurrence psi(x) = psi(x + 1) -
     * 1/x up to 10, then its asymptotic series.
     */
    public static double digamma(double x) {
        if (x != x || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x == 0) {
            return Math.copySign(Double.POSITIVE_INFINITY, -x);
        }
        if (x < 0) {
            if (x == Math.rint(x)) {
                return Double.NaN;
            }
            return digamma(1 - x) - PI / tanPi(x);
        }
        double result = 0;
        while (x < 10) {
            result -= 1 / x;
            x += 1;
        }
        double r = 1 / (x * x);
        double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132
                - r * (691.0 / 32760 - r / 12))))));
        return result + StrictMath.log(x) - 0.5 / x - series;
    }

    /** The trigamma function psi'(x): reflection below 1/2, the recurrence up to 10, then the asymptotic series. */
    public static double trigamma(double x) {
        if (x != x) {
            return x;
        }
        if (x < 0.5) {
            double s = sinPi(x);
            return PI * PI / (s * s) - trigamma(1 - x);
        }
        double result = 0;
        while (x < 10) {
            result += 1 / (x * x);
            x += 1;
        }
        double r = 1 / (x * x);
        double series = 1 / x + r / 2 + r / x * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30
                - r * (5.0 / 66 - r * (691.0 / 2730 - r * 7.0 / 6))))));
        return result + series;
    }

    /**
     * The polygamma function psi^(n)(x), n >= 0: digamma and trigamma for n = 0 and 1, else, as PyTorch computes it,
     * {@code (-1)^(n+1) n! zeta(n + 1, x)}.
     */
    public static double polygamma(int n, double x) {
        if (n == 0) {
            return digamma(x);
        }
        if (n == 1) {
            return trigamma(x);
        }
        double factorial = 1;
        for (int i = 2; i <= n; i++) {
            factorial *= i;
        }
        return (n % 2 == 1 ? 1 : -1) * factorial * hurwitzZeta(n + 1, x);
    }

    /**
     * The Hurwitz zeta function sum over k >= 0 of (q + k)^-s, for s > 1: the first terms summed until q + k passes
     * 10 + s, the rest by Euler-Maclaurin. As PyTorch's (Cephes') zeta: +inf at q a non-positive integer, NaN for q < 0
     * with a non-integral s.
     */
    public static double hurwitzZeta(double s, double q) {
        if (s != s || q != q) {
            return Double.NaN;
        }
        if (s == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (s < 1) {
            return Double.NaN;
        }
        if (q <= 0) {
            if (q == Math.rint(q)) {
                return Double.POSITIVE_INFINITY;
            }
            if (s != Math.rint(s)) {
                return Double.NaN;
            }
        }
        double sum = 0, a = q;
        while (a < 10 + s) {
            sum += StrictMath.pow(a, -s);
            a += 1;
        }
        double aPow = StrictMath.pow(a, -s);
        sum += a * aPow / (s - 1) + aPow / 2;
        // term k: B_2k / (2k)! * s (s + 1) ... (s + 2k - 2) * a^(-s - 2k + 1)
        double rising = s, power = aPow / a;
        for (int k = 0; k < BERNOULLI_OVER_FACTORIAL.length; k++) {
            double term = BERNOULLI_OVER_FACTORIAL[k] * rising * power;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                break;
            }
            rising *= (s + 2 * k + 1) * (s + 2 * k + 2);
            power /= a * a;
        }
        return sum;
    }

    /**
     * The complementary error function 1 - erf(x), accurate where it is tiny: 1 - erf below 1.5 (and for every
     * negative x), the continued fraction of exp(-x^2) / (sqrt(pi) erfc(x)) above, by Lentz's method.
     */
    public static double erfc(double x) {
        if (x != x) {
            return x;
        }
        if (x < 1.5) {
            return 1 - Transcendental.erfDouble(x);
        }
        if (x > 27) {
            return 0;
        }
        return StrictMath.exp(-x * x) / (Math.sqrt(PI) * erfcFraction(x));
    }

    /** The continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))) = exp(-x^2) / (sqrt(pi) erfc(x)), x >= 1.5. */
    private static double erfcFraction(double x) {
        double tiny = 1e-300, f = x, c = x, d = 0;
        for (int j = 1; j < 5000; j++) {
            double a = j * 0.5;
            d = x + a * d;
            d = d == 0 ? tiny : 1 / d;
            c = x + a / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }

    /**
     * The scaled complementary error function exp(x^2) erfc(x), accurate where erfc underflows: the continued
     * fraction without its exponential from 1.5 on, exp(x^2) (1 - erf(x)) below (infinite from about -26.6 down).
     */
    public static double erfcx(double x) {
        if (x != x) {
            return x;
        }
        if (x < 1.5) {
            return StrictMath.exp(x * x) * erfc(x);
        }
        return 1 / (Math.sqrt(PI) * erfcFraction(x));
    }

    /** The standard normal CDF, {@code erfc(-x / sqrt 2) / 2}: accurate in both tails. */
    public static double ndtr(double x) {
        return 0.5 * erfc(-x * 0.7071067811865476);
    }

    /**
     * log(ndtr(x)): log1p of the upper tail above 0, {@code log(erfcx(-x / sqrt 2) / 2) - x^2 / 2} below -1 (no
     * underflow), the plain log between.
     */
    public static double logNdtr(double x) {
        if (x != x) {
            return x;
        }
        if (x > 0) {
            return StrictMath.log1p(-0.5 * erfc(x * 0.7071067811865476));
        }
        if (x < -1) {
            return StrictMath.log(0.5 * erfcx(-x * 0.7071067811865476)) - 0.5 * x * x;
        }
        return StrictMath.log(ndtr(x));
    }

    /**
     * The inverse of the standard normal CDF: Abramowitz and Stegun's 26.2.23 as the first guess (error below
     * 4.5e-4), then Newton steps on ndtr, which converge quadratically to double precision; -inf at 0, +inf at 1, NaN
     * outside [0, 1].
     */
    public static double ndtri(double p) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p > 0.5) {
            return -ndtri(1 - p);   // exact for a float p
        }
        double t = Math.sqrt(-2 * StrictMath.log(p));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269
                + t * 0.001308))));
        for (int i = 0; i < 6; i++) {
            double density = StrictMath.exp(-0.5 * x * x) / Math.sqrt(2 * PI);
            double step = (ndtr(x) - p) / density;
            x -= step;
            if (Math.abs(step) <= 1e-16 * Math.abs(x)) {
                break;
            }
        }
        return x;
    }

    /** {@code -x log x}: 0 at 0, -inf below 0 (torch.special.entr). */
    public static double entr(double x) {
        if (x != x || x == 0) {
            return x == 0 ? 0 : x;
        }
        return x < 0 ? Double.NEGATIVE_INFINITY : -x * StrictMath.log(x);
    }

    /**
     * The modified Bessel function of the first kind I_order(x), order 0 or 1, times exp(-|x|) when {@code scaled}:
     * the power series up to |x| = 30 (positive terms, no cancellation), the asymptotic expansion beyond (its smallest
     * term near exp(-2|x|)).
     */
    public static double besselI(int order, double x, boolean scaled) {
        if (x != x) {
            return x;
        }
        double a = Math.abs(x), value;
        if (a <= 30) {
            double half = a / 2, term = order == 0 ? 1 : half, sum = term, q = half * half;
            for (int k = 1; term > sum * 1e-17; k++) {
                term *= q / (k * (double) (k + order));
                sum += term;
            }
            value = scaled ? sum * StrictMath.exp(-a) : sum;
        } else {
            double mu = 4.0 * order * order, term = 1, sum = 1;
            for (int k = 1; k < 60; k++) {
                double next = -term * (mu - (2 * k - 1) * (2 * k - 1)) / (k * 8 * a);
                if (Math.abs(next) >= Math.abs(term)) {
                    break;   // the asymptotic series has started to grow
                }
                term = next;
                sum += term;
                if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            double front = 1 / Math.sqrt(2 * PI * a);
            value = scaled ? front * sum : a > 700 ? Double.POSITIVE_INFINITY : StrictMath.exp(a) * front * sum;
        }
        return order == 1 && x < 0 ? -value : value;
    }

    private static final float[] ERFINV_A = {0.886226899f, -1.645349621f, 0.914624893f, -0.140543331f};
    private static final float[] ERFINV_B = {-2.118377725f, 1.442710462f, -0.329097515f, 0.012229801f};
    private static final float[] ERFINV_C = {-1.970840454f, -1.624906493f, 3.429567803f, 1.641345311f};
    private static final float[] ERFINV_D = {3.543889200f, 1.637067800f};

    /**
     * PyTorch's float erfinv (calc_erfinv): a rational first guess, then two Newton steps on erf; NaN outside [-1, 1],
     * infinite at +-1.
     */
    public static float erfinv(float y) {
        float ya = Math.abs(y);
        if (ya > 1f || y != y) {
            return Float.NaN;
        }
        if (ya == 1f) {
            return Math.copySign(Float.POSITIVE_INFINITY, y);
        }
        float x;
        if (ya <= 0.7f) {
            float z = y * y;
            float num = ((ERFINV_A[3] * z + ERFINV_A[2]) * z + ERFINV_A[1]) * z + ERFINV_A[0];
            float dem = (((ERFINV_B[3] * z + ERFINV_B[2]) * z + ERFINV_B[1]) * z + ERFINV_B[0]) * z + 1f;
            x = y * num / dem;
        } else {
            float z = (float) Math.sqrt(-Math.log((1.0 - ya) / 2.0));
            float num = ((ERFINV_C[3] * z + ERFINV_C[2]) * z + ERFINV_C[1]) * z + ERFINV_C[0];
            float dem = (ERFINV_D[1] * z + ERFINV_D[0]) * z + 1f;
            x = Math.copySign(num, y) / dem;
        }
        for (int step = 0; step < 2; step++) {
            float e = Transcendental.erf(x) - y;
            x = (float) (x - e / (2.0 / Math.sqrt(Math.PI) * (float) Math.exp(-x * x)));
        }
        return x;
    }
}
