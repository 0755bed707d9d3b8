#!/usr/bin/env python3
"""PyTorch 1.13's complex64 arithmetic (/, reciprocal, exp, log, sqrt, pow by a real exponent, sgn, matmul) on random
values with the gradients of a weighted sum of the real view of each output, and on edge values (division by zero,
overflowing magnitudes, exp of infinity, log and sgn of 0, roots of negative reals); replayed by vgrad's ComplexTest
(src/test/resources/fixtures/torch_complex.txt). Complex tensors are written as torch.view_as_real writes them.

    /usr/bin/python3 scripts/torch_complex_fixtures.py

One line per tensor: "<case>.<what> <values...>", flattened row-major, "<case>.<what>.shape <sizes...>" beside it.
"""
import os

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_complex.txt")


def fmt(t):
    return " ".join("%.9g" % v for v in torch.as_tensor(t).detach().reshape(-1).tolist())


def main():
    torch.manual_seed(29)
    out = ["# scripts/torch_complex_fixtures.py, torch %s\n" % torch.__version__]

    def put(key, t):
        t = torch.as_tensor(t)
        out.append("%s %s\n" % (key, fmt(t)))
        out.append("%s.shape %s\n" % (key, " ".join(str(s) for s in t.shape)))

    def case(name, op, *shapes):
        xs = [torch.randn(*s, 2).requires_grad_(True) for s in shapes]
        y = op(*[torch.view_as_complex(x) for x in xs])
        yr = torch.view_as_real(y)
        w = torch.randn(yr.shape)
        (yr * w).sum().backward()
        for i, x in enumerate(xs):
            put("%s.x%d" % (name, i), x)
            put("%s.g%d" % (name, i), x.grad)
        put(name + ".y", yr)
        put(name + ".w", w)

    case("div", lambda a, b: a / b, (3, 4), (4,))
    case("reciprocal", torch.reciprocal, (2, 5))
    case("exp", torch.exp, (2, 5))
    case("log", torch.log, (2, 5))
    case("sqrt", torch.sqrt, (3, 5))
    case("pow_2_5", lambda z: torch.pow(z, 2.5), (2, 5))
    case("pow_m1_5", lambda z: torch.pow(z, -1.5), (2, 5))
    case("sgn", torch.sgn, (2, 5))
    case("matmul", lambda a, b: a @ b, (2, 3, 4), (4, 5))
    case("matvec", lambda a, b: a @ b, (3, 4), (4,))
    case("vecmat", lambda a, b: a @ b, (4,), (4, 2))

    inf, nan = float("inf"), float("nan")
    edge_a = torch.tensor([1 + 0j, 1 + 1j, 0j, 3 + 4j, 1e30 + 1e30j, 1e-30 + 1e-30j], dtype=torch.complex64)
    edge_b = torch.tensor([0j, 0j, 0j, 1e20 + 1e20j, 1e30 + 1e30j, 1e-30 + 1e-30j], dtype=torch.complex64)
    put("edge.a", torch.view_as_real(edge_a))
    put("edge.b", torch.view_as_real(edge_b))
    put("edge.div", torch.view_as_real(edge_a / edge_b))
    put("edge.reciprocal", torch.view_as_real(torch.reciprocal(edge_b)))
    roots = torch.view_as_real(torch.tensor([-4 + 0j, 0j, 1e-40 + 0j, -9 + 1e-30j, 2j, -2j], dtype=torch.complex64))
    roots[0, 1] = -0.0
    put("edge.roots", roots)
    put("edge.sqrt", torch.view_as_real(torch.sqrt(torch.view_as_complex(roots))))
    special = torch.view_as_real(torch.tensor([complex(inf, 0), complex(0, 1e10), complex(100, 1), 0j, -1 + 0j],
                                              dtype=torch.complex64))
    put("edge.special", special)
    put("edge.exp", torch.view_as_real(torch.exp(torch.view_as_complex(special))))
    put("edge.log", torch.view_as_real(torch.log(torch.view_as_complex(special))))
    put("edge.sgn", torch.view_as_real(torch.sgn(torch.view_as_complex(special))))
    extremes = torch.view_as_real(torch.tensor([1e20 + 0j, 3e19 + 4e19j, 1e-25 + 1e-25j, 1e-40 + 0j, 1e19 + 1e19j],
                                               dtype=torch.complex64))
    put("edge.extremes", extremes)
    put("edge.sgn_extremes", torch.view_as_real(torch.sgn(torch.view_as_complex(extremes))))
    z = torch.zeros(2, 2, requires_grad=True)
    torch.view_as_real(torch.sgn(torch.view_as_complex(z))).sum().backward()
    put("edge.sgn_grad_at_0", z.grad)
    z = torch.zeros(2, 2, requires_grad=True)
    torch.view_as_real(torch.sqrt(torch.view_as_complex(z))).sum().backward()
    put("edge.sqrt_grad_at_0", z.grad)

    with open(OUT, "w") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
