#!/usr/bin/env python3
"""PyTorch 1.13's reprs under torch.set_printoptions, replayed by vgrad's PrintOptionsTest
(src/test/resources/fixtures/torch_printoptions.txt).

    /usr/bin/python3 scripts/torch_printoptions_fixtures.py

An "options" line calls set_printoptions with its fields ("-" for a keyword not given: precision, threshold,
edgeitems, linewidth, profile, sci_mode as 1/0); the options stay in force for the reprs below it, as they do in
PyTorch. Each repr is written as torch_fixtures.py writes them: "repr <shape> <requires_grad> <values...>", the
repr's lines, "endrepr".
"""
import math
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_printoptions.txt")


def main():
    torch.manual_seed(21)
    out = ["# scripts/torch_printoptions_fixtures.py, torch %s\n" % torch.__version__]
    samples = [
        torch.tensor(3.14159265),
        torch.tensor([1.5, -2.25, 3.125]),
        torch.randn(3, 4),
        torch.tensor([1., 2., 300., -4.]),
        torch.tensor([1., 20000., 3.]),
        torch.tensor([1e-5, 0.5, 123.456]),
        torch.tensor([float("nan"), float("inf"), -1.5, 0., -0.]),
        torch.arange(30.) / 7,
        torch.randn(40, 30),
        torch.randn(2, 3, 4) * 1000,
        torch.tensor([123456789., 2.]),
        torch.tensor([0.1, 0.25, 0.5, 0.75, 2.5]),
        torch.zeros(3),
    ]

    def reprs():
        for t in samples:
            rg = t.dim() == 1 and t.numel() == 3 and t[0].item() == 1.5
            if rg:
                t = t.clone().requires_grad_(True)
            shape = ",".join(str(s) for s in t.shape) or "-"
            values = " ".join(repr(v) if not math.isnan(v) else "nan" for v in t.detach().reshape(-1).tolist())
            out.append("repr %s %d %s\n%s\nendrepr\n" % (shape, int(rg), values, repr(t)))

    def options(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None):
        torch.set_printoptions(precision=precision, threshold=threshold, edgeitems=edgeitems, linewidth=linewidth,
                               profile=profile, sci_mode=sci_mode)
        field = lambda v: "-" if v is None else str(int(v) if isinstance(v, bool) else v)
        out.append("options %s\n" % " ".join(field(v) for v in (precision, threshold, edgeitems, linewidth, profile,
                                                                 sci_mode)))
        reprs()

    options(precision=2)
    options(precision=6, linewidth=40)
    options(threshold=10, edgeitems=1)
    options(sci_mode=True)
    options(sci_mode=False)
    options(precision=0)
    options(precision=0, sci_mode=True)
    options(profile="short")
    options(profile="short", precision=6)
    options(threshold=5, linewidth=30)
    options(profile="full")
    options()
    options(profile="default")
    torch.set_printoptions(profile="default")
    with open(OUT, "w") as f:
        f.writelines(out)


if __name__ == "__main__":
    main()
