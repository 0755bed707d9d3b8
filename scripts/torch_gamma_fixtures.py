#!/usr/bin/env python3
"""torch._standard_gamma, _sample_dirichlet and poisson draws, the implicit reparameterization gradients
(_standard_gamma_grad, _dirichlet_grad), the rsample of Gamma, Chi2, Beta, Dirichlet, StudentT and FisherSnedecor
with their gradients, Wishart's Bartlett draws, the samples of NegativeBinomial, Poisson, VonMises and LKJCholesky,
and OneHotCategoricalStraightThrough's rsample, replayed by vgrad's GammaSamplingTest
(src/test/resources/fixtures/torch_gamma.txt).

    /usr/bin/python3 scripts/torch_gamma_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major; "<case>.<what>.shape <sizes...>".
"""
import os

import torch
from torch import distributions as D

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_gamma.txt")


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def main():
    out = ["# scripts/torch_gamma_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    # Draws from a generator of their own, then three uniforms to show where each left it.
    def draws(name, seed, fn, arg):
        g = torch.Generator().manual_seed(seed)
        put(name + ".in", arg)
        put(name + ".y", fn(arg, g))
        put(name + ".after", torch.rand(3, generator=g))

    torch.manual_seed(21)
    alphas = torch.cat([torch.tensor([0.0, 1e-3, 0.05, 0.5, 0.999, 1.0, 1.5, 7.0, 30.0, 1e4]), torch.rand(30) * 4])
    draws("gamma", 1, lambda a, g: torch._standard_gamma(a, generator=g), alphas)
    draws("dir3", 2, lambda a, g: torch._sample_dirichlet(a, generator=g), torch.rand(6, 3) * 3 + 0.05)
    draws("dir2", 3, lambda a, g: torch._sample_dirichlet(a, generator=g),
          torch.tensor([[0.01, 0.02], [0.5, 0.5], [8.0, 9.0], [100.0, 2.0]]))
    draws("dir5", 4, lambda a, g: torch._sample_dirichlet(a, generator=g), torch.rand(4, 5) * 0.9 + 0.1)
    draws("poisson", 5, lambda r, g: torch.poisson(r, generator=g),
          torch.tensor([0.0, 0.5, 3.0, 9.99, 10.0, 25.0, 300.0, 1e5, 7.5, 12.25, 0.0, 1.0]))

    # The gradients region by region: x below 0.8, alpha above 8 (near and away from x = alpha), the rest.
    a = torch.tensor([0.3, 1.0, 2.5, 9.0, 9.0, 20.0, 20.0, 3.0, 5.0, 0.7, 12.0, 50.0])
    x = torch.tensor([0.1, 0.5, 0.79, 9.2, 3.0, 19.0, 30.0, 2.0, 8.0, 1.5, 20.0, 49.0])
    put("sgg.alpha", a)
    put("sgg.x", x)
    put("sgg.grad", torch._standard_gamma_grad(a, x))
    xs = torch.tensor([0.05, 0.3, 0.6, 0.95, 0.45, 0.55, 0.2, 0.7, 0.5, 0.999, 0.01, 0.4])
    al = torch.tensor([0.5, 2.0, 3.0, 0.4, 10.0, 10.0, 1.5, 4.0, 7.0, 2.0, 0.1, 20.0])
    tot = torch.tensor([1.5, 5.0, 4.0, 0.9, 20.0, 19.0, 8.0, 6.0, 14.0, 2.5, 3.0, 50.0])
    put("dg.x", xs)
    put("dg.alpha", al)
    put("dg.total", tot)
    put("dg.grad", torch._dirichlet_grad(xs, al, tot))

    # rsample and its gradients (of the sum of squares of the draws).
    def rs(name, seed, make, params, shape):
        torch.manual_seed(seed)
        ps = [p.clone().requires_grad_(True) for p in params]
        for i, p in enumerate(ps):
            put("%s.p%d" % (name, i), p)
        y = make(*ps).rsample(shape)
        (y ** 2).sum().backward()
        put(name + ".y", y)
        for i, p in enumerate(ps):
            put("%s.g%d" % (name, i), p.grad)
        put(name + ".after", torch.rand(3))

    rs("rgamma", 31, D.Gamma, [torch.tensor([0.4, 2.0, 9.5]), torch.tensor([1.0, 0.5, 3.0])], (4,))
    rs("rchi2", 32, D.Chi2, [torch.tensor([1.0, 3.0, 17.0])], (3,))
    rs("rbeta", 33, D.Beta, [torch.tensor([0.5, 2.0, 7.0, 12.0]), torch.tensor([0.8, 3.0, 8.0, 1.2])], (5,))
    rs("rdir", 34, D.Dirichlet, [torch.tensor([[0.6, 1.5, 3.0], [5.0, 9.0, 0.3]])], (4,))
    rs("rt", 35, D.StudentT, [torch.tensor([1.5, 4.0, 30.0]), torch.tensor([0.0, 1.0, -2.0]),
                              torch.tensor([1.0, 0.5, 2.0])], (3,))

    # Wishart: its Bartlett sampling, values only. PyTorch 1.13's rsample inverts its singular-sample check (it flags
    # every valid sample, warns "Singular sample detected." and replaces it with a second draw), and backward through
    # it fails whatever requires grad (the same check changes a saved mask in place); vgrad keeps the first draw.
    torch.manual_seed(39)
    wdf = torch.tensor([6.5, 5.0])
    wcov = torch.tensor([[[2.0, 0.3, 0.1], [0.3, 1.0, -0.2], [0.1, -0.2, 1.5]],
                         [[1.0, 0.0, 0.0], [0.0, 2.0, 0.5], [0.0, 0.5, 1.0]]])
    put("rw.df", wdf)
    put("rw.cov", wcov)
    put("rw.y", D.Wishart(wdf, covariance_matrix=wcov)._bartlett_sampling(torch.Size((2,))))
    put("rw.after", torch.rand(3))
    rs("rf", 36, D.FisherSnedecor, [torch.tensor([2.0, 5.0, 0.7]), torch.tensor([3.0, 1.5, 12.0])], (2,))

    # Samples without rsample: counts through torch.poisson.
    torch.manual_seed(37)
    put("nb.y", D.NegativeBinomial(torch.tensor([3.0, 10.0]), torch.tensor([0.3, 0.8])).sample((3,)))
    put("nb.after", torch.rand(3))
    torch.manual_seed(38)
    put("pois.y", D.Poisson(torch.tensor([0.0, 2.5, 40.0])).sample((2,)))
    put("pois.after", torch.rand(3))

    # VonMises: Best and Fisher's rejection rounds over the whole sample.
    torch.manual_seed(41)
    vm = D.VonMises(torch.tensor([0.0, 1.0, -2.5, 3.0]), torch.tensor([0.5, 2.0, 10.0, 1e-3]))
    put("vm.y", vm.sample((3,)))
    put("vm.after", torch.rand(3))

    # LKJCholesky: the onion method on Beta and normal draws; log_prob of those draws and of a given factor.
    torch.manual_seed(42)
    lkj = D.LKJCholesky(4, torch.tensor([0.7, 2.5]))
    ls = lkj.sample((2,))
    put("lkj.y", ls)
    put("lkj.lp", lkj.log_prob(ls))
    put("lkj.after", torch.rand(3))
    conc = torch.tensor(1.5, requires_grad=True)
    lp = D.LKJCholesky(3, conc).log_prob(torch.linalg.cholesky(torch.tensor([[1.0, 0.3, -0.2], [0.3, 1.0, 0.5],
                                                                             [-0.2, 0.5, 1.0]])))
    lp.backward()
    put("lkj.given", lp)
    put("lkj.gconc", conc.grad)

    # OneHotCategoricalStraightThrough: the one-hot draw, with the probabilities' gradient through it.
    torch.manual_seed(43)
    logits = torch.tensor([[0.2, -1.0, 0.5, 1.5], [2.0, 0.0, -0.5, 0.1]], requires_grad=True)
    st = D.OneHotCategoricalStraightThrough(logits=logits).rsample((3,))
    (st * torch.arange(4.0)).sum().backward()
    put("st.y", st)
    put("st.glogits", logits.grad)
    put("st.after", torch.rand(3))

    with open(OUT, "w") as fh:
        fh.writelines(out)


if __name__ == "__main__":
    main()
