#!/usr/bin/env python3
"""torch.distributions.constraints (check on values inside, outside and on the edges of each region, event_dim,
is_discrete, repr), biject_to / transform_to (the transform each gives, its values, inverse and log |det J|), the
transforms added with them (Abs, Softmax, LowerCholesky, CorrCholesky, Independent, Reshape, Cat, Stack,
CumulativeDistribution) and every distribution's support, arg_constraints and has_rsample, replayed by vgrad's ConstraintsTest
and ConstraintRegistryTest (src/test/resources/fixtures/torch_constraints.txt).

    /usr/bin/python3 scripts/torch_constraints_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major, "<case>.<what>.shape <sizes...>" beside it; a
repr as "<case>.repr.keys <repr>" with its spaces written as "~" (the fixture's name lists split on spaces).
"""
import os

import torch
from torch import distributions as D
from torch.distributions import constraints as C
from torch.distributions import transforms as T
from torch.distributions import biject_to, transform_to

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_constraints.txt")


def fmt(t):
    return " ".join(repr(float(v)) for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def main():
    out = ["# scripts/torch_constraints_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        t = torch.as_tensor(t)
        out.append("%s %s\n" % (key, fmt(t.float())))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    def put_repr(key, obj):
        out.append("%s.repr.keys %s\n" % (key, repr(obj).replace("\n", "").replace(" ", "~")))

    nan, inf = float("nan"), float("inf")
    torch.manual_seed(7)
    # Each constraint: its check on a value, event_dim, is_discrete and repr.
    scalars = torch.tensor([-inf, -2.0, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, inf, nan])
    spd = torch.randn(3, 4, 4)
    spd = spd @ spd.mT + 0.1 * torch.eye(4)
    psd = torch.randn(2, 4, 2)
    psd = psd @ psd.mT
    low = torch.randn(3, 3, 3).tril()
    low.diagonal(dim1=-2, dim2=-1).abs_()
    corr = D.LKJCholesky(3, 0.7).sample((3,))
    notcorr = corr.clone()
    notcorr[1, 2, 0] += 1e-3
    cases = [
        ("real", C.real, scalars),
        ("boolean", C.boolean, scalars),
        ("nonnegative_integer", C.nonnegative_integer, scalars),
        ("positive_integer", C.positive_integer, scalars),
        ("integer_interval", C.integer_interval(-1, 3), scalars),
        ("positive", C.positive, scalars),
        ("nonnegative", C.nonnegative, scalars),
        ("greater_than", C.greater_than(-1.5), scalars),
        ("greater_than_int", C.greater_than(0), scalars),
        ("greater_than_eq", C.greater_than_eq(-1.0), scalars),
        ("less_than", C.less_than(1.5), scalars),
        ("unit_interval", C.unit_interval, scalars),
        ("interval", C.interval(-1.0, 2.0), scalars),
        ("half_open_interval", C.half_open_interval(-1.0, 2.0), scalars),
        ("interval_tensor", C.interval(torch.tensor([[-1.0], [0.0]]), torch.tensor([[2.0], [0.5]])), scalars),
        ("greater_than_tensor", C.greater_than(torch.tensor(0.5)), scalars),
        ("real_vector", C.real_vector, torch.tensor([[1.0, 2.0, 3.0], [1.0, nan, 0.0], [inf, -inf, 0.0]])),
        ("independent", C.independent(C.positive, 2), torch.rand(4, 2, 3) - 0.05),
        ("one_hot", C.one_hot, torch.tensor([[0., 1., 0.], [1., 1., 0.], [0., 0., 0.], [0.5, 0.5, 0.], [0., 0., 1.]])),
        ("simplex", C.simplex, torch.tensor([[0.2, 0.3, 0.5], [0.2, 0.3, 0.6], [-0.1, 0.6, 0.5], [1.0, 0.0, 0.0],
                                             [0.2, 0.3, 0.5000005]])),
        ("multinomial", C.multinomial(5), torch.tensor([[1., 2., 2.], [3., 3., 0.], [-1., 2., 2.], [0., 0., 0.]])),
        ("lower_triangular", C.lower_triangular, torch.cat([low, torch.randn(1, 3, 3)])),
        ("lower_cholesky", C.lower_cholesky, torch.cat([low, -low[:1], torch.randn(1, 3, 3)])),
        ("corr_cholesky", C.corr_cholesky, torch.cat([corr, notcorr[1:2], low[:1]])),
        ("square", C.square, torch.randn(2, 3, 3)),
        ("square_not", C.square, torch.randn(2, 3, 4)),
        ("symmetric", C.symmetric, torch.cat([spd, spd[:1] + torch.tensor([[0., 1e-3, 0., 0.]] * 4)])),
        ("positive_semidefinite", C.positive_semidefinite, torch.cat([psd, -psd[:1], spd[:1]])),
        ("positive_definite", C.positive_definite, torch.cat([spd, psd[:1], -spd[:1]])),
        ("cat", C.cat([C.positive, C.real, C.unit_interval], 1, [2, 1, 2]), torch.randn(4, 5)),
        ("stack", C.stack([C.positive, C.real, C.unit_interval], 1), torch.randn(4, 3)),
        ("stack_vectors", C.stack([C.simplex, C.real_vector], 0), torch.tensor([[[0.5, 0.5], [0.2, 0.7]],
                                                                               [[1.0, -2.0], [nan, 1.0]]])),
    ]
    for name, c, value in cases:
        put(name + ".value", value)
        put(name + ".check", c.check(value))
        put(name + ".event_dim", torch.tensor(float(c.event_dim)))
        put(name + ".is_discrete", torch.tensor(float(c.is_discrete)))
        put_repr(name, c)
    put_repr("dependent", C.dependent)

    # biject_to and transform_to: the transform each gives, applied to unconstrained values, inverted, and its
    # log |det J| where PyTorch has one.
    registry = [
        ("real", C.real, torch.randn(5)),
        ("positive", C.positive, torch.randn(5)),
        ("nonnegative", C.nonnegative, torch.randn(5)),
        ("greater_than", C.greater_than(-1.5), torch.randn(5)),
        ("greater_than_eq", C.greater_than_eq(2.0), torch.randn(5)),
        ("less_than", C.less_than(0.5), torch.randn(5)),
        ("unit_interval", C.unit_interval, torch.randn(5)),
        ("interval", C.interval(-1.0, 3.0), torch.randn(5)),
        ("half_open_interval", C.half_open_interval(0.5, 1.5), torch.randn(5)),
        ("interval_tensor", C.interval(torch.tensor([0.0, -2.0]), torch.tensor([1.0, 2.0])), torch.randn(3, 2)),
        ("real_vector", C.real_vector, torch.randn(2, 4)),
        ("independent", C.independent(C.positive, 1), torch.randn(2, 4)),
        ("simplex", C.simplex, torch.randn(3, 4)),
        ("corr_cholesky", C.corr_cholesky, torch.randn(2, 6)),
        ("lower_cholesky", C.lower_cholesky, torch.randn(2, 3, 3)),
        ("cat", C.cat([C.positive, C.real, C.unit_interval], 1, [2, 1, 2]), torch.randn(3, 5)),
        ("stack", C.stack([C.positive, C.real, C.unit_interval], 1), torch.randn(4, 3)),
    ]
    for name, c, x in registry:
        for which, reg in (("biject", biject_to), ("transform", transform_to)):
            key = "%s.%s" % (which, name)
            try:
                t = reg(c)
            except NotImplementedError:
                put(key + ".missing", torch.tensor(1.0))
                continue
            xg = x.clone().requires_grad_(True)
            y = t(xg)
            put(key + ".x", x)
            put(key + ".y", y)
            put(key + ".check", c.check(y))
            put(key + ".inv", t.inv(y))
            put_repr(key, t)
            put(key + ".bijective", torch.tensor(float(t.bijective)))
            put(key + ".domain_event_dim", torch.tensor(float(t.domain.event_dim)))
            put(key + ".codomain_event_dim", torch.tensor(float(t.codomain.event_dim)))
            try:
                ladj = t.log_abs_det_jacobian(xg, y)
            except NotImplementedError:
                continue
            put(key + ".ladj", ladj)
            (y.sum() + ladj.sum()).backward()
            put(key + ".grad", xg.grad)

    # The transforms added with the registry, on their own.
    def transform_case(name, t, x, ladj=True):
        xg = x.clone().requires_grad_(True)
        y = t(xg)
        put(name + ".x", x)
        put(name + ".y", y)
        put(name + ".inv", t.inv(y))
        put_repr(name, t)
        put(name + ".forward_shape", torch.tensor([float(s) for s in t.forward_shape(x.shape)]))
        put(name + ".inverse_shape", torch.tensor([float(s) for s in t.inverse_shape(y.shape)]))
        loss = y.sum()
        if ladj:
            l = t.log_abs_det_jacobian(xg, y)
            put(name + ".ladj", l)
            loss = loss + l.sum()
        loss.backward()
        put(name + ".grad", xg.grad)

    transform_case("abs", T.AbsTransform(), torch.randn(2, 3), ladj=False)
    transform_case("softmax", T.SoftmaxTransform(), torch.randn(2, 4), ladj=False)
    transform_case("lower_cholesky_t", T.LowerCholeskyTransform(), torch.randn(2, 3, 3), ladj=False)
    transform_case("corr_cholesky_t", T.CorrCholeskyTransform(), torch.randn(2, 3, 10))
    transform_case("independent_t", T.IndependentTransform(T.ExpTransform(), 2), torch.randn(3, 2, 4))
    transform_case("reshape_t", T.ReshapeTransform((2, 3), (3, 2)), torch.randn(4, 2, 3))
    transform_case("cat_t", T.CatTransform([T.ExpTransform(), T.identity_transform,
                                            T.AffineTransform(1.0, -2.0)], 1, [2, 1, 3]), torch.randn(2, 6))
    transform_case("cat_vectors_t", T.CatTransform([T.IndependentTransform(T.ExpTransform(), 1),
                                                    T.AffineTransform(0.5, 2.0, event_dim=1)], 0, [2, 1]),
                   torch.randn(3, 4))
    transform_case("stack_t", T.StackTransform([T.ExpTransform(), T.SigmoidTransform(),
                                                T.AffineTransform(0.5, 3.0)], 1), torch.randn(4, 3))
    transform_case("cdf_t", T.CumulativeDistributionTransform(D.Normal(0.3, 1.7)), torch.randn(5))
    copula = D.TransformedDistribution(
        D.MultivariateNormal(torch.zeros(2), scale_tril=torch.tensor([[1.0, 0.0], [0.6, 0.8]])),
        [T.CumulativeDistributionTransform(D.Normal(0.0, 1.0))])
    u = torch.tensor([[0.2, 0.7], [0.5, 0.5], [0.9, 0.05]])
    put("copula.value", u)
    put("copula.log_prob", copula.log_prob(u))

    # Every family's support, arg_constraints and has_rsample, for parameters given as in the tests.
    supports = [
        ("Bernoulli", D.Bernoulli(torch.tensor(0.3))),
        ("Beta", D.Beta(torch.tensor(2.0), torch.tensor(3.0))),
        ("Binomial", D.Binomial(torch.tensor([5.0, 6.0]), torch.tensor([0.3, 0.4]))),
        ("Categorical", D.Categorical(torch.ones(3, 4) / 4)),
        ("Cauchy", D.Cauchy(torch.tensor(0.0), torch.tensor(1.0))),
        ("Chi2", D.Chi2(torch.tensor(3.0))),
        ("ContinuousBernoulli", D.ContinuousBernoulli(torch.tensor(0.3))),
        ("Dirichlet", D.Dirichlet(torch.ones(3))),
        ("Exponential", D.Exponential(torch.tensor(1.0))),
        ("FisherSnedecor", D.FisherSnedecor(torch.tensor(3.0), torch.tensor(4.0))),
        ("Gamma", D.Gamma(torch.tensor(2.0), torch.tensor(3.0))),
        ("Geometric", D.Geometric(torch.tensor(0.3))),
        ("Gumbel", D.Gumbel(torch.tensor(0.0), torch.tensor(1.0))),
        ("HalfCauchy", D.HalfCauchy(torch.tensor(1.0))),
        ("HalfNormal", D.HalfNormal(torch.tensor(1.0))),
        ("Independent", D.Independent(D.Normal(torch.zeros(3, 2), torch.ones(3, 2)), 1)),
        ("Kumaraswamy", D.Kumaraswamy(torch.tensor(2.0), torch.tensor(3.0))),
        ("LKJCholesky", D.LKJCholesky(3, torch.tensor(0.5))),
        ("Laplace", D.Laplace(torch.tensor(0.0), torch.tensor(1.0))),
        ("LogNormal", D.LogNormal(torch.tensor(0.0), torch.tensor(1.0))),
        ("LogisticNormal", D.LogisticNormal(torch.zeros(3), torch.ones(3))),
        ("LowRankMultivariateNormal", D.LowRankMultivariateNormal(torch.zeros(3), torch.ones(3, 1), torch.ones(3))),
        ("MixtureSameFamily", D.MixtureSameFamily(D.Categorical(torch.ones(2) / 2),
                                                  D.Normal(torch.zeros(2), torch.ones(2)))),
        ("Multinomial", D.Multinomial(7, torch.ones(4) / 4)),
        ("MultivariateNormal", D.MultivariateNormal(torch.zeros(2), torch.eye(2))),
        ("NegativeBinomial", D.NegativeBinomial(torch.tensor(3.0), torch.tensor(0.4))),
        ("Normal", D.Normal(torch.tensor(0.0), torch.tensor(1.0))),
        ("OneHotCategorical", D.OneHotCategorical(torch.ones(4) / 4)),
        ("OneHotCategoricalStraightThrough", D.OneHotCategoricalStraightThrough(torch.ones(4) / 4)),
        ("Pareto", D.Pareto(torch.tensor([1.0, 2.0]), torch.tensor(3.0))),
        ("Poisson", D.Poisson(torch.tensor(2.0))),
        ("RelaxedBernoulli", D.RelaxedBernoulli(torch.tensor(0.5), torch.tensor(0.3))),
        ("RelaxedOneHotCategorical", D.RelaxedOneHotCategorical(torch.tensor(0.5), torch.ones(3) / 3)),
        ("StudentT", D.StudentT(torch.tensor(3.0), torch.tensor(0.0), torch.tensor(1.0))),
        ("TransformedDistribution", D.TransformedDistribution(D.Normal(torch.zeros(3), torch.ones(3)),
                                                              [T.StickBreakingTransform()])),
        ("Uniform", D.Uniform(torch.tensor([0.0, 1.0]), torch.tensor(2.0))),
        ("VonMises", D.VonMises(torch.tensor(0.0), torch.tensor(1.0))),
        ("Weibull", D.Weibull(torch.tensor(1.0), torch.tensor(2.0))),
        ("Wishart", D.Wishart(torch.tensor(4.0), torch.eye(3))),
    ]
    for name, d in supports:
        put_repr("support." + name, d.support)
        put("support.%s.has_rsample" % name, torch.tensor(float(d.has_rsample)))
        out.append("support.%s.args.keys %s\n" % (name, " ".join(
            "%s=%s" % (k, repr(v).replace(" ", "~")) for k, v in d.arg_constraints.items()) or "-"))

    with open(OUT, "w") as f:
        f.writelines(out)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
