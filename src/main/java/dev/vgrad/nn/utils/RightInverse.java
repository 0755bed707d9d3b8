package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;

/**
 * A parametrization module's {@code right_inverse}: given a value the parametrized tensor should take, the original
 * that the parametrization maps to it. {@link Parametrize#registerParametrization} initialises the original through it
 * (so the parametrized tensor starts at the module's old value), and {@link ParametrizationList#rightInverse} assigns
 * through it. A parametrization without one is taken as the identity there, as in PyTorch.
 */
@FunctionalInterface
public interface RightInverse {
    /** The original that maps to {@code value}. */
    Tensor rightInverse(Tensor value);
}
