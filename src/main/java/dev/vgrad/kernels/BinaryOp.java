package dev.vgrad.kernels;

/**
 * Elementwise operations of two operands, {@code out[i] = op(a[i], b[i])}. Besides the arithmetic of the
 * forward pass this holds the fused backward rules of the activations, so a backward step is one pass
 * over memory instead of several. {@link ScalarMath#apply(BinaryOp, float, float)} defines each one.
 */
public enum BinaryOp {
    /** {@code a + b} */
    ADD,
    /** {@code a - b} */
    SUB,
    /** {@code a * b} */
    MUL,
    /** {@code a / b} */
    DIV,
    /** {@code max(a, b)}, NaN if either is NaN */
    MAX,
    /** {@code min(a, b)}, NaN if either is NaN */
    MIN,
    /** {@code a ^ b} */
    POW,
    /**
     * ReLU's backward: {@code b <= 0 ? 0 : a} with {@code a} the incoming gradient, {@code b} the output; with b a
     * 0/1 mask, "a where the mask is set, else exactly 0".
     */
    RELU_GRAD,
    /** Sigmoid's backward: {@code a * b * (1 - b)} with {@code b} the sigmoid's output. */
    SIGMOID_GRAD,
    /** Tanh's backward: {@code a * (1 - b * b)} with {@code b} the tanh's output. */
    TANH_GRAD,
    /** abs's backward: {@code a * sign(b)}, sign 0 at either zero and at NaN (so an infinite a gives NaN there). */
    ABS_GRAD,
    /**
     * {@code a == b ? 1 : 0}, with NaN equal to NaN: the mask of where a maximum was attained (a NaN maximum is
     * attained at the NaN).
     */
    EQ_MASK,
    /** d max(a, b)/da: 0 where a < b, 1/2 on ties, else 1 (so 1 where either is NaN; PyTorch's maximum backward). */
    MAX_GRAD,
    /** {@code a > b ? 1 : 0} */
    GT,
    /** {@code a < b ? 1 : 0} */
    LT,
    /** {@code a >= b ? 1 : 0} */
    GE,
    /** {@code a <= b ? 1 : 0} */
    LE,
    /** {@code a == b ? 1 : 0} (0 where either is NaN, as IEEE and PyTorch) */
    EQ,
    /** {@code a != b ? 1 : 0} (1 where either is NaN) */
    NE,
    /** the angle of the point (b, a): {@code atan2(a, b)} (StrictMath in double, rounded once) */
    ATAN2,
    /** {@code sqrt(a^2 + b^2)} without overflow or underflow in between (in double, rounded once) */
    HYPOT,
    /** {@code log(e^a + e^b)} without overflow (in double, rounded once) */
    LOGADDEXP,
    /** {@code log2(2^a + 2^b)} without overflow (in double, rounded once: equal finite a and b give a + 1 exactly) */
    LOGADDEXP2,
    /** {@code a * log(b)}, and 0 where a == 0 unless b is NaN (torch.xlogy) */
    XLOGY,
    /** C's {@code fmod(a, b)}: the remainder with a's sign (torch.fmod), exact */
    FMOD,
    /** the remainder with b's sign, as Python's {@code a % b} (torch.remainder): fmod, plus b where the signs part */
    REMAINDER,
    /** exact GELU's backward: {@code a (Phi(b) + b phi(b))} with {@code b} GELU's input ({@link Gelu#geluGrad}) */
    GELU_GRAD,
    /** the tanh approximation's backward, {@code b} GELU's input ({@link Gelu#geluTanhGrad}) */
    GELU_TANH_GRAD
}
