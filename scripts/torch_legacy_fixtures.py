#!/usr/bin/env python3
"""PyTorch 1.13's deprecated but working torch.* functions (triangular_solve, symeig, range, lu, qr, cholesky, svd), with
the gradients of weighted sums of their outputs; replayed by vgrad's LegacyFunctionsTest
(src/test/resources/fixtures/torch_legacy.txt).

    /usr/bin/python3 scripts/torch_legacy_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major, "<case>.<what>.shape <sizes...>" beside it.
"""
import os
import warnings

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_legacy.txt")


def fmt(t):
    return " ".join("%.9g" % v for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def main():
    warnings.simplefilter("ignore")
    out = ["# scripts/torch_legacy_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        t = torch.as_tensor(t).float()
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    torch.manual_seed(83)
    # triangular_solve: upper and lower, transposed, unit diagonal, batches broadcast.
    for name, a_shape, b_shape, upper, transpose, unit in (
            ("ts_upper", (3, 3), (3, 2), True, False, False),
            ("ts_lower_t", (4, 4), (4, 3), False, True, False),
            ("ts_unit", (3, 3), (3, 1), True, False, True),
            ("ts_batch", (2, 1, 3, 3), (4, 3, 2), False, False, False),
            ("ts_batch_t", (2, 3, 3), (3, 2), True, True, False)):
        a = (torch.randn(a_shape) + 3 * torch.eye(a_shape[-1])).requires_grad_(True)
        b = torch.randn(b_shape).requires_grad_(True)
        x, clone = torch.triangular_solve(b, a, upper=upper, transpose=transpose, unitriangular=unit)
        w = torch.randn(x.shape)
        (x * w).sum().backward()
        for k, v in (("a", a), ("b", b), ("x", x), ("clone", clone), ("w", w), ("ga", a.grad), ("gb", b.grad)):
            put("%s.%s" % (name, k), v)
    # symeig: upper (the default) and lower triangles of a matrix whose two triangles differ.
    m = torch.randn(2, 4, 4)
    for name, upper in (("symeig_upper", True), ("symeig_lower", False)):
        e, v = torch.symeig(m, eigenvectors=True, upper=upper)
        put(name + ".m", m)
        put(name + ".e", e)
        put(name + ".reconstructed", v @ torch.diag_embed(e) @ v.mT)
    put("symeig_novectors.e", torch.symeig(m)[0])
    # range: inclusive ends, fractional and negative steps.
    for i, (start, end, step) in enumerate(((0, 1, 0.1), (0, 0.3, 0.1), (5, 1, -1.5), (-2.5, 3.7, 0.7), (1, 4, 1))):
        put("range_%d" % i, torch.range(start, end, step))
    # lu, qr, cholesky
    a = torch.randn(2, 4, 4)
    lu, piv, info = torch.lu(a, get_infos=True)
    put("lu.a", a)
    put("lu.lu", lu)
    put("lu.pivots", piv)
    put("lu.info", info)
    a = torch.randn(5, 3)
    q, r = torch.qr(a)
    put("qr.a", a)
    put("qr.q", q)
    put("qr.r", r)
    qc, rc = torch.qr(a, some=False)
    put("qr.qc", qc)
    put("qr.rc", rc)
    s = torch.randn(3, 3)
    s = s @ s.mT + torch.eye(3)
    put("chol.s", s)
    put("chol.lower", torch.cholesky(s))
    put("chol.upper", torch.cholesky(s, upper=True))
    # torch.svd: U, S and V (not V^H), reduced or full, and zero-filled U and V without compute_uv.
    a = torch.randn(5, 3)
    for name, kw in (("svd_some", {}), ("svd_full", {"some": False}), ("svd_nouv", {"compute_uv": False})):
        u, sv, v = torch.svd(a, **kw)
        put(name + ".a", a)
        put(name + ".s", sv)
        put(name + ".u_shape", torch.tensor(u.shape))
        put(name + ".v_shape", torch.tensor(v.shape))
        put(name + ".rebuilt", u[:, :3] @ torch.diag(sv) @ v.mT if kw.get("compute_uv", True) else u.sum())
    with open(OUT, "w") as f:
        f.writelines(out)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
