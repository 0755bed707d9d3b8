#!/usr/bin/env python3
"""Optimizer trajectories from real PyTorch, replayed by vgrad's tests (src/test/resources/fixtures/torch_optim.txt).

Parameter groups (GROUP_CASES) go to torch_optim_groups.txt beside it, in the same format with a "group b" line.

Run with the Python that has torch (Debian: /usr/bin/python3 after apt-get install python3-torch):
    /usr/bin/python3 scripts/torch_optim_fixtures.py

Every case fits the same small problem, loss = mean((tanh(x W^T + b) - y)^2) + 0.05 * sum(W^2), from the same
start (the L2 term gives the minimum curvature in every direction, so that near it the parameters are well
determined in float32 and trajectories can be compared element by element), and
records the learning rate, the loss and the parameters after every step. Format, one record per case:

    case <name> <Optimizer> <key=value;key=value...> <steps> [<Scheduler> <key=value;...>]
    init W <values>    init b <values>    data x <values>    data y <values>     (shapes: W 3x4, b 3, x 6x4, y 6x3)
    step <k> <lr> <loss> <W values...> <b values...>
    end
"""
import math
import os

import torch

OUT = os.environ.get("VGRAD_FIXTURE_OUT") or os.path.join(
    os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "torch_optim.txt")
GROUPS_OUT = os.environ.get("VGRAD_FIXTURE_GROUPS_OUT") or os.path.join(
    os.path.dirname(OUT), "torch_optim_groups.txt")
STEPS = 15

CASES = [
    ("sgd", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
    ("sgd_dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1}),
    ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.01}),
    ("sgd_maximize", "SGD", {"lr": 0.01, "maximize": True}),
    ("adam", "Adam", {"lr": 0.01}),
    ("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
    ("adam_weight_decay", "Adam", {"lr": 0.01, "weight_decay": 0.1}),
    ("adam_betas_eps", "Adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-3}),
    ("adamw", "AdamW", {"lr": 0.01}),
    ("adamw_decay_amsgrad", "AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("adagrad", "Adagrad", {"lr": 0.1}),
    ("adagrad_options", "Adagrad", {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.5,
                                     "weight_decay": 0.01, "eps": 1e-5}),
    ("rmsprop", "RMSprop", {"lr": 0.01}),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9}),
    ("rmsprop_all", "RMSprop", {"lr": 0.01, "alpha": 0.9, "centered": True, "momentum": 0.5, "weight_decay": 0.01}),
    ("adadelta", "Adadelta", {"lr": 1.0}),
    ("adadelta_options", "Adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-3, "weight_decay": 0.01}),
    ("adamax", "Adamax", {"lr": 0.02}),
    ("adamax_options", "Adamax", {"lr": 0.02, "betas": (0.8, 0.9), "weight_decay": 0.01}),
    ("asgd", "ASGD", {"lr": 0.05}),
    ("asgd_averaging", "ASGD", {"lr": 0.05, "lambd": 0.01, "alpha": 0.5, "t0": 3, "weight_decay": 0.01}),
    ("rprop", "Rprop", {"lr": 0.01}),
    ("rprop_options", "Rprop", {"lr": 0.01, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.05)}),
    # LBFGS settings where PyTorch's own float32 and float64 runs agree to 1e-5 over all steps: elsewhere (a
    # fixed step of 1, long histories near the optimum) the iteration amplifies last-bit differences, and a
    # fixture would test the noise instead of the algorithm.
    ("lbfgs", "LBFGS", {"lr": 0.5, "max_iter": 3}),
    ("lbfgs_wolfe", "LBFGS", {"lr": 1.0, "max_iter": 2, "line_search_fn": "strong_wolfe"}),
    ("lbfgs_wolfe_history", "LBFGS", {"lr": 1.0, "max_iter": 2, "history_size": 2, "line_search_fn": "strong_wolfe"}),
    ("adam_maximize", "Adam", {"lr": 0.01, "maximize": True}),
    ("adamw_betas_eps", "AdamW", {"lr": 0.02, "betas": (0.85, 0.995), "eps": 1e-4, "weight_decay": 0.05}),
    ("rmsprop_eps", "RMSprop", {"lr": 0.01, "eps": 1e-3}),
    ("adamax_eps", "Adamax", {"lr": 0.02, "eps": 1e-3}),
    ("lbfgs_tolerances", "LBFGS", {"lr": 1.0, "max_iter": 4, "max_eval": 5, "tolerance_grad": 1e-3,
                                   "tolerance_change": 1e-4, "line_search_fn": "strong_wolfe"}),
    ("sgd_steplr", "SGD", {"lr": 0.2, "momentum": 0.5}, "StepLR", {"step_size": 3, "gamma": 0.5}),
    ("adam_cosine", "Adam", {"lr": 0.05}, "CosineAnnealingLR", {"T_max": 5, "eta_min": 0.01}),
    ("sgd_plateau", "SGD", {"lr": 0.5}, "ReduceLROnPlateau", {"patience": 1, "factor": 0.5, "threshold": 0.05}),
    ("sgd_exponential", "SGD", {"lr": 0.3}, "ExponentialLR", {"gamma": 0.9}),
    ("adam_multistep", "Adam", {"lr": 0.05}, "MultiStepLR", {"milestones": [2, 5, 5, 9], "gamma": 0.5}),
    ("sgd_linear_warmup", "SGD", {"lr": 0.4, "momentum": 0.9}, "LinearLR",
     {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 6}),
    ("adam_linear_decay", "Adam", {"lr": 0.05}, "LinearLR", {"start_factor": 1.0, "end_factor": 0.2, "total_iters": 10}),
    ("sgd_constant", "SGD", {"lr": 0.3}, "ConstantLR", {"factor": 0.25, "total_iters": 4}),
    ("adamw_lambda", "AdamW", {"lr": 0.02}, "LambdaLR", {"lr_lambda": "warmup_then_decay"}),
    ("sgd_warm_restarts", "SGD", {"lr": 0.3}, "CosineAnnealingWarmRestarts", {"T_0": 3, "T_mult": 2, "eta_min": 0.01}),
    ("sgd_onecycle", "SGD", {"lr": 0.1, "momentum": 0.9}, "OneCycleLR", {"max_lr": 0.5, "total_steps": 15}),
    ("adam_onecycle_linear3", "Adam", {"lr": 0.01}, "OneCycleLR",
     {"max_lr": 0.05, "total_steps": 16, "pct_start": 0.25, "anneal_strategy": "linear", "three_phase": True}),
    ("nadam", "NAdam", {"lr": 0.02}),
    ("nadam_options", "NAdam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.01,
                                "momentum_decay": 0.01}),
    ("radam", "RAdam", {"lr": 0.02}),
    ("radam_options", "RAdam", {"lr": 0.02, "betas": (0.85, 0.9), "eps": 1e-6, "weight_decay": 0.01}),
    ("nadam_onecycle", "NAdam", {"lr": 0.01}, "OneCycleLR", {"max_lr": 0.05, "total_steps": 15}),
    ("sgd_multiplicative", "SGD", {"lr": 0.3}, "MultiplicativeLR", {"lr_lambda": "alternate"}),
    ("adam_polynomial", "Adam", {"lr": 0.05}, "PolynomialLR", {"total_iters": 8, "power": 2.0}),
    ("sgd_cyclic_triangular2", "SGD", {"lr": 0.1, "momentum": 0.9}, "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.2, "step_size_up": 3, "step_size_down": 2, "mode": "triangular2"}),
    ("rmsprop_cyclic_exp_range", "RMSprop", {"lr": 0.01, "momentum": 0.5}, "CyclicLR",
     {"base_lr": 0.005, "max_lr": 0.03, "step_size_up": 4, "mode": "exp_range", "gamma": 0.9}),
    ("adam_cyclic", "Adam", {"lr": 0.01}, "CyclicLR",
     {"base_lr": 0.005, "max_lr": 0.05, "step_size_up": 2, "cycle_momentum": False}),
    ("sgd_sequential_warmup_cosine", "SGD", {"lr": 0.3, "momentum": 0.9}, "SequentialLR", {"recipe": "warmup_cosine"}),
    ("adam_sequential_three", "Adam", {"lr": 0.05}, "SequentialLR", {"recipe": "constant_step_exponential"}),
    ("sgd_sequential_lambda", "SGD", {"lr": 0.2}, "SequentialLR", {"recipe": "warmup_lambda"}),
    ("sgd_chained", "SGD", {"lr": 0.3}, "ChainedScheduler", {"recipe": "constant_exponential"}),
    ("sgd_sequential_restarts", "SGD", {"lr": 0.2, "momentum": 0.5}, "SequentialLR",
     {"recipe": "exponential_step_constant"}),
    ("sgd_swalr", "SGD", {"lr": 0.3}, "SWALR", {"swa_lr": 0.05, "anneal_epochs": 5}),
    ("adam_swalr_linear", "Adam", {"lr": 0.05}, "SWALR", {"swa_lr": 0.01, "anneal_epochs": 4, "anneal_strategy": "linear"}),
    ("sgd_swalr_at_once", "SGD", {"lr": 0.3, "momentum": 0.5}, "SWALR", {"swa_lr": 0.05, "anneal_epochs": 0}),
]

# Parameter groups: W in the first group with the case's options, b in a second with its own (PyTorch fills the rest
# from the first's). Written to torch_optim_groups.txt: a "group b <options>" line follows the case line, and each step
# line holds both groups' learning rates before the loss.
GROUP_CASES = [
    ("sgd_groups", "SGD", {"lr": 0.1, "momentum": 0.9}, {"lr": 0.3, "momentum": 0.0}),
    ("sgd_groups_nesterov_decay", "SGD", {"lr": 0.1}, {"momentum": 0.5, "nesterov": True, "weight_decay": 0.1}),
    ("adamw_no_decay_bias", "AdamW", {"lr": 0.01, "weight_decay": 0.1}, {"weight_decay": 0.0}),
    ("adam_groups", "Adam", {"lr": 0.01}, {"lr": 0.05, "betas": (0.8, 0.99), "amsgrad": True}),
    ("adam_groups_eps_decay", "Adam", {"lr": 0.01, "weight_decay": 0.1}, {"eps": 1e-3, "weight_decay": 0.0}),
    ("rmsprop_groups", "RMSprop", {"lr": 0.01}, {"centered": True, "momentum": 0.5}),
    # not initial_accumulator_value: PyTorch fills every group's sums from the constructor's (vgrad refuses it on a group)
    ("adagrad_groups", "Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5}, {"lr_decay": 0.01, "eps": 1e-5}),
    ("adadelta_groups", "Adadelta", {"lr": 1.0}, {"rho": 0.8, "lr": 0.5}),
    ("adamax_groups", "Adamax", {"lr": 0.02}, {"lr": 0.05, "betas": (0.8, 0.9)}),
    ("asgd_groups", "ASGD", {"lr": 0.05}, {"t0": 3, "lambd": 0.01}),
    ("rprop_groups", "Rprop", {"lr": 0.01}, {"etas": (0.3, 1.5), "step_sizes": (1e-3, 0.05)}),
    ("nadam_groups", "NAdam", {"lr": 0.02}, {"momentum_decay": 0.01, "weight_decay": 0.01}),
    ("radam_groups", "RAdam", {"lr": 0.02}, {"lr": 0.05, "weight_decay": 0.01}),
    ("sgd_groups_steplr", "SGD", {"lr": 0.2, "momentum": 0.5}, {"lr": 0.05}, "StepLR", {"step_size": 3, "gamma": 0.5}),
    ("adam_groups_cosine", "Adam", {"lr": 0.05}, {"lr": 0.01}, "CosineAnnealingLR", {"T_max": 5, "eta_min": 0.005}),
    ("sgd_groups_plateau", "SGD", {"lr": 0.5}, {"lr": 0.1}, "ReduceLROnPlateau",
     {"patience": 1, "factor": 0.5, "threshold": 0.05}),
    ("sgd_groups_warm_restarts", "SGD", {"lr": 0.3}, {"lr": 0.1}, "CosineAnnealingWarmRestarts",
     {"T_0": 3, "T_mult": 2, "eta_min": 0.01}),
    ("sgd_groups_onecycle", "SGD", {"lr": 0.1, "momentum": 0.9}, {"momentum": 0.5}, "OneCycleLR",
     {"max_lr": 0.5, "total_steps": 15}),
    ("sgd_groups_cyclic", "SGD", {"lr": 0.1, "momentum": 0.9}, {"lr": 0.3}, "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.2, "step_size_up": 3, "mode": "triangular2"}),
    ("adamw_groups_lambdas", "AdamW", {"lr": 0.02}, {"lr": 0.05, "weight_decay": 0.0}, "LambdaLR",
     {"lr_lambda": "warmup_then_decay,alternate"}),
    ("sgd_groups_multiplicative", "SGD", {"lr": 0.3}, {"lr": 0.1}, "MultiplicativeLR", {"lr_lambda": "alternate"}),
    ("sgd_groups_sequential", "SGD", {"lr": 0.3, "momentum": 0.9}, {"lr": 0.1}, "SequentialLR",
     {"recipe": "warmup_cosine"}),
    ("adam_groups_chained", "Adam", {"lr": 0.05}, {"lr": 0.02}, "ChainedScheduler", {"recipe": "constant_exponential"}),
    ("adam_groups_linear", "Adam", {"lr": 0.05}, {"lr": 0.02}, "LinearLR",
     {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 6}),
    ("sgd_groups_swalr", "SGD", {"lr": 0.3}, {"lr": 0.1}, "SWALR",
     {"swa_lr": [0.05, 0.02], "anneal_epochs": 3, "anneal_strategy": "linear"}),
    ("sgd_groups_onecycle_peaks", "SGD", {"lr": 0.1, "momentum": 0.9}, {}, "OneCycleLR",
     {"max_lr": [0.5, 0.2], "total_steps": 15}),
    ("sgd_groups_cyclic_ranges", "SGD", {"lr": 0.1, "momentum": 0.9}, {}, "CyclicLR",
     {"base_lr": [0.01, 0.05], "max_lr": [0.2, 0.1], "step_size_up": 3, "mode": "triangular"}),
    ("sgd_groups_onecycle_momenta", "SGD", {"lr": 0.1, "momentum": 0.9}, {}, "OneCycleLR",
     {"max_lr": 0.5, "total_steps": 15, "base_momentum": [0.8, 0.6], "max_momentum": [0.95, 0.7]}),
    ("adam_groups_onecycle_momenta", "Adam", {"lr": 0.01}, {}, "OneCycleLR",
     {"max_lr": [0.05, 0.02], "total_steps": 15, "base_momentum": [0.85, 0.7], "max_momentum": [0.95, 0.9]}),
    ("sgd_groups_cyclic_momenta", "SGD", {"lr": 0.1, "momentum": 0.9}, {}, "CyclicLR",
     {"base_lr": 0.01, "max_lr": 0.2, "step_size_up": 3, "base_momentum": [0.8, 0.5], "max_momentum": [0.9, 0.7]}),
]

# LambdaLR's functions by name (the fixture names one; TrajectoryFixturesTest defines the same function)
LAMBDAS = {"warmup_then_decay": lambda e: (e + 1) / 4 if e < 3 else 0.95 ** (e - 3),
           "alternate": lambda e: 0.9 if e % 2 else 0.95}

S = torch.optim.lr_scheduler
# SequentialLR's and ChainedScheduler's parts by name (TrajectoryFixturesTest builds the same): schedules, milestones
RECIPES = {
    "warmup_cosine": lambda o: ([S.LinearLR(o, start_factor=0.2, total_iters=4),
                                 S.CosineAnnealingLR(o, T_max=8, eta_min=0.01)], [4]),
    "constant_step_exponential": lambda o: ([S.ConstantLR(o, factor=0.5, total_iters=2),
                                             S.StepLR(o, step_size=2, gamma=0.5), S.ExponentialLR(o, gamma=0.8)],
                                            [3, 8]),
    "warmup_lambda": lambda o: ([S.LinearLR(o, start_factor=0.25, total_iters=3),
                                 S.LambdaLR(o, lambda e: 0.9 ** e)], [3]),
    # each later schedule restarts from the base rate (its closed form at epoch 0), not from the decayed one
    "exponential_step_constant": lambda o: ([S.ExponentialLR(o, gamma=0.8), S.StepLR(o, step_size=2, gamma=0.5),
                                             S.ConstantLR(o, factor=0.5, total_iters=2)], [4, 9]),
    "constant_exponential": lambda o: ([S.ConstantLR(o, factor=0.5, total_iters=3), S.ExponentialLR(o, gamma=0.9)],
                                       None),
}


def make_scheduler(name, opt, kw):
    if name == "SequentialLR":
        parts, milestones = RECIPES[kw["recipe"]](opt)
        return S.SequentialLR(opt, parts, milestones)
    if name == "ChainedScheduler":
        return S.ChainedScheduler(RECIPES[kw["recipe"]](opt)[0])
    if name == "SWALR":
        return torch.optim.swa_utils.SWALR(opt, **kw)
    return getattr(S, name)(opt, **{k: lambdas(v) if k == "lr_lambda" else v for k, v in kw.items()})


def lambdas(names):
    """One function by name, or a list of them (one per parameter group) for names joined by commas."""
    return LAMBDAS[names] if "," not in names else [LAMBDAS[n] for n in names.split(",")]


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def opts(d):
    parts = []
    for k, v in d.items():
        if isinstance(v, tuple):
            v = ",".join(repr(float(x)) for x in v)
        elif isinstance(v, list):
            v = ",".join(str(x) for x in v)
        elif isinstance(v, bool):
            v = "1" if v else "0"
        elif isinstance(v, float):
            v = repr(v)
        parts.append("%s=%s" % (k, v))
    return ";".join(parts) if parts else "-"


def run_case(case, data, grouped):
    """One case's lines: its header, start and data, then every step's learning rate(s), loss and parameters."""
    W0, b0, x, y = data
    name, cls, kw = case[0], case[1], case[2]
    bkw = case[3] if grouped else None
    rest = case[4:] if grouped else case[3:]
    sched = rest[0] if rest else None
    skw = rest[1] if rest else {}
    W, b = W0.clone().requires_grad_(), b0.clone().requires_grad_()
    params = [{"params": [W]}, dict(bkw, params=[b])] if grouped else [W, b]
    opt = getattr(torch.optim, cls)(params, **kw)
    scheduler = make_scheduler(sched, opt, skw) if sched else None

    def closure():
        opt.zero_grad()
        loss = ((x @ W.t() + b).tanh() - y).pow(2).mean() + 0.05 * W.pow(2).sum()
        loss.backward()
        return loss

    header = "case %s %s %s %d" % (name, cls, opts(kw), STEPS)
    if sched:
        header += " %s %s" % (sched, opts(skw))
    out = [header + "\n"]
    if grouped:
        out.append("group b %s\n" % opts(bkw))
    out.append("init W %s\ninit b %s\ndata x %s\ndata y %s\n" % (fmt(W0), fmt(b0), fmt(x), fmt(y)))
    for k in range(1, STEPS + 1):
        loss = opt.step(closure) if cls == "LBFGS" else None
        if cls != "LBFGS":
            loss = closure()
            opt.step()
        if scheduler is not None:
            if sched == "ReduceLROnPlateau":
                scheduler.step(float(loss))
            else:
                scheduler.step()
        lrs = " ".join(repr(float(g["lr"])) for g in opt.param_groups)
        out.append("step %d %s %s %s %s\n" % (k, lrs, repr(float(loss)), fmt(W), fmt(b)))
    out.append("end\n")
    return out


def main():
    # scripts/fixture-seeds.sh draws other weights and data (VGRAD_FIXTURE_SEED) into another file (VGRAD_FIXTURE_OUT).
    torch.manual_seed(int(os.environ.get("VGRAD_FIXTURE_SEED", "7")))
    W0, b0 = torch.randn(3, 4) * 0.5, torch.randn(3) * 0.5
    x, y = torch.randn(6, 4), torch.rand(6, 3) * 1.6 - 0.8
    data = (W0, b0, x, y)
    for cases, path, grouped in ((CASES, OUT, False), (GROUP_CASES, GROUPS_OUT, True)):
        out = ["# Generated by scripts/torch_optim_fixtures.py with torch %s. Do not edit.\n" % torch.__version__]
        for case in cases:
            out.extend(run_case(case, data, grouped))
        with open(path, "w") as f:
            f.writelines(out)
        print("wrote %d cases to %s" % (len(cases), os.path.normpath(path)))


if __name__ == "__main__":
    main()
