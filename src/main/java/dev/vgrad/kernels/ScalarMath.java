package dev.vgrad.kernels;

/**
 * The definition of every elementwise op on one element. The scalar reference kernels are built on it,
 * and the vector kernels are tested against it.
 */
public final class ScalarMath {
    private ScalarMath() {}

    /** {@code op(a, b)} for one element. */
    public static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> Power.pow(a, b);
            // PyTorch's threshold_backward: zero where the output is <= 0, so a NaN output passes the gradient.
            case RELU_GRAD -> b <= 0f ? 0f : a;
            case SIGMOID_GRAD -> a * (b * (1f - b));
            case TANH_GRAD -> a * (1f - b * b);
            case ABS_GRAD -> a * (b > 0f ? 1f : b < 0f ? -1f : 0f);
            case EQ_MASK -> a == b || (a != a && b != b) ? 1f : 0f;
            case GT -> a > b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
            case NE -> a != b ? 1f : 0f;
            case MAX_GRAD -> a < b ? 0f : a == b ? 0.5f : 1f;
            case ATAN2 -> (float) StrictMath.atan2(a, b);
            case HYPOT -> (float) StrictMath.hypot(a, b);
            case LOGADDEXP -> logaddexp(a, b);
            case LOGADDEXP2 -> logaddexp2(a, b);
            case XLOGY -> b != b ? Float.NaN : a == 0f ? 0f : (float) (a * StrictMath.log(b));
            case FMOD -> a % b;   // Java's float remainder is C's fmod, exact
            case REMAINDER -> remainder(a, b);
            case GELU_GRAD -> Gelu.geluGrad(a, b);
            case GELU_TANH_GRAD -> Gelu.geluTanhGrad(a, b);
        };
    }

    /**
     * {@code x^y} in double as C's pow gives it (PyTorch's float_power): as Math.pow but 1 for a base of 1 with any
     * exponent, NaN included, and for a base of -1 with an infinite exponent, where Java's pow gives NaN.
     */
    public static double powAsC(double x, double y) {
        return Power.cPow(x, y);
    }

    /** PyTorch's float remainder: fmod, moved by the divisor where a nonzero result's sign is not the divisor's. */
    private static float remainder(float a, float b) {
        float r = a % b;
        return r != 0f && (r < 0f) != (b < 0f) ? r + b : r;
    }

    /** {@code op(x; p, q)} for one element. */
    public static float apply(UnaryOp op, float x, float p, float q) {
        return switch (op) {
            case COPY -> x;
            case FILL -> p;
            case NEG -> -x;
            case EXP -> Transcendental.exp(x);
            case LOG -> Transcendental.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case ABS -> Math.abs(x);
            // x > 0 ? x : 0 would turn NaN into 0; PyTorch's relu keeps NaN.
            case RELU -> x < 0f ? 0f : x;
            case SIGMOID -> Transcendental.sigmoid(x);
            case TANH -> Transcendental.tanh(x);
            case ADD_SCALAR -> x + p;
            case MUL_SCALAR -> x * p;
            case DIV_SCALAR -> x / p;
            case RSUB_SCALAR -> p - x;
            case RDIV_SCALAR -> p / x;
            case POW_SCALAR -> pow(x, p);
            case RPOW_SCALAR -> Power.pow(p, x);
            case CLAMP -> Math.min(Math.max(x, p), q); // Math.max/min keep NaN, as PyTorch's clamp does
            case CLAMP_MASK -> p <= x && x <= q ? 1f : 0f;
            case REPLACE_INFINITIES -> x == Float.POSITIVE_INFINITY ? p : x == Float.NEGATIVE_INFINITY ? q : x;
            case REPLACE_NAN -> x != x ? p : x;
            case POW_SCALAR_GRAD -> p == 0f ? 0f : p * pow(x, p - 1f);
            case SIGN -> x > 0f ? 1f : x < 0f ? -1f : 0f;
            case GT_MASK -> x > p ? 1f : 0f;
            case LT_MASK -> x < p ? 1f : 0f;
            case EQ_SCALAR_MASK -> x == p ? 1f : 0f;
            case NE_SCALAR_MASK -> x != p ? 1f : 0f;
            case GE_MASK -> x >= p ? 1f : 0f;
            case LE_MASK -> x <= p ? 1f : 0f;
            case SIN -> Trigonometry.sin(x);
            case COS -> Trigonometry.cos(x);
            case LOG1P -> Transcendental.log1p(x);
            case EXPM1 -> Transcendental.expm1(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case ERF -> Transcendental.erf(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case ROUND -> (float) Math.rint(x);
            case TRUNC -> (float) (x < 0f ? Math.ceil(x) : Math.floor(x));
            case FMOD_SCALAR -> x % p;   // Java's float remainder is C's fmod, exact
            case REMAINDER_SCALAR -> remainder(x, p);
            case TAN -> Trigonometry.tan(x);
            case ASIN -> (float) StrictMath.asin(x);
            case ACOS -> (float) StrictMath.acos(x);
            case ATAN -> (float) StrictMath.atan(x);
            case SINH -> (float) StrictMath.sinh(x);
            case COSH -> (float) StrictMath.cosh(x);
            case ASINH -> (float) asinh(x);
            case ACOSH -> (float) acosh(x);
            case ATANH -> (float) atanh(x);
            case LOG2 -> (float) (StrictMath.log(x) / LN2);
            case LOG10 -> (float) StrictMath.log10(x);
            case EXP2 -> Power.pow(2f, x);
            case LGAMMA -> (float) SpecialFunctions.lgamma(x);
            case DIGAMMA -> (float) SpecialFunctions.digamma(x);
            case POLYGAMMA -> (float) SpecialFunctions.polygamma((int) p, x);
            case ERFC -> (float) SpecialFunctions.erfc(x);
            case ERFINV -> SpecialFunctions.erfinv(x);
            case ERFCX -> (float) SpecialFunctions.erfcx(x);
            case NDTR -> (float) SpecialFunctions.ndtr(x);
            case NDTRI -> (float) SpecialFunctions.ndtri(x);
            case LOG_NDTR -> (float) SpecialFunctions.logNdtr(x);
            case I0 -> (float) SpecialFunctions.besselI(0, x, false);
            case I0E -> (float) SpecialFunctions.besselI(0, x, true);
            case I1 -> (float) SpecialFunctions.besselI(1, x, false);
            case I1E -> (float) SpecialFunctions.besselI(1, x, true);
            case ENTR -> (float) SpecialFunctions.entr(x);
            case GELU -> Gelu.gelu(x);
            case GELU_TANH -> Gelu.geluTanh(x);
        };
    }

    private static final double LN2 = 0.6931471805599453;

    /**
     * The inverse hyperbolic sine in double, odd by construction (-0 too): {@code log1p(|x| + x^2 / (1 + sqrt(1 + x^2)))} keeps
     * full precision near 0, where {@code log(x + sqrt(x^2 + 1))} cancels. A float's square cannot overflow a double.
     */
    static double asinh(float x) {
        double a = Math.abs((double) x);
        double r = Double.isInfinite(a) ? a : StrictMath.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
        return Math.copySign(r, (double) x);
    }

    /**
     * The inverse hyperbolic cosine in double: {@code log1p(t + sqrt(t (x + 1)))} with {@code t = x - 1}, exact near 1;
     * NaN below 1 (the formula's own NaN does not reach every such x: at -1e30 it cancelled to 0, at -inf gave -inf).
     */
    static double acosh(float x) {
        if (!(x >= 1f)) {
            return Double.NaN;
        }
        double t = (double) x - 1.0;
        return Double.isInfinite(t) ? t : StrictMath.log1p(t + Math.sqrt(t * ((double) x + 1.0)));
    }

    /** The inverse hyperbolic tangent in double: {@code log1p(2x / (1 - x)) / 2}, exact near 0; +-inf at +-1. */
    static double atanh(float x) {
        double d = x;
        return 0.5 * StrictMath.log1p(2.0 * d / (1.0 - d));
    }

    /** {@code max + log1p(e^-(|a - b|))}, so neither exponential overflows; equal infinities give that infinity. */
    public static float logaddexp(float a, float b) {
        if (a == b && Float.isInfinite(a)) {
            return a;
        }
        double m = Math.max((double) a, b);
        return (float) (m + StrictMath.log1p(StrictMath.exp(-Math.abs((double) a - b))));
    }

    /** {@code max + log2(1 + 2^-|a - b|)}, as PyTorch's kernel takes it, in double; equal infinities give that one. */
    static float logaddexp2(float a, float b) {
        if (a == b && Float.isInfinite(a)) {
            return a;
        }
        double m = Math.max((double) a, b);
        return (float) (m + StrictMath.log1p(StrictMath.pow(2, -Math.abs((double) a - b))) / LN2);
    }

    /** {@code x ^ p} with the exponents a training loop uses most taken without a call to Math.pow. */
    static float pow(float x, float p) {
        if (p == 2f) {
            return x * x;
        }
        if (p == 3f) {
            // ATen's pow kernel special-cases 3 as base * base * base (StrictMath.pow, used before Power, allocated
            // here: rsqrt's backward (y^3) cost 1.5 MB per transformer step).
            return x * x * x;
        }
        if (p == 1f) {
            return x;
        }
        if (p == 0f) {
            return 1f;
        }
        // Not Math.pow: it may be an intrinsic whose last double bit differs from the interpreter's.
        return Power.pow(x, p);
    }
}
