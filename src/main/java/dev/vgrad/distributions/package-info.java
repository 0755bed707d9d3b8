/**
 * Probability distributions with autograd, as {@code torch.distributions}: {@link dev.vgrad.distributions.Normal},
 * {@link dev.vgrad.distributions.Uniform}, {@link dev.vgrad.distributions.Bernoulli},
 * {@link dev.vgrad.distributions.Categorical}, {@link dev.vgrad.distributions.MultivariateNormal},
 * {@link dev.vgrad.distributions.Exponential}, {@link dev.vgrad.distributions.Laplace},
 * {@link dev.vgrad.distributions.Cauchy}, {@link dev.vgrad.distributions.LogNormal},
 * {@link dev.vgrad.distributions.Gamma}, {@link dev.vgrad.distributions.Beta}, {@link dev.vgrad.distributions.Poisson},
 * {@link dev.vgrad.distributions.HalfNormal}, {@link dev.vgrad.distributions.Gumbel},
 * {@link dev.vgrad.distributions.Geometric}, {@link dev.vgrad.distributions.Chi2},
 * {@link dev.vgrad.distributions.StudentT}, {@link dev.vgrad.distributions.Dirichlet},
 * {@link dev.vgrad.distributions.Binomial}, {@link dev.vgrad.distributions.OneHotCategorical},
 * {@link dev.vgrad.distributions.Independent}, {@link dev.vgrad.distributions.RelaxedBernoulli},
 * {@link dev.vgrad.distributions.RelaxedOneHotCategorical}, and
 * {@link dev.vgrad.distributions.Kl#klDivergence} between two of a kind. Parameters are checked as PyTorch's
 * {@code validate_args=True} checks them (its default), and so are the values given to {@code logProb}.
 */
package dev.vgrad.distributions;
