#!/usr/bin/env python3
"""torch.distributions.kl_divergence between distributions of different families (kl.py's "different distributions":
every closed form and every infinite pair PyTorch registers among Bernoulli, Beta, Binomial, ContinuousBernoulli,
Exponential, Gamma, Gumbel, Laplace, Normal, Pareto, Poisson and Uniform, and the multivariate normals full or low
rank on either side), with the gradients of its sum in every parameter, replayed by vgrad's KlAcrossFamiliesTest
(src/test/resources/fixtures/torch_kl.txt).

    /usr/bin/python3 scripts/torch_kl_fixtures.py

Lines: "<p>_<q>.p<i> / .q<i> <values>" the parameters (three distributions a side), "<p>_<q>.kl <values>" and
"<p>_<q>.gp<i> / .gq<i> <values>" the gradients of the sum of its finite elements (absent where none is finite or
PyTorch's value has no gradient).
"""
import os

import torch
from torch import distributions as D
from torch.distributions.kl import _KL_REGISTRY

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_kl.txt")

# Each family with the parameters it is built from here (three of each; ranges where every pair below is finite
# somewhere and infinite somewhere where its supports allow).
FAMILIES = {
    "Bernoulli": (D.Bernoulli, [[0.2, 0.5, 0.9]]),
    "Beta": (D.Beta, [[0.7, 2.0, 5.0], [1.5, 0.8, 3.0]]),
    "Binomial": (lambda p: D.Binomial(10, p), [[0.3, 0.5, 0.8]]),
    "ContinuousBernoulli": (D.ContinuousBernoulli, [[0.2, 0.5, 0.85]]),
    "Exponential": (D.Exponential, [[0.5, 1.3, 3.0]]),
    "Gamma": (D.Gamma, [[0.8, 2.5, 6.0], [1.2, 0.4, 2.0]]),
    "Gumbel": (D.Gumbel, [[0.3, -1.0, 2.0], [1.0, 0.6, 2.5]]),
    "Laplace": (D.Laplace, [[0.0, 1.5, -0.7], [0.8, 2.0, 0.3]]),
    "Normal": (D.Normal, [[0.1, -1.2, 2.0], [1.0, 0.5, 1.7]]),
    "Pareto": (D.Pareto, [[0.5, 1.0, 2.0], [0.9, 2.5, 4.0]]),
    "Poisson": (D.Poisson, [[0.5, 2.0, 7.0]]),
    "Uniform": (D.Uniform, [[-0.5, 0.1, -1.0], [0.5, 0.7, 4.0]]),
}


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def main():
    out = ["# scripts/torch_kl_fixtures.py, torch %s\n" % torch.__version__]
    pairs = sorted((p.__name__, q.__name__) for p, q in _KL_REGISTRY
                   if p is not q and p.__name__ in FAMILIES and q.__name__ in FAMILIES)
    for pn, qn in pairs:
        name = "%s_%s" % (pn, qn)
        pm, pv = FAMILIES[pn]
        qm, qv = FAMILIES[qn]
        ps = [torch.tensor(v, requires_grad=True) for v in pv]
        qs = [torch.tensor(v, requires_grad=True) for v in qv]
        kl = torch.distributions.kl_divergence(pm(*ps), qm(*qs))
        out.append("%s.kl %s\n" % (name, fmt(kl)))
        for i, p in enumerate(ps):
            out.append("%s.p%d %s\n" % (name, i, fmt(p)))
        for i, q in enumerate(qs):
            out.append("%s.q%d %s\n" % (name, i, fmt(q)))
        finite = torch.isfinite(kl)
        if kl.requires_grad and finite.any():
            grads = torch.autograd.grad(kl[finite].sum(), ps + qs, allow_unused=True)
            for i, g in enumerate(grads[:len(ps)]):
                if g is not None:
                    out.append("%s.gp%d %s\n" % (name, i, fmt(g)))
            for i, g in enumerate(grads[len(ps):]):
                if g is not None:
                    out.append("%s.gq%d %s\n" % (name, i, fmt(g)))
    out.append("pairs.keys %s\n" % " ".join("%s_%s" % pq for pq in pairs))

    # Multivariate normals, full or low rank on either side (a batch of two, event size 4, rank 2).
    torch.manual_seed(61)
    loc_p, loc_q = torch.randn(2, 4), torch.randn(2, 4)
    w_p, w_q = torch.randn(2, 4, 2), torch.randn(2, 4, 2)
    d_p, d_q = torch.rand(2, 4) + 0.5, torch.rand(2, 4) + 0.5
    a = torch.randn(2, 4, 4)
    cov = a @ a.mT + torch.eye(4)
    tensors = {"loc_p": loc_p, "loc_q": loc_q, "w_p": w_p, "w_q": w_q, "d_p": d_p, "d_q": d_q, "cov": cov}
    for k, v in tensors.items():
        out.append("mvn.%s %s\n" % (k, fmt(v)))
    for name, make in (
            ("lr_lr", lambda t: (D.LowRankMultivariateNormal(t["loc_p"], t["w_p"], t["d_p"]),
                                 D.LowRankMultivariateNormal(t["loc_q"], t["w_q"], t["d_q"]))),
            ("mvn_lr", lambda t: (D.MultivariateNormal(t["loc_p"], covariance_matrix=t["cov"]),
                                  D.LowRankMultivariateNormal(t["loc_q"], t["w_q"], t["d_q"]))),
            ("lr_mvn", lambda t: (D.LowRankMultivariateNormal(t["loc_p"], t["w_p"], t["d_p"]),
                                  D.MultivariateNormal(t["loc_q"], covariance_matrix=t["cov"])))):
        leaves = {k: v.clone().requires_grad_(True) for k, v in tensors.items()}
        kl = torch.distributions.kl_divergence(*make(leaves))
        kl.sum().backward()
        out.append("mvn.%s.kl %s\n" % (name, fmt(kl)))
        for k, v in leaves.items():
            if v.grad is not None:
                out.append("mvn.%s.g.%s %s\n" % (name, k, fmt(v.grad)))
    # Two Wisharts: PyTorch's exponential-family (Bregman) fallback. Unbatched pairs, values and q's gradients (p's
    # natural parameters are detached there, so p gets none: vgrad's p gradients are checked by finite differences);
    # a batch of two pairs against the pairs one at a time (PyTorch 1.13's batched value mixes the pairs).
    torch.manual_seed(67)
    for name, p_df, q_df, dim in (("wishart_a", 5.0, 4.0, 3), ("wishart_b", 3.5, 6.0, 2), ("wishart_c", 4.2, 4.2, 4)):
        a, b = torch.randn(dim, dim), torch.randn(dim, dim)
        p_cov, q_cov = a @ a.mT + torch.eye(dim), b @ b.mT + 0.5 * torch.eye(dim)
        leaves = [torch.tensor(p_df), p_cov, torch.tensor(q_df, requires_grad=True), q_cov.requires_grad_(True)]
        kl = torch.distributions.kl_divergence(D.Wishart(leaves[0], leaves[1]), D.Wishart(leaves[2], leaves[3]))
        kl.backward()
        for i, k in enumerate(("p_df", "p_cov", "q_df", "q_cov")):
            out.append("%s.%s %s\n" % (name, k, fmt(leaves[i])))
        out.append("%s.dim %d\n" % (name, dim))
        out.append("%s.kl %s\n" % (name, fmt(kl)))
        out.append("%s.g_q_df %s\n" % (name, fmt(leaves[2].grad)))
        out.append("%s.g_q_cov %s\n" % (name, fmt(leaves[3].grad)))
    a = torch.randn(2, 3, 3)
    p_cov = a @ a.mT + torch.eye(3)
    p_df, q_df = torch.tensor([5.0, 6.0]), torch.tensor([4.0, 7.0])
    one_at_a_time = [torch.distributions.kl_divergence(D.Wishart(p_df[i], p_cov[i]), D.Wishart(q_df[i], torch.eye(3)))
                     for i in range(2)]
    out.append("wishart_batch.p_df %s\n" % fmt(p_df))
    out.append("wishart_batch.q_df %s\n" % fmt(q_df))
    out.append("wishart_batch.p_cov %s\n" % fmt(p_cov))
    out.append("wishart_batch.kl %s\n" % fmt(torch.stack(one_at_a_time)))
    with open(OUT, "w") as fh:
        fh.writelines(out)


if __name__ == "__main__":
    main()
