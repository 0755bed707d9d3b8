#!/usr/bin/env python3
"""torch.distributions' transforms and TransformedDistribution (rsample with its caching, log_prob, cdf, icdf, shapes)
and the cdf / icdf of Normal, Uniform, Exponential, Laplace, Cauchy and of the families PyTorch builds from transforms or
folds (LogNormal, HalfNormal, HalfCauchy, Gumbel, Pareto, Weibull, Kumaraswamy), replayed by vgrad's TransformsTest
(src/test/resources/fixtures/torch_transforms.txt).

    /usr/bin/python3 scripts/torch_transforms_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major; "<case>.<what>.shape <sizes...>" beside it.
"""
import math
import os

import torch
from torch import distributions as D
from torch.distributions import transforms as T

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_transforms.txt")


def fmt(t):
    return " ".join(repr(float(v)) for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def main():
    out = ["# scripts/torch_transforms_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        t = torch.as_tensor(t)
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    # cdf and icdf of the families that define them, with the gradients of their sum.
    def cdfs(name, make, params, value, prob):
        ps = [p.clone().requires_grad_(True) for p in params]
        v = value.clone().requires_grad_(True)
        for i, p in enumerate(ps):
            put("%s.p%d" % (name, i), p)
        put(name + ".value", v)
        put(name + ".prob", prob)
        d = make(*ps)
        c = d.cdf(v)
        q = d.icdf(prob)
        (c.sum() + q.sum()).backward()
        put(name + ".cdf", c)
        put(name + ".icdf", q)
        for i, p in enumerate(ps):
            put("%s.g%d" % (name, i), p.grad)
        put(name + ".gv", v.grad)

    torch.manual_seed(51)
    prob = torch.tensor([0.01, 0.3, 0.5, 0.77, 0.999])
    cdfs("normal", D.Normal, [torch.tensor(0.4), torch.tensor(1.7)], torch.randn(5) * 2, prob)
    cdfs("uniform", D.Uniform, [torch.tensor(-1.0), torch.tensor(2.5)], torch.rand(5) * 3.4 - 0.95, prob)
    cdfs("exponential", D.Exponential, [torch.tensor(0.8)], torch.rand(5) * 4, prob)
    cdfs("laplace", D.Laplace, [torch.tensor(-0.3), torch.tensor(0.9)], torch.randn(5), prob)
    cdfs("cauchy", D.Cauchy, [torch.tensor(1.0), torch.tensor(0.5)], torch.randn(5) * 3, prob)
    # The families PyTorch builds from transforms or folds: their cdf / icdf go through those.
    cdfs("lognormal", D.LogNormal, [torch.tensor(0.3), torch.tensor(0.8)], torch.rand(5) * 4 + 0.05, prob)
    cdfs("halfnormal", D.HalfNormal, [torch.tensor(1.5)], torch.rand(5) * 3, prob)
    cdfs("halfcauchy", D.HalfCauchy, [torch.tensor(0.7)], torch.rand(5) * 3, prob)
    cdfs("gumbel2", D.Gumbel, [torch.tensor(0.5), torch.tensor(2.0)], torch.randn(5) * 2, prob)
    cdfs("pareto", D.Pareto, [torch.tensor(1.0), torch.tensor(2.5)], torch.rand(5) * 3 + 1.0, prob)
    cdfs("weibull", D.Weibull, [torch.tensor(1.5), torch.tensor(0.8)], torch.rand(5) * 3 + 0.05, prob)
    cdfs("kumaraswamy", D.Kumaraswamy, [torch.tensor(2.0), torch.tensor(3.0)], torch.rand(5) * 0.9 + 0.05, prob)

    # A tanh-squashed Gaussian policy, cached as SAC uses it: rsample, then log_prob of that sample.
    torch.manual_seed(52)
    loc = torch.randn(2, 3, requires_grad=True)
    scale = (torch.rand(2, 3) + 0.3).requires_grad_(True)
    put("sac.loc", loc)
    put("sac.scale", scale)
    d = D.TransformedDistribution(D.Normal(loc, scale), [T.TanhTransform(cache_size=1)])
    torch.manual_seed(55)
    a = d.rsample((4,))
    lp = d.log_prob(a)
    (lp.sum() + (a * a).sum()).backward()
    put("sac.a", a)
    put("sac.lp", lp)
    put("sac.gloc", loc.grad)
    put("sac.gscale", scale.grad)
    put("sac.after", torch.rand(3))
    # The same without a cache: log_prob by atanh.
    nd = D.TransformedDistribution(D.Normal(loc.detach(), scale.detach()), [T.TanhTransform()])
    vals = torch.tensor([[-0.9, 0.0, 0.5], [0.99, -0.3, 0.7]])
    put("tanh.value", vals)
    put("tanh.lp", nd.log_prob(vals))

    # Exp (a log-normal), its cdf and icdf; an affine map of a whole vector (event_dim 1: Independent).
    ln = D.TransformedDistribution(D.Normal(torch.tensor([0.2, -1.0]), torch.tensor([0.5, 1.5])), [T.ExpTransform()])
    lv = torch.tensor([[0.5, 2.0], [1.3, 0.1]])
    put("exp.value", lv)
    put("exp.lp", ln.log_prob(lv))
    put("exp.cdf", ln.cdf(lv))
    put("exp.icdf", ln.icdf(torch.tensor([0.2, 0.9])))
    base = D.Normal(torch.zeros(2, 3), torch.ones(2, 3))
    af = D.TransformedDistribution(base, [T.AffineTransform(torch.tensor([1.0, 2.0, 3.0]),
                                                            torch.tensor([0.5, -2.0, 1.5]), event_dim=1)])
    put("affine.batch", torch.tensor(af.batch_shape))
    put("affine.event", torch.tensor(af.event_shape))
    av = torch.tensor([[1.2, 0.5, 3.3], [0.0, 2.0, -1.0]])
    put("affine.value", av)
    put("affine.lp", af.log_prob(av))

    # Gumbel as PyTorch builds it (an inverse transform, negative scales): log_prob, cdf, icdf, rsample.
    torch.manual_seed(53)
    finfo = torch.finfo(torch.float32)
    gloc, gscale = torch.tensor([0.5, -1.0]), torch.tensor([2.0, 0.7])
    gum = D.TransformedDistribution(D.Uniform(torch.full((2,), finfo.tiny), torch.full((2,), 1 - finfo.eps)),
                                    [T.ExpTransform().inv, T.AffineTransform(loc=0, scale=-torch.ones(2)),
                                     T.ExpTransform().inv, T.AffineTransform(loc=gloc, scale=-gscale)])
    gv = torch.tensor([[0.3, -2.0], [4.0, 0.1]])
    put("gumbel.value", gv)
    put("gumbel.lp", gum.log_prob(gv))
    put("gumbel.cdf", gum.cdf(gv))
    put("gumbel.icdf", gum.icdf(torch.tensor([0.25, 0.8])))
    put("gumbel.sample", gum.rsample((3,)))
    put("gumbel.after", torch.rand(3))

    # Sigmoid, softplus and a power with a tensor exponent, composed with number-scaled affines. (PyTorch 1.13 gives
    # PowerTransform the constant sign +1, so a negative exponent would leave its cdf decreasing; the exponents here
    # are positive, and vgrad's flip for a negative one is checked by hand in TransformsTest.)
    torch.manual_seed(54)
    sb = D.Normal(torch.tensor([0.3, -0.5, 1.0]), torch.tensor([1.0, 0.4, 2.0]))
    sig = D.TransformedDistribution(sb, [T.AffineTransform(0.5, -2.0), T.SigmoidTransform()])
    sv = torch.tensor([0.2, 0.5, 0.95])
    put("sigmoid.value", sv)
    put("sigmoid.lp", sig.log_prob(sv))
    put("sigmoid.cdf", sig.cdf(sv))
    put("sigmoid.icdf", sig.icdf(torch.tensor([0.1, 0.5, 0.6])))
    sp = D.TransformedDistribution(sb, [T.SoftplusTransform(), T.PowerTransform(torch.tensor([2.0, 0.5, 1.5]))])
    pv = torch.tensor([0.7, 1.3, 2.2])
    put("power.value", pv)
    put("power.lp", sp.log_prob(pv))
    put("power.cdf", sp.cdf(pv))
    put("power.icdf", sp.icdf(torch.tensor([0.1, 0.5, 0.6])))
    put("power.sample", sp.rsample((2,)))
    put("power.after", torch.rand(3))
    comp = D.TransformedDistribution(sb, [T.ComposeTransform([T.AffineTransform(1.0, 2.0), T.ExpTransform()])])
    put("compose.lp", comp.log_prob(pv))

    # KL between two transformed distributions with the same transforms: the bases'.
    kl_loc = torch.tensor([0.3, -1.0, 0.5], requires_grad=True)
    tp = D.TransformedDistribution(D.Normal(kl_loc, torch.tensor([1.0, 0.5, 2.0])),
                                   [T.AffineTransform(0.5, 2.0), T.TanhTransform()])
    tq = D.TransformedDistribution(D.Normal(torch.tensor([0.0, 0.2, 0.4]), torch.tensor([1.5, 0.7, 1.0])),
                                   [T.AffineTransform(0.5, 2.0), T.TanhTransform()])
    kl = torch.distributions.kl_divergence(tp, tq)
    kl.sum().backward()
    put("tkl.kl", kl)
    put("tkl.gloc", kl_loc.grad)

    with open(OUT, "w") as fh:
        fh.writelines(out)


if __name__ == "__main__":
    main()
