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
    /** ReLU's backward: {@code b <= 0 ? 0 : a} with {@code a} the incoming gradient, {@code b} the output. */
    RELU_GRAD,
    /** Sigmoid's backward: {@code a * b * (1 - b)} with {@code b} the sigmoid's output. */
    SIGMOID_GRAD,
    /** Tanh's backward: {@code a * (1 - b * b)} with {@code b} the tanh's output. */
    TANH_GRAD,
    /** Abs's backward: {@code a * sign(b)} with {@code b} the input (sign(0) = 0, as PyTorch). */
    ABS_GRAD,
    /** {@code a == b ? 1 : 0}: the mask of where a maximum was attained. */
    EQ_MASK,
    /** d(a^b)/da: {@code b * a^(b-1)}, and 0 where b == 0 (PyTorch's pow_backward_self). */
    POW_BASE_GRAD,
    /** d(a^b)/db: {@code a^b * log(a)}, and 0 where a == 0 and b >= 0 (PyTorch's pow_backward_exponent). */
    POW_EXPONENT_GRAD,
    /** d max(a, b)/da: 1 where a > b, 1/2 on ties, 0 where a < b (PyTorch's maximum backward). */
    MAX_GRAD
}
