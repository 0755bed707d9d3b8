#!/usr/bin/env python3
"""functorch's transforms (torch.func in PyTorch 2; functorch 1.13 here): vmap, grad, grad_and_value, jacrev,
jacfwd, hessian, vjp and jvp, each alone and nested, replayed by vgrad's FuncTransformsTest
(src/test/resources/fixtures/torch_func.txt).

Run with the Python that has torch and functorch (Debian: /usr/bin/python3 after apt-get install python3-torch):
    /usr/bin/python3 scripts/torch_func_fixtures.py

Inputs are drawn from torch.manual_seed(seed) and recorded with the results. One line per tensor: "<case>.<what>
<values...>", flattened row-major; "<case>.<what>.shape <sizes...>" where the shape is what is checked.
"""
import os
import warnings

import torch
import torch.nn.functional as F

warnings.filterwarnings("ignore")
from functorch import grad, grad_and_value, hessian, jacfwd, jacrev, jvp, vjp, vmap  # noqa: E402

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_func.txt")


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def put(out, key, t):
    out.append("%s %s\n" % (key, fmt(t)))
    out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))


def main():
    out = []
    torch.manual_seed(11)
    x = torch.randn(4, 5)
    y = torch.randn(5)
    m = torch.randn(3, 5, 2)
    put(out, "in.x", x)
    put(out, "in.y", y)
    put(out, "in.m", m)

    # vmap alone
    put(out, "vmap.sum", vmap(torch.sum)(x))
    put(out, "vmap.none", vmap(lambda a, b: a * b.exp(), in_dims=(0, None))(x, y))
    put(out, "vmap.dim1", vmap(lambda a: a.softmax(0), in_dims=1)(x))
    put(out, "vmap.out1", vmap(lambda a: a.cumsum(0), out_dims=1)(x))
    put(out, "vmap.neg", vmap(lambda a, b: a @ b, in_dims=(-1, None))(m, y))
    put(out, "vmap.nested", vmap(vmap(lambda a, b: (a * b).sum(), in_dims=(None, 0)), in_dims=(0, None))(x, x))
    o1, o2 = vmap(lambda a: (a.max(), a.sort().values), out_dims=(0, 1))(x)
    put(out, "vmap.multi0", o1)
    put(out, "vmap.multi1", o2)
    xg = x.clone().requires_grad_(True)
    vmap(lambda a: (a * a).sum() * a.tanh())(xg).pow(2).sum().backward()
    put(out, "vmap.backward", xg.grad)

    # grad alone and nested
    t = torch.tensor(1.7)
    put(out, "grad.cube", grad(lambda a: a ** 3 - 2 * a)(t))
    put(out, "grad.grad", grad(grad(lambda a: a ** 3 - 2 * a))(t))
    put(out, "grad.confusion", grad(lambda a: grad(lambda b: a * b)(a))(t))
    ga, gb = grad(lambda a, b: (a.sin() * b).sum(), argnums=(0, 1))(x, y)
    put(out, "grad.a", ga)
    put(out, "grad.b", gb)
    g, aux = grad(lambda a: ((a * a).sum(), a.mean()), has_aux=True)(y)
    put(out, "grad.aux.g", g)
    put(out, "grad.aux.aux", aux)
    g, v = grad_and_value(lambda a: F.logsigmoid(a).sum())(y)
    put(out, "gav.g", g)
    put(out, "gav.v", v)
    w = torch.randn(5, requires_grad=True)
    put(out, "closure.w", w)
    gw = grad(lambda a: (w * a.sin()).sum() ** 2)(y)
    put(out, "closure.g", gw)
    gw.sum().backward()
    put(out, "closure.wgrad", w.grad)

    # per-sample gradients of a small model
    torch.manual_seed(12)
    W = torch.randn(3, 5)
    b = torch.randn(3)
    X = torch.randn(6, 5)
    Y = torch.randn(6, 3)
    for k, v in (("W", W), ("b", b), ("X", X), ("Y", Y)):
        put(out, "ps." + k, v)

    def loss(W_, b_, xi, yi):
        return F.mse_loss(torch.tanh(xi @ W_.t() + b_), yi)

    gW, gb = vmap(grad(loss, argnums=(0, 1)), in_dims=(None, None, 0, 0))(W, b, X, Y)
    put(out, "ps.gW", gW)
    put(out, "ps.gb", gb)

    # Jacobians
    z = torch.randn(3)
    put(out, "jac.z", z)
    f = lambda a: a.sin() * a.sum()  # noqa: E731
    put(out, "jac.rev", jacrev(f)(z))
    put(out, "jac.fwd", jacfwd(f)(z))
    ja, jb = jacrev(lambda a, b: a.exp() * b.sum() + b[:3], argnums=(0, 1))(z, y)
    put(out, "jac.a", ja)
    put(out, "jac.b", jb)
    put(out, "jac.matrix", jacrev(lambda a: a @ a.t())(m[0]))
    put(out, "hess.cube", hessian(lambda a: (a ** 3).sum() + a[0] * a[1] * a[2])(z))
    put(out, "hess.lse", hessian(lambda a: a.logsumexp(0))(z))
    put(out, "hess.arg1", hessian(lambda a, b: (a * b.tanh()).sum() * b.sum(), argnums=1)(y, y.flip(0)))
    put(out, "jac.vmap", jacrev(vmap(lambda a: a.softmax(0)))(m[:, :, 0]))
    # An input the output does not depend on, and an output that depends on no input: zeros.
    put(out, "jac.unused", jacrev(lambda a, b: a.exp(), argnums=(0, 1))(z, y)[1])
    put(out, "jac.constant", jacrev(lambda a: torch.ones(2, 2))(z))

    # vjp and jvp
    o, fn = vjp(lambda a, b: a * b.sin() + a.sum(), z, z.cos())
    ct = torch.randn(3)
    put(out, "vjp.ct", ct)
    put(out, "vjp.out", o)
    va, vb = fn(ct)
    put(out, "vjp.a", va)
    put(out, "vjp.b", vb)
    tan = torch.randn(3)
    put(out, "jvp.t", tan)
    o, jt = jvp(lambda a: a.exp() * a.sum(), (z,), (tan,))
    put(out, "jvp.out", o)
    put(out, "jvp.jt", jt)
    o, jt = jvp(lambda a, b: a * b, (z, z.cos()), (tan, tan.flip(0)))
    put(out, "jvp2.jt", jt)

    # has_aux
    j, aux = jacrev(lambda a: (a.tanh() * a[0], a.norm()), has_aux=True)(z)
    put(out, "aux.jac", j)
    put(out, "aux.jac.aux", aux)
    o, fn, aux = vjp(lambda a: (a.sigmoid(), a.sum() * 2), z, has_aux=True)
    put(out, "aux.vjp", fn(ct)[0])
    put(out, "aux.vjp.aux", aux)
    o, jt, aux = jvp(lambda a: (a.log1p().exp2(), a.max()), (z.abs(),), (tan,), has_aux=True)
    put(out, "aux.jvp", jt)
    put(out, "aux.jvp.aux", aux)

    # randomness
    torch.manual_seed(13)
    put(out, "rand.same", vmap(lambda a: a + torch.rand(5), randomness="same")(x))
    put(out, "rand.same.after", torch.rand(2))
    torch.manual_seed(13)
    put(out, "rand.different", vmap(lambda a: a + torch.rand(5), randomness="different")(x))
    put(out, "rand.different.after", torch.rand(2))
    torch.manual_seed(14)
    put(out, "rand.dropout", vmap(lambda a: F.dropout(a, 0.5), randomness="same")(torch.ones(3, 8)))

    with open(OUT, "w") as fh:
        fh.write("# scripts/torch_func_fixtures.py, torch %s\n" % torch.__version__)
        fh.writelines(out)


if __name__ == "__main__":
    main()
