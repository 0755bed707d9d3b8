/**
 * Regions a value may lie in, as {@code torch.distributions.constraints}: what a distribution's {@code support} and
 * {@code argConstraints} say, what a transform's domain and codomain are, and what
 * {@link dev.vgrad.distributions.ConstraintRegistry} finds a transform for. {@link Constraints} holds PyTorch's
 * module-level names ({@code real}, {@code positive}, {@code interval(lo, hi)}, ...); each kind is a class of its own,
 * as PyTorch's registry keys its transforms on the constraint's class.
 */
package dev.vgrad.distributions.constraints;
