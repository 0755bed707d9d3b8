#!/usr/bin/env python3
"""Optimizer state dicts in PyTorch's own layout, for OptimizerTorchStateTest
(src/test/resources/fixtures/torch_optim_states.pt).

Run with the Python that has torch (Debian: /usr/bin/python3 after apt-get install python3-torch):
    /usr/bin/python3 scripts/torch_optim_state_fixtures.py           # writes the fixture
    /usr/bin/python3 scripts/torch_optim_state_fixtures.py FILE      # steps on from an optimizer state vgrad wrote

For each case a Linear(3, 2) from seed 1 trains three steps on a mean squared error (x 5 x 3, y 5 x 2 from seed 2),
then the file keeps the model's state dict ("model"), the optimizer's state_dict() ("optimizer") and the model's state
after two more steps ("after"): vgrad loads the first two and must reach the third. With FILE (a dict of such cases,
"model" and "optimizer" from vgrad), torch loads each and prints its two further steps beside vgrad's "after".
"""
import copy
import os
import sys

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_optim_states.pt")

CASES = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.1),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.05),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01),
    "adamax": lambda p: torch.optim.Adamax(p, lr=0.02),
    "asgd": lambda p: torch.optim.ASGD(p, lr=0.05, t0=2),
    "nadam": lambda p: torch.optim.NAdam(p, lr=0.01),
    "radam": lambda p: torch.optim.RAdam(p, lr=0.01),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9, centered=True, weight_decay=0.01),
    "adadelta": lambda p: torch.optim.Adadelta(p, lr=1.0, rho=0.8),
    "rprop": lambda p: torch.optim.Rprop(p, lr=0.01, etas=(0.4, 1.3)),
    "adam_groups": lambda p: torch.optim.Adam([{"params": [p[0]]}, {"params": [p[1]], "lr": 0.001}], lr=0.01),
}


def data():
    torch.manual_seed(2)
    return torch.randn(5, 3), torch.randn(5, 2)


def steps(model, opt, n):
    x, y = data()
    for _ in range(n):
        opt.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        opt.step()


def main():
    out = {}
    for name, make in CASES.items():
        torch.manual_seed(1)
        model = torch.nn.Linear(3, 2)
        opt = make(list(model.parameters()))
        steps(model, opt, 3)
        # state_dict() hands out the live state tensors, which the next steps change in place: a copy keeps step 3's
        case = {"model": {k: v.clone() for k, v in model.state_dict().items()},
                "optimizer": copy.deepcopy(opt.state_dict())}
        steps(model, opt, 2)
        case["after"] = {k: v.clone() for k, v in model.state_dict().items()}
        out[name] = case
    torch.save(out, OUT)


def replay(path):
    cases = torch.load(path)
    for name, case in cases.items():
        model = torch.nn.Linear(3, 2)
        model.load_state_dict(case["model"])
        opt = CASES[name](list(model.parameters()))
        opt.load_state_dict(case["optimizer"])
        steps(model, opt, 2)
        worst = max((model.state_dict()[k] - case["after"][k]).abs().max().item() for k in case["after"])
        print("%-12s torch's two further steps against vgrad's: largest difference %.3g" % (name, worst))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        replay(sys.argv[1])
    else:
        main()
