#!/usr/bin/env python3
"""Reparametrized modules from real PyTorch, replayed by vgrad's ReparametrizationTest
(src/test/resources/fixtures/torch_reparam.txt): torch.nn.utils.weight_norm and spectral_norm (the hook versions),
torch.nn.utils.parametrize (register_parametrization, right_inverse, remove_parametrizations), the parametrizations
spectral_norm and orthogonal (its three maps, with and without the trivialization, a batch of matrices),
torch.nn.utils.fusion (fuse_conv_bn_eval, fuse_linear_bn_eval), and
torch.nn.utils.stateless.functional_call, and tied weights (one parameter under two names: listed once, stepped once).

Run with the Python that has torch (Debian: /usr/bin/python3 after apt-get install python3-torch):
    /usr/bin/python3 scripts/torch_reparam_fixtures.py

Each case seeds torch, builds its module, applies the reparametrization (which draws what it draws from the same
generator), then records tensors as "<case>.<what> <values...>" and the state dict's names in order as
"<case>.keys.<when> <name> <name>...". LSTM cases take the output sequence as y. A forward is followed by loss = sum(y^2) and backward.
"""
import os

import torch
import torch.nn.utils.parametrize as P
from torch import nn

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_reparam.txt")


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def keys(out, case, when, m):
    out.append("%s.keys.%s %s\n" % (case, when, " ".join(m.state_dict().keys())))


def state(out, case, when, m):
    keys(out, case, when, m)
    out += ["%s.%s.%s %s\n" % (case, when, k, fmt(v)) for k, v in m.state_dict().items()]


def step(out, case, tag, m, x):
    m.zero_grad()
    y = m(x)
    if isinstance(y, tuple):   # an LSTM's (output, (h, c))
        y = y[0]
    (y ** 2).sum().backward()
    out.append("%s.%s.y %s\n" % (case, tag, fmt(y)))
    out += ["%s.%s.grad.%s %s\n" % (case, tag, k, fmt(p.grad)) for k, p in m.named_parameters()]


def weight_norm(out, case, seed, make, dim, x_shape, name="weight"):
    torch.manual_seed(seed)
    m = make()
    x = torch.randn(*x_shape)
    out.append("%s.x %s\n" % (case, fmt(x)))
    state(out, case, "init", m)
    nn.utils.weight_norm(m, name, dim)
    state(out, case, "applied", m)
    out.append("%s.applied.attr %s\n" % (case, fmt(getattr(m, name))))
    step(out, case, "step", m, x)
    with torch.no_grad():
        getattr(m, name + "_g").mul_(1.5)
    step(out, case, "scaled", m, x)
    nn.utils.remove_weight_norm(m, name)
    state(out, case, "removed", m)


def spectral_norm(out, case, seed, make, x_shape, parametrized=False, **kw):
    """The hook version (torch.nn.utils.spectral_norm), or with parametrized the parametrization's."""
    torch.manual_seed(seed)
    m = make()
    x = torch.randn(*x_shape)
    out.append("%s.x %s\n" % (case, fmt(x)))
    state(out, case, "init", m)
    (nn.utils.parametrizations.spectral_norm if parametrized else nn.utils.spectral_norm)(m, **kw)
    state(out, case, "applied", m)
    step(out, case, "train1", m, x)
    step(out, case, "train2", m, x)
    state(out, case, "trained", m)
    m.eval()
    step(out, case, "eval", m, x)
    if parametrized:
        P.remove_parametrizations(m, "weight")
    else:
        state(out, case, "evaluated", m)
        nn.utils.remove_spectral_norm(m)
    state(out, case, "removed", m)


class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)


class Scale(nn.Module):
    """A parametrization with a parameter of its own, and a right inverse."""
    def __init__(self):
        super().__init__()
        self.s = nn.Parameter(torch.tensor(2.0))

    def forward(self, X):
        return X * self.s

    def right_inverse(self, A):
        return A / 2


def parametrize(out):
    case = "param"
    torch.manual_seed(31)
    m = nn.Linear(3, 3)
    x = torch.randn(4, 3)
    out.append("%s.x %s\n" % (case, fmt(x)))
    state(out, case, "init", m)
    P.register_parametrization(m, "weight", Symmetric())
    state(out, case, "sym", m)
    out.append("%s.sym.weight %s\n" % (case, fmt(m.weight)))
    step(out, case, "sym", m, x)
    P.register_parametrization(m, "weight", Scale())
    state(out, case, "scaled", m)
    out.append("%s.scaled.weight %s\n" % (case, fmt(m.weight)))
    step(out, case, "scaled", m, x)
    P.remove_parametrizations(m, "weight", leave_parametrized=True)
    state(out, case, "removed", m)

    case = "inverse"
    torch.manual_seed(32)
    m = nn.Linear(4, 2)
    x = torch.randn(3, 4)
    out.append("%s.x %s\n" % (case, fmt(x)))
    state(out, case, "init", m)
    P.register_parametrization(m, "bias", Scale())
    state(out, case, "applied", m)
    step(out, case, "step", m, x)
    P.remove_parametrizations(m, "bias", leave_parametrized=False)
    state(out, case, "removed", m)


def fusion(out):
    torch.manual_seed(51)
    conv = nn.Conv2d(3, 4, 3, padding=1, bias=False)
    bn = nn.BatchNorm2d(4)
    x = torch.randn(2, 3, 5, 5)
    bn(conv(x))   # running statistics off their initial values
    bn(conv(x * 2))
    conv.eval()
    bn.eval()
    fused = torch.nn.utils.fusion.fuse_conv_bn_eval(conv, bn)
    out.append("fuse.x %s\n" % fmt(x))
    state(out, "fuse", "conv", conv)
    state(out, "fuse", "bn", bn)
    state(out, "fuse", "fused", fused)
    out.append("fuse.y %s\n" % fmt(fused(x)))

    torch.manual_seed(52)
    lin = nn.Linear(5, 3)
    bn = nn.BatchNorm1d(3)
    x = torch.randn(4, 5)
    bn(lin(x))
    lin.eval()
    bn.eval()
    fused = torch.nn.utils.fusion.fuse_linear_bn_eval(lin, bn)
    out.append("fuselin.x %s\n" % fmt(x))
    state(out, "fuselin", "linear", lin)
    state(out, "fuselin", "bn", bn)
    state(out, "fuselin", "fused", fused)
    out.append("fuselin.y %s\n" % fmt(fused(x)))


def stateless(out):
    torch.manual_seed(91)
    m = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 2))
    x = torch.randn(5, 4)
    w0 = torch.randn(3, 4, requires_grad=True)
    rm = torch.full((3,), 0.5)
    nbt = torch.tensor(7)
    out.append("stateless.x %s\n" % fmt(x))
    out.append("stateless.w0 %s\n" % fmt(w0))
    state(out, "stateless", "init", m)
    y = torch.nn.utils.stateless.functional_call(
        m, {"0.weight": w0, "1.running_mean": rm, "1.num_batches_tracked": nbt}, (x,))
    (y ** 2).sum().backward()
    out.append("stateless.y %s\n" % fmt(y))
    out.append("stateless.w0grad %s\n" % fmt(w0.grad))
    out.append("stateless.rm %s\n" % fmt(rm))
    out.append("stateless.nbt %s\n" % fmt(nbt))
    out += ["stateless.grad.%s %s\n" % (k, fmt(p.grad) if p.grad is not None else "") for k, p in m.named_parameters()]
    state(out, "stateless", "after", m)


def orthogonal(out, case, seed, make, x_shape, **kw):
    torch.manual_seed(seed)
    m = make()
    state(out, case, "init", m)
    nn.utils.parametrizations.orthogonal(m, **kw)   # a non-square trivialization draws from the generator here
    x = torch.randn(*x_shape)
    out.append("%s.x %s\n" % (case, fmt(x)))
    state(out, case, "applied", m)
    out.append("%s.applied.weight %s\n" % (case, fmt(m.weight)))
    step(out, case, "step", m, x)
    with torch.no_grad():
        for p in m.parameters():
            p -= 0.1 * p.grad
    out.append("%s.stepped.weight %s\n" % (case, fmt(m.weight)))


def tied(out):
    torch.manual_seed(7)
    emb = nn.Embedding(5, 4)
    head = nn.Linear(4, 5, bias=False)
    head.weight = emb.weight
    model = nn.Sequential(emb, head)
    out.append("tied.keys.state %s\n" % " ".join(model.state_dict().keys()))
    out.append("tied.keys.named %s\n" % " ".join(k for k, _ in model.named_parameters()))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    loss = nn.functional.cross_entropy(model(torch.tensor([0, 3, 1])), torch.tensor([1, 2, 3]))
    loss.backward()
    out.append("tied.loss %s\n" % fmt(loss))
    out.append("tied.grad %s\n" % fmt(emb.weight.grad))
    opt.step()
    out.append("tied.stepped %s\n" % fmt(emb.weight))


def main():
    out = ["# Generated by scripts/torch_reparam_fixtures.py with torch %s. Do not edit.\n" % torch.__version__]
    weight_norm(out, "wn0", 11, lambda: nn.Linear(5, 4), 0, (3, 5))
    weight_norm(out, "wnall", 12, lambda: nn.Linear(5, 4), None, (3, 5))
    weight_norm(out, "wnlast", 13, lambda: nn.Linear(5, 4), 1, (3, 5))
    weight_norm(out, "wnconv", 14, lambda: nn.Conv2d(3, 4, 3), 1, (2, 3, 6, 5))
    weight_norm(out, "wnconv0", 15, lambda: nn.Conv2d(2, 3, 2, bias=False), 0, (1, 2, 4, 4))
    weight_norm(out, "wnlstm", 16, lambda: nn.LSTM(3, 4), 0, (5, 2, 3), name="weight_hh_l0")
    spectral_norm(out, "sn", 21, lambda: nn.Linear(6, 5), (3, 6))
    spectral_norm(out, "snconvt", 22, lambda: nn.ConvTranspose2d(3, 4, 2), (2, 3, 3, 3), n_power_iterations=3)
    spectral_norm(out, "snconv", 23, lambda: nn.Conv1d(2, 3, 3), (2, 2, 7), eps=1e-4)
    parametrize(out)
    spectral_norm(out, "psn", 41, lambda: nn.Linear(5, 4), (3, 5), parametrized=True)
    spectral_norm(out, "psnconvt", 42, lambda: nn.ConvTranspose1d(3, 2, 3), (2, 3, 4), parametrized=True,
                  n_power_iterations=2)
    fusion(out)
    stateless(out)
    tied(out)
    orthogonal(out, "orthexp", 101, lambda: nn.Linear(4, 4), (3, 4))
    orthogonal(out, "orthcayley", 102, lambda: nn.Linear(3, 3), (2, 3), orthogonal_map="cayley")
    orthogonal(out, "orthhouse", 103, lambda: nn.Linear(5, 3), (2, 5))
    orthogonal(out, "orthtall", 104, lambda: nn.Linear(2, 4), (3, 2), orthogonal_map="matrix_exp")
    orthogonal(out, "orthnotriv", 105, lambda: nn.Linear(4, 4), (2, 4), orthogonal_map="householder",
               use_trivialization=False)
    orthogonal(out, "orthbatch", 106, lambda: nn.Conv2d(2, 3, 2), (1, 2, 3, 3), orthogonal_map="cayley")
    with open(OUT, "w") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
