#!/usr/bin/env python3
"""PyTorch 1.13's torch.linalg.eig and eigvals of real matrices: eigenvalues and eigenvectors (sorted by real then
imaginary part, each eigenvector turned to vgrad's normalization: its first largest component real and positive), and
the gradients of losses that depend on neither the order of the eigenvalues nor the phases of the eigenvectors;
replayed by vgrad's EigTest (src/test/resources/fixtures/torch_eig.txt). Complex tensors are written as
torch.view_as_real writes them.

    /usr/bin/python3 scripts/torch_eig_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major, "<case>.<what>.shape <sizes...>" beside it.
"""
import os

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_eig.txt")


def fmt(t):
    return " ".join("%.9g" % v for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def sorted_pairs(L, V):
    """Eigenvalues sorted by (real, imaginary) per matrix, eigenvectors permuted alike and normalized."""
    Ls, Vs = [], []
    for l, v in zip(L.reshape(-1, L.shape[-1]), V.reshape(-1, *V.shape[-2:])):
        order = sorted(range(len(l)), key=lambda k: (l[k].real.item(), l[k].imag.item()))
        l, v = l[order], v[:, order].clone()
        for k in range(v.shape[1]):
            m = int(torch.argmax(v[:, k].abs()))   # the first largest
            v[:, k] = v[:, k] * (v[m, k].conj() / v[m, k].abs())
        Ls.append(l)
        Vs.append(v)
    return torch.stack(Ls).reshape(L.shape), torch.stack(Vs).reshape(V.shape)


def value_loss(L):
    re, im = L.real, L.imag
    # The last term reads the member of each conjugate pair with the positive imaginary part: a loss a real matrix's
    # conjugate symmetry does not make blind to conjugating the gradient.
    return (re ** 3).sum() + 0.7 * (im ** 2).sum() + (re * im ** 2).sum() + torch.where(im > 0, im * re ** 2, 0).sum()


def vector_loss(V, c):
    m = V.abs() ** 2
    return (c.unsqueeze(-1) * m * m).sum()


def main():
    torch.manual_seed(31)
    out = ["# scripts/torch_eig_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        t = torch.as_tensor(t)
        if t.is_complex():
            t = torch.view_as_real(t)
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    for name, shape in (("n1", (1, 1)), ("n2", (2, 2)), ("n3", (3, 3)), ("n5", (5, 5)), ("batch", (2, 4, 4)),
                        ("n7", (7, 7))):
        a = torch.randn(*shape, requires_grad=True)
        L, V = torch.linalg.eig(a)
        Ls, Vs = sorted_pairs(L.detach(), V.detach())
        put(name + ".a", a)
        put(name + ".L", Ls)
        put(name + ".V", Vs)
        c = torch.rand(shape[:-1]) + 0.5
        put(name + ".c", c)
        gL, = torch.autograd.grad(value_loss(L), a, retain_graph=True)
        put(name + ".grad_values", gL)
        gV, = torch.autograd.grad(vector_loss(V, c), a, retain_graph=True)
        put(name + ".grad_vectors", gV)
        gE, = torch.autograd.grad(value_loss(torch.linalg.eigvals(a)), a)
        put(name + ".grad_eigvals", gE)
    a = torch.randn(3, 3, requires_grad=True)
    L, V = torch.linalg.eig(a)
    names = [type(L.grad_fn).__name__, type(V.grad_fn).__name__, type(torch.linalg.eigvals(a).grad_fn).__name__]
    out.append("names.keys %s\n" % " ".join(names))
    try:
        torch.view_as_real(V).sum().backward()
        out.append("phase.error.keys none\n")
    except RuntimeError as e:
        out.append("phase.error.keys %s\n" % str(e).replace(" ", "~"))
    with open(OUT, "w") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
