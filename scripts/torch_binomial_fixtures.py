#!/usr/bin/env python3
"""torch.binomial's draws (and torch.distributions.Binomial.sample's, which call it) for seeds, counts and
probabilities that take each of its branches (inversion below count * min(p, 1 - p) = 10, BTRS from there, both on
1 - p above one half), replayed by vgrad's BinomialSamplingTest (src/test/resources/fixtures/torch_binomial.txt).

    /usr/bin/python3 scripts/torch_binomial_fixtures.py

One line per tensor: "<case>.<what> <values...>"; "<case>.shape" the result's shape.
"""
import os

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_binomial.txt")


def fmt(t):
    return " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def main():
    out = ["# scripts/torch_binomial_fixtures.py, torch %s\n" % torch.__version__]

    def case(name, seed, count, prob):
        g = torch.Generator().manual_seed(seed)
        y = torch.binomial(count, prob, generator=g)
        out.append("%s.count %s\n" % (name, fmt(count)))
        out.append("%s.count.shape %s\n" % (name, " ".join(map(str, count.shape))))
        out.append("%s.prob %s\n" % (name, fmt(prob)))
        out.append("%s.prob.shape %s\n" % (name, " ".join(map(str, prob.shape))))
        out.append("%s.y %s\n" % (name, fmt(y)))
        out.append("%s.after %s\n" % (name, fmt(torch.rand(3, generator=g))))

    torch.manual_seed(1)
    case("small", 3, torch.full((40,), 12.0), torch.rand(40) * 0.6)
    case("large", 4, torch.full((60,), 200.0), torch.rand(60))
    case("huge", 5, torch.tensor([1e6, 3e5, 12345.0, 99999.0, 5e6]), torch.tensor([0.5, 0.01, 0.93, 0.3, 0.999]))
    case("edges", 6, torch.tensor([0.0, -3.0, 7.0, 7.0, 3.7, 50.0, 20.0, 20.0, 1.0]),
         torch.tensor([0.3, 0.5, 0.0, 1.0, 0.5, 0.2, 0.5, 0.5000001, 0.5]))
    case("mixed", 7, (torch.rand(5, 6) * 80).floor(), torch.rand(5, 6))
    case("broadcast", 8, torch.tensor([[5.0], [30.0], [400.0]]), torch.tensor([0.1, 0.45, 0.55, 0.9]))

    torch.manual_seed(9)
    d = torch.distributions.Binomial(torch.tensor([10.0, 60.0, 300.0]), torch.tensor([0.25, 0.5, 0.8]))
    s = d.sample((4, 2))
    out.append("dist.y %s\n" % fmt(s))
    out.append("dist.after %s\n" % fmt(torch.rand(3)))

    with open(OUT, "w") as fh:
        fh.writelines(out)


if __name__ == "__main__":
    main()
