package dev.vgrad.kernels;

/**
 * Elementwise operations of one operand and up to two scalar parameters {@code p}, {@code q}:
 * {@code out[i] = op(x[i]; p, q)}. {@link ScalarMath#apply(UnaryOp, float, float, float)} defines each one.
 */
public enum UnaryOp {
    /** {@code x} (a copy) */
    COPY,
    /** {@code p}, ignoring x */
    FILL,
    /** {@code -x} */
    NEG,
    /** {@code e^x} */
    EXP,
    /** natural logarithm */
    LOG,
    /** square root */
    SQRT,
    /** {@code |x|} */
    ABS,
    /** {@code max(x, 0)}; NaN stays NaN */
    RELU,
    /** {@code 1 / (1 + e^-x)} */
    SIGMOID,
    /** hyperbolic tangent */
    TANH,
    /** {@code x + p} */
    ADD_SCALAR,
    /** {@code x * p} */
    MUL_SCALAR,
    /** {@code x / p} */
    DIV_SCALAR,
    /** {@code p - x} */
    RSUB_SCALAR,
    /** {@code p / x} */
    RDIV_SCALAR,
    /** {@code x ^ p} */
    POW_SCALAR,
    /** {@code p ^ x} */
    RPOW_SCALAR,
    /** {@code min(max(x, p), q)}; NaN stays NaN */
    CLAMP,
    /** {@code p <= x && x <= q ? 1 : 0}: where clamp lets the gradient through */
    CLAMP_MASK,
    /** {@code p} where x is +infinity, {@code q} where it is -infinity, else x (NaN stays NaN) */
    REPLACE_INFINITIES,
    /** {@code p} where x is NaN, else x */
    REPLACE_NAN,
    /** {@code p * x ^ (p - 1)}, pow's derivative ({@code 0} where {@code p == 0}, as PyTorch) */
    POW_SCALAR_GRAD,
    /** -1, 0 or 1 by the sign of x (0 for NaN, as PyTorch's sign) */
    SIGN,
    /** {@code x > p ? 1 : 0} */
    GT_MASK,
    /** {@code x < p ? 1 : 0} */
    LT_MASK,
    /** {@code x == p ? 1 : 0} */
    EQ_SCALAR_MASK,
    /** {@code x != p ? 1 : 0} (1 for NaN) */
    NE_SCALAR_MASK,
    /** {@code x >= p ? 1 : 0} */
    GE_MASK,
    /** {@code x <= p ? 1 : 0} */
    LE_MASK,
    /** sine (StrictMath in double, rounded once: the same bits on every JVM and tier) */
    SIN,
    /** cosine (StrictMath in double, rounded once) */
    COS,
    /** {@code ln(1 + x)}, accurate near 0 (StrictMath in double, rounded once) */
    LOG1P,
    /** {@code e^x - 1}, accurate near 0 (StrictMath in double, rounded once) */
    EXPM1,
    /** {@code 1 / sqrt(x)} (in double, rounded once) */
    RSQRT,
    /** the error function (in double, rounded once: {@link Transcendental#erf}) */
    ERF,
    /** the largest integer not above x */
    FLOOR,
    /** the smallest integer not below x */
    CEIL,
    /** x rounded to the nearest integer, halves to even (as torch.round) */
    ROUND,
    /** x rounded toward zero */
    TRUNC,
    /** {@code x - trunc(x / p) p}: the remainder with x's sign (C's fmod, torch.fmod) */
    FMOD_SCALAR,
    /** the remainder with p's sign (Python's %, torch.remainder) */
    REMAINDER_SCALAR,
    /** tangent (StrictMath in double, rounded once) */
    TAN,
    /** arcsine, NaN outside [-1, 1] (StrictMath in double, rounded once) */
    ASIN,
    /** arccosine, NaN outside [-1, 1] (StrictMath in double, rounded once) */
    ACOS,
    /** arctangent (StrictMath in double, rounded once) */
    ATAN,
    /** hyperbolic sine (StrictMath in double, rounded once) */
    SINH,
    /** hyperbolic cosine (StrictMath in double, rounded once) */
    COSH,
    /** inverse hyperbolic sine (in double, rounded once: {@link ScalarMath#asinh}) */
    ASINH,
    /** inverse hyperbolic cosine, NaN below 1 (in double, rounded once) */
    ACOSH,
    /** inverse hyperbolic tangent, NaN outside [-1, 1] (in double, rounded once) */
    ATANH,
    /** base-2 logarithm (in double, rounded once) */
    LOG2,
    /** base-10 logarithm (StrictMath in double, rounded once) */
    LOG10,
    /** {@code 2^x} (StrictMath in double, rounded once) */
    EXP2,
    /** {@code ln |Gamma(x)|} (in double, rounded once: {@link SpecialFunctions#lgamma}) */
    LGAMMA,
    /** the digamma function (in double, rounded once) */
    DIGAMMA,
    /** the polygamma function of order p, a non-negative integer (in double, rounded once) */
    POLYGAMMA,
    /** {@code 1 - erf(x)}, accurate where it is tiny (in double, rounded once) */
    ERFC,
    /** the inverse error function (PyTorch's float algorithm: {@link SpecialFunctions#erfinv}) */
    ERFINV,
    /** {@code exp(x^2) erfc(x)} (in double, rounded once) */
    ERFCX,
    /** the standard normal CDF (in double, rounded once) */
    NDTR,
    /** the inverse of the standard normal CDF (in double, rounded once) */
    NDTRI,
    /** the log of the standard normal CDF, accurate in the lower tail (in double, rounded once) */
    LOG_NDTR,
    /** the modified Bessel function I0 (in double, rounded once) */
    I0,
    /** {@code exp(-|x|) I0(x)} (in double, rounded once) */
    I0E,
    /** the modified Bessel function I1 (in double, rounded once) */
    I1,
    /** {@code exp(-|x|) I1(x)} (in double, rounded once) */
    I1E,
    /** {@code -x log x}, -inf below 0 (in double, rounded once) */
    ENTR,
    /** exact GELU, {@code x Phi(x)} ({@link Gelu#gelu}) */
    GELU,
    /** GELU's tanh approximation ({@link Gelu#geluTanh}) */
    GELU_TANH
}
