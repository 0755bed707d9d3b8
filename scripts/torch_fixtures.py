#!/usr/bin/env python3
"""Generates the PyTorch reference fixtures that vgrad's tests replay (src/test/resources/fixtures/).

Run with the Python that has torch (Debian: apt-get install python3-torch; then /usr/bin/python3):
    /usr/bin/python3 scripts/torch_fixtures.py

Each fixture is a small random program: inputs, a few ops, the output, a backward (with an explicit
gradient, or implicit for one-element outputs) and the gradient of every input that requires grad.
The format is line-based so the Java side needs no JSON library:

    program <name>
    input <id> <requires_grad 0|1> <shape, comma-separated, or -> <values...>
    step <id> <op> <args...>          args: %<id> a tensor, i:<n> an int, f:<x> a float, b:<0|1> a bool,
                                      s:<n,n,...> an int list
    output <id> <shape> <values...>
    gradient <shape> <values...>      or: gradient implicit
    grad <input id> <values...>       or: grad <input id> none
    end
"""
import os
import random
import sys

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_programs.txt")

# scripts/fixture-seeds.sh draws other programs (VGRAD_FIXTURE_SEED) into another file (VGRAD_FIXTURE_OUT).
SEED = int(os.environ.get("VGRAD_FIXTURE_SEED", "20261122"))
rng = random.Random(SEED)
torch.manual_seed(SEED)


def fmt_shape(shape):
    return ",".join(str(s) for s in shape) if len(shape) else "-"


def fmt_values(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


class Program:
    def __init__(self, name):
        self.name = name
        self.lines = []
        self.values = []
        self.inputs = []

    def input(self, shape, kind="normal", requires_grad=True, values=None):
        if kind == "given":   # the values listed, for edge cases a random draw would rarely hit
            t = torch.tensor(values, dtype=torch.float32).reshape(tuple(shape))
        elif kind == "normal":
            t = torch.randn(tuple(shape))
        elif kind == "positive":
            t = torch.rand(tuple(shape)) + 0.5
        elif kind == "nonfinite":   # normal values with NaN, inf and -inf among them
            t = torch.randn(tuple(shape))
            u = torch.rand(tuple(shape))
            t[u < 0.15] = float("nan")
            t[(u >= 0.15) & (u < 0.22)] = float("inf")
            t[(u >= 0.22) & (u < 0.28)] = float("-inf")
        elif kind == "ties":   # multiples of 0.5 in [-1.5, 1.5]: equal elements, zeros, values on clamp's bounds
            t = torch.randint(-3, 4, tuple(shape)).float() * 0.5
        else:
            raise ValueError(kind)
        t.requires_grad_(requires_grad)
        i = len(self.values)
        self.values.append(t)
        self.inputs.append(i)
        self.lines.append("input %d %d %s %s" % (i, int(requires_grad), fmt_shape(t.shape), fmt_values(t)))
        return i

    def step(self, op, fn, *args):
        vals = [self.values[a.ref] if isinstance(a, Ref) else a.value for a in args]
        out = fn(*vals)
        i = len(self.values)
        self.values.append(out)
        self.lines.append("step %d %s %s" % (i, op, " ".join(a.text() for a in args)))
        return i

    def finish(self, out_id, explicit_gradient, gradient=None):
        """The program's text; backward with `gradient` where given, else a random one (or implicit, for one element
        when `explicit_gradient` is false)."""
        out = self.values[out_id]
        self.lines.append("output %d %s %s" % (out_id, fmt_shape(out.shape), fmt_values(out)))
        if out.requires_grad:
            if gradient is not None or explicit_gradient or out.numel() != 1:
                g = gradient if gradient is not None else torch.randn(tuple(out.shape))
                self.lines.append("gradient %s %s" % (fmt_shape(g.shape), fmt_values(g)))
                out.backward(g)
            else:
                self.lines.append("gradient implicit")
                out.backward()
            for i in self.inputs:
                x = self.values[i]
                self.lines.append("grad %d %s" % (i, fmt_values(x.grad) if x.grad is not None else "none"))
        else:
            self.lines.append("gradient none")
        return "program %s\n%s\nend\n" % (self.name, "\n".join(self.lines))


class Ref:
    def __init__(self, ref):
        self.ref = ref

    def text(self):
        return "%%%d" % self.ref


class Lit:
    def __init__(self, value, kind):
        self.value = value
        self.kind = kind

    def text(self):
        if self.kind == "s":
            return "s:" + ",".join(str(v) for v in self.value)
        if self.kind == "b":
            return "b:%d" % int(self.value)
        if self.kind == "r":
            return "r:" + self.value
        if self.kind == "f":
            return "f:" + repr(float(self.value))
        return "i:%d" % self.value


def R(i):
    return Ref(i)


def I(v):
    return Lit(v, "i")


def F(v):
    return Lit(v, "f")


def B(v):
    return Lit(v, "b")


def S(v):
    return Lit(list(v), "s")


def rand_shape(max_rank=3, max_size=6):
    return [rng.randint(1, max_size) for _ in range(rng.randint(0, max_rank))]


def broadcast_partner(shape):
    """A shape that broadcasts with `shape`: some dims dropped from the front, some set to 1."""
    lead = rng.randint(0, len(shape))
    other = [1 if rng.random() < 0.3 else s for s in shape[lead:]]
    if rng.random() < 0.2:
        other = [rng.randint(1, 3)] + other if not shape else other
    return other


BINARY = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b, "pow": lambda a, b: a ** b,
}
UNARY = {
    "neg": (torch.neg, "normal"), "exp": (torch.exp, "normal"), "log": (torch.log, "positive"),
    "sqrt": (torch.sqrt, "positive"), "abs": (torch.abs, "normal"), "relu": (torch.relu, "normal"),
    "sigmoid": (torch.sigmoid, "normal"), "tanh": (torch.tanh, "normal"),
}


def elementwise(n):
    p = Program("elementwise_%d" % n)
    op = rng.choice(sorted(BINARY))
    sa = rand_shape()
    sb = broadcast_partner(sa) if rng.random() < 0.7 else sa
    if rng.random() < 0.5:
        sa, sb = sb, sa
    kind_b = "positive" if op in ("div", "pow") else "normal"
    kind_a = "positive" if op == "pow" else "normal"
    a = p.input(sa, kind_a, rng.random() < 0.9)
    b = p.input(sb, kind_b, rng.random() < 0.7)
    y = p.step(op, BINARY[op], R(a), R(b))
    if rng.random() < 0.5:
        u = rng.choice(sorted(UNARY))
        if UNARY[u][1] == "positive":
            y = p.step("abs", torch.abs, R(y))
            y = p.step("add_scalar", lambda t, s: t + s, R(y), F(0.5))
        y = p.step(u, UNARY[u][0], R(y))
    return p.finish(y, rng.random() < 0.5)


def scalar_ops(n):
    p = Program("scalar_%d" % n)
    x = p.input(rand_shape(), "positive")
    y = x
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(["add_scalar", "sub_scalar", "mul_scalar", "div_scalar", "pow_scalar", "rsub_scalar",
                         "clamp"])
        if op == "add_scalar":
            y = p.step(op, lambda t, s: t + s, R(y), F(rng.uniform(-2, 2)))
        elif op == "sub_scalar":
            y = p.step(op, lambda t, s: t - s, R(y), F(rng.uniform(-2, 2)))
        elif op == "mul_scalar":
            y = p.step(op, lambda t, s: t * s, R(y), F(rng.uniform(-2, 2)))
        elif op == "div_scalar":
            y = p.step(op, lambda t, s: t / s, R(y), F(rng.choice([-3.0, 0.5, 2.0, 7.0])))
        elif op == "rsub_scalar":
            y = p.step(op, lambda t, s: s - t, R(y), F(rng.uniform(-2, 2)))
        elif op == "clamp":
            y = p.step(op, lambda t, lo, hi: torch.clamp(t, lo, hi), R(y), F(-0.7), F(1.3))
        else:
            y = p.step("abs", torch.abs, R(y))
            y = p.step("add_scalar", lambda t, s: t + s, R(y), F(0.25))
            y = p.step(op, lambda t, e: t ** e, R(y), F(rng.choice([2.0, 3.0, 0.5, -1.0, 1.5])))
    return p.finish(y, rng.random() < 0.5)


def reduction(n):
    p = Program("reduction_%d" % n)
    shape = [rng.randint(1, 7) for _ in range(rng.randint(1, 4))]
    x = p.input(shape)
    which = rng.choice(["sum", "mean", "max", "sum_dim", "mean_dim", "max_dim"])
    if which in ("sum", "mean", "max"):
        fn = {"sum": torch.sum, "mean": torch.mean, "max": torch.max}[which]
        y = p.step(which, fn, R(x))
    else:
        d = rng.randint(-len(shape), len(shape) - 1)
        keep = rng.random() < 0.5
        if which == "max_dim":
            y = p.step(which, lambda t, dd, k: torch.max(t, dd, keepdim=k)[0], R(x), I(d), B(keep))
        else:
            fn = torch.sum if which == "sum_dim" else torch.mean
            y = p.step(which, lambda t, dd, k: fn(t, dd, keepdim=k), R(x), I(d), B(keep))
    return p.finish(y, rng.random() < 0.5)


def matmul(n):
    p = Program("matmul_%d" % n)
    m, k, q = rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9)
    da, db = rng.choice([(1, 1), (2, 1), (1, 2), (2, 2), (2, 2), (3, 3), (3, 2), (2, 3), (3, 1), (1, 3), (4, 3)])
    batch = [rng.randint(1, 3) for _ in range(2)]
    sa = {1: [k], 2: [m, k], 3: [batch[1], m, k], 4: [batch[0], batch[1], m, k]}[da]
    sb = {1: [k], 2: [k, q], 3: [(1 if rng.random() < 0.3 else batch[1]), k, q]}[db]
    transposed = rng.random() < 0.3 and da == 2
    if transposed:
        a = p.input([k, m])
        a = p.step("t", torch.t, R(a))
    else:
        a = p.input(sa)
    b = p.input(sb)
    y = p.step("matmul", torch.matmul, R(a), R(b))
    return p.finish(y, rng.random() < 0.5)


def softmax(n):
    p = Program("softmax_%d" % n)
    shape = [rng.randint(1, 7) for _ in range(rng.randint(1, 3))]
    x = p.input(shape)
    if rng.random() < 0.3:
        x = p.step("mul_scalar", lambda t, s: t * s, R(x), F(8.0))
    d = rng.randint(-len(shape), len(shape) - 1)
    op = rng.choice(["softmax", "log_softmax"])
    fn = torch.softmax if op == "softmax" else torch.log_softmax
    y = p.step(op, lambda t, dd: fn(t, dd), R(x), I(d))
    return p.finish(y, True)


def views(n):
    p = Program("views_%d" % n)
    shape = [rng.randint(1, 5) for _ in range(3)]
    x = p.input(shape)
    op = rng.choice(["transpose", "permute", "reshape", "view", "unsqueeze", "squeeze", "expand", "narrow",
                     "select", "contiguous_t"])
    if op == "transpose":
        y = p.step(op, torch.transpose, R(x), I(rng.randint(0, 2)), I(rng.randint(0, 2)))
    elif op == "permute":
        perm = [0, 1, 2]
        rng.shuffle(perm)
        y = p.step(op, lambda t, s: t.permute(*s), R(x), S(perm))
    elif op == "reshape":
        t = p.step("transpose", torch.transpose, R(x), I(0), I(2))
        y = p.step(op, lambda t, s: t.reshape(*s), R(t), S([-1, shape[1]]))
    elif op == "view":
        y = p.step(op, lambda t, s: t.view(*s), R(x), S([shape[0] * shape[1], -1]))
    elif op == "unsqueeze":
        y = p.step(op, torch.unsqueeze, R(x), I(rng.randint(-4, 3)))
    elif op == "squeeze":
        x1 = p.step("unsqueeze", torch.unsqueeze, R(x), I(1))
        y = p.step(op, torch.squeeze, R(x1), I(1))
    elif op == "expand":
        x1 = p.step("unsqueeze", torch.unsqueeze, R(x), I(0))
        y = p.step(op, lambda t, s: t.expand(*s), R(x1), S([2] + shape))
    elif op == "narrow":
        d = rng.randint(0, 2)
        start = rng.randint(0, shape[d] - 1)
        y = p.step(op, torch.narrow, R(x), I(d), I(start), I(rng.randint(1, shape[d] - start)))
    elif op == "select":
        d = rng.randint(0, 2)
        y = p.step(op, torch.select, R(x), I(d), I(rng.randint(0, shape[d] - 1)))
    else:
        t = p.step("transpose", torch.transpose, R(x), I(0), I(1))
        y = p.step("contiguous", lambda u: u.contiguous(), R(t))
    w = p.input(list(p.values[y].shape))
    y = p.step("mul", BINARY["mul"], R(y), R(w))
    return p.finish(y, True)


def mlp(n):
    p = Program("mlp_%d" % n)
    batch, fin, hidden, out = rng.randint(1, 8), rng.randint(1, 12), rng.randint(1, 10), rng.randint(2, 5)
    x = p.input([batch, fin], requires_grad=False)
    w1 = p.input([fin, hidden])
    b1 = p.input([hidden])
    w2 = p.input([hidden, out])
    h = p.step("matmul", torch.matmul, R(x), R(w1))
    h = p.step("add", BINARY["add"], R(h), R(b1))
    act = rng.choice(["relu", "tanh", "sigmoid"])
    h = p.step(act, UNARY[act][0], R(h))
    s = p.step("matmul", torch.matmul, R(h), R(w2))
    ls = p.step("log_softmax", lambda t, d: torch.log_softmax(t, d), R(s), I(1))
    y = p.step("mean", torch.mean, R(ls))
    return p.finish(y, False)


def inplace(n):
    p = Program("inplace_%d" % n)
    shape = rand_shape(2, 5)
    x = p.input(shape)
    o = p.input(broadcast_partner(shape) if shape else [], "positive")
    y = p.step("mul_scalar", lambda t, s: t * s, R(x), F(1.0))
    op = rng.choice(["add_", "sub_", "mul_", "div_"])
    fn = {"add_": lambda a, b: a.add_(b), "sub_": lambda a, b: a.sub_(b), "mul_": lambda a, b: a.mul_(b),
          "div_": lambda a, b: a.div_(b)}[op]
    y = p.step(op, fn, R(y), R(o))
    return p.finish(y, True)


REPR_OUT = os.path.join(os.path.dirname(OUT), "torch_repr.txt")
NN_OUT = os.path.join(os.path.dirname(OUT), "torch_nn.txt")
NNF = torch.nn.functional


def class_targets(p, n, c):
    """A class-index target (no grad) for n samples of c classes, as a float input."""
    t = torch.randint(0, c, (n,)).float()
    i = len(p.values)
    p.values.append(t)
    p.lines.append("input %d 0 %s %s" % (i, fmt_shape(t.shape), fmt_values(t)))
    return i


def losses(n):
    p = Program("loss_%d" % n)
    which = rng.choice(["cross_entropy", "nll_loss", "bce", "bce_logits", "mse_loss", "l1_loss", "linear"])
    reduction = rng.choice(["mean", "sum", "none"])
    batch, c = rng.randint(1, 9), rng.randint(2, 7)
    if which in ("cross_entropy", "nll_loss"):
        x = p.input([batch, c])
        if which == "nll_loss":
            x = p.step("log_softmax", lambda t, d: torch.log_softmax(t, d), R(x), I(1))
        t = class_targets(p, batch, c)
        fn = NNF.cross_entropy if which == "cross_entropy" else NNF.nll_loss
        y = p.step(which, lambda a, b, r: fn(a, b.long(), reduction=r), R(x), R(t), Lit(reduction, "r"))
    elif which == "linear":
        x = p.input([batch, c])
        w = p.input([rng.randint(1, 6), c])
        b = p.input([p.values[w].shape[0]])
        y = p.step("linear", NNF.linear, R(x), R(w), R(b))
    else:
        shape = [batch, c]
        if which == "bce":
            x = p.input(shape)
            x = p.step("sigmoid", torch.sigmoid, R(x))
            t = p.input(shape, "positive", requires_grad=False)
            t = p.step("sub_scalar", lambda a, s: a - s, R(t), F(0.5))
            fn = NNF.binary_cross_entropy
        else:
            x = p.input(shape)
            t = p.input(shape, requires_grad=which != "bce_logits" or rng.random() < 0.5)
            fn = {"bce_logits": NNF.binary_cross_entropy_with_logits, "mse_loss": NNF.mse_loss, "l1_loss": NNF.l1_loss}[which]
        y = p.step(which, lambda a, b, r: fn(a, b, reduction=r), R(x), R(t), Lit(reduction, "r"))
    return p.finish(y, rng.random() < 0.5)


def inplace_view(n):
    """An in-place op written through a view of a non-leaf, then the base and the view used (CopySlices)."""
    p = Program("inplace_view_%d" % n)
    shape = [rng.randint(2, 5), rng.randint(2, 5)]
    x = p.input(shape)
    y = p.step("mul_scalar", lambda t, s: t * s, R(x), F(1.0))
    kind = rng.choice(["narrow", "select", "t"])
    if kind == "narrow":
        d = rng.randint(0, 1)
        start = rng.randint(0, shape[d] - 1)
        v = p.step("narrow", torch.narrow, R(y), I(d), I(start), I(rng.randint(1, shape[d] - start)))
    elif kind == "select":
        d = rng.randint(0, 1)
        v = p.step("select", torch.select, R(y), I(d), I(rng.randint(0, shape[d] - 1)))
    else:
        v = p.step("t", torch.t, R(y))
    o = p.input(list(p.values[v].shape), "positive")
    op = rng.choice(["add_", "sub_", "mul_", "div_"])
    fn = {"add_": lambda a, b: a.add_(b), "sub_": lambda a, b: a.sub_(b), "mul_": lambda a, b: a.mul_(b),
          "div_": lambda a, b: a.div_(b)}[op]
    v2 = p.step(op, fn, R(v), R(o))
    e = p.step("exp", torch.exp, R(y))
    s1 = p.step("sum", torch.sum, R(e))
    s2 = p.step("sum", torch.sum, R(v2))
    out = p.step("mul", BINARY["mul"], R(s1), R(s2))
    return p.finish(out, False)


def linear_inits():
    """torch.manual_seed(seed); nn.Linear(in, out): the values vgrad's Linear must draw from Generator(seed)."""
    out = []
    for seed, fin, fout in [(0, 4, 3), (42, 784, 128), (7, 5, 1), (123, 1, 6)]:
        torch.manual_seed(seed)
        layer = torch.nn.Linear(fin, fout)
        out.append("linear %d %d %d\nweight %s\nbias %s\n" % (seed, fin, fout, fmt_values(layer.weight),
                                                               fmt_values(layer.bias)))
    return out


def repr_cases():
    """Tensors whose printed form exercises every branch of PyTorch's formatter."""
    cases = [
        torch.tensor(63.), torch.tensor(-0.5), torch.tensor([1., 2.]), torch.tensor([[1., 1.], [1., 1.]]),
        torch.tensor([4517.2969, 82.6]), torch.tensor([5.3671, -17.3012]), torch.tensor([1e-5, 1.]),
        torch.tensor([1., float("nan")]), torch.tensor([float("nan"), 100.]), torch.tensor([float("inf"), -2.5]),
        torch.tensor([-0.0, 1.5]), torch.tensor([1e9, 1.]), torch.tensor([123456789., 2.]), torch.tensor([0., 0.]),
        torch.tensor([1e-8, 2e-8]), torch.zeros(0, 3), torch.zeros(0), torch.zeros(2, 0, 3),
        torch.arange(2000.), torch.arange(30.) * 1.37, torch.arange(24.).reshape(2, 3, 4),
        torch.randn(40, 40), torch.randn(3, 1, 2) * 1000, torch.randn(2, 2, 2, 2), torch.arange(10.) - 5,
        torch.tensor([0.1, 0.25, 0.125, 0.375, 1.00005, 2.00015]), torch.tensor([-1234.5678, 0.0001]),
        torch.randn(5, 30), torch.tensor([[1e20, -1e-20]]), torch.full((3,), 7.),
    ]
    out = []
    for i, t in enumerate(cases):
        rg = i % 3 == 0 and t.numel() > 0
        if rg:
            t = t.clone().requires_grad_(True)
        out.append("repr %s %d %s\n%s\nendrepr\n" % (fmt_shape(t.shape), int(rg), fmt_values(t), repr(t)))
    return out


def main():
    makers = [(elementwise, 120), (scalar_ops, 50), (reduction, 80), (matmul, 90), (softmax, 40), (views, 60),
              (mlp, 30), (inplace, 30), (losses, 120), (inplace_view, 40)]
    chunks = []
    for maker, count in makers:
        for i in range(count):
            chunks.append(maker(i))
    with open(OUT, "w") as f:
        f.write("# Generated by scripts/torch_fixtures.py with torch %s. Do not edit.\n" % torch.__version__)
        f.writelines(chunks)
    print("wrote %d programs to %s" % (len(chunks), os.path.normpath(OUT)), file=sys.stderr)
    with open(NN_OUT, "w") as f:
        f.write("# Generated by scripts/torch_fixtures.py with torch %s. Do not edit.\n" % torch.__version__)
        f.writelines(linear_inits())
    reprs = repr_cases()
    with open(REPR_OUT, "w") as f:
        f.write("# Generated by scripts/torch_fixtures.py with torch %s. Do not edit.\n" % torch.__version__)
        f.writelines(reprs)
    print("wrote %d reprs to %s" % (len(reprs), os.path.normpath(REPR_OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
