#!/usr/bin/env python3
"""Labels each difference a scripts/fixture-seeds.sh replay reports: one of the kinds that script's header documents as
float noise (a value that cancels to near 0, or a float formula that loses digits on one side or the other), or new.
Known differences show up under almost every seed, so without labels a new one is easy to miss among them.

    python3 scripts/fixture_noise.py SEED_DIR    (the folder holding that seed's generated fixtures and its log)

Prints one line per failing program or case, "known (<kind>)" or "NEW", then a summary; exits 1 when any is new.
Known kinds, each recognised from the program the generator wrote:
  - LBFGS's trajectories (cases named lbfgs*): its line search interpolates on differences of losses;
  - an Adam-family trajectory within 2e-3 relative: a parameter whose gradient is rounding noise (seed 67's
    adam_groups_onecycle_momenta: W[11]'s gradient 3.7e-6 in float, 3.3e-6 in float64 at step 4) still moves by a
    whole normalized step, so the trajectories part (W[11] after step 4: float64 0.0697943, vgrad 0.0697856,
    PyTorch 0.0697546); or whose gradient sums terms that cancel (seed 3049's nadam: b[1]'s gradient is six terms of
    about 0.1 summing to 4e-4, read 1.6e-8 from float64's at step 5 by vgrad and 6e-10 by PyTorch, both float
    rounding of those terms; it changes sign twice, and by step 14 float64 reads 0.0201080, PyTorch 0.0201085,
    vgrad 0.0200796);
  - an RMSprop trajectory within 1e-3 relative, the same amplification through a step normalized by a small root
    mean square (seed 691's rmsprop_centered: W[2]'s gradient changes sign from step 12 on, PyTorch's own float run
    moves from its float64 run by 4e-8 at step 2 and 3e-5 at step 15, and after step 14 float64 reads -0.19472265,
    vgrad -0.19472982, PyTorch -0.19469437);
  - an Adagrad trajectory within 1e-3 relative, the same through its accumulated root (seed 3511's adagrad: b[1]
    after step 14 float64 -0.0407157, PyTorch -0.0407158, vgrad -0.0406909; PyTorch's own float run with b[1] one ulp
    higher at the start moves from float64 by 2e-9 at step 6 and 2.7e-6 at step 14, growing fourfold every two steps
    as vgrad's does from its float rounding of b[1]'s gradient, 4e-8 at step 7, where six terms cancel to 1.9e-4);
  - any of those three whose difference, however large beside the parameter, is within 1e-4 of the largest parameter
    at that step: a parameter passing near 0 on a trajectory that amplifies rounding (seed 4877's nadam_groups: W[0]
    oscillates about 0 with its distance from float64 doubling every step in PyTorch's float run and in vgrad's
    alike, from a gradient of -4e-6 at step 3; at step 15 float64 0.0041338, PyTorch 0.0041308, vgrad 0.0041425;
    seed 4993's rmsprop_eps: W[1] at step 14 float64 -0.0074589, PyTorch -0.0074629, vgrad -0.0074740, both floats
    parting from float64 2.5 times further each step from step 8 on);
  - the low-rank sketches (programs lowrank_*): svd_lowrank / pca_lowrank where singular values lie close;
  - a layer norm over one or two elements: x - mean cancels to zero or nearly, and PyTorch's rounding and vgrad's part
    there by 1e-5-sized gradients (over one element vgrad's are exact zeros); a training batch norm over one or two
    values a channel likewise, within 1e-3 (seed 5689's layers_42: float64 -0.0311351, PyTorch -0.0311556, vgrad
    -0.0311418);
  - a layer norm over a few (up to four) elements whose row is nearly constant (spread under a fifth of its largest
    magnitude), within 1e-3: x - mean keeps few digits and 1 / std is large (seed 1579's layers_9: the row -0.429,
    -0.413, -0.388; float64 -0.5901376, vgrad -0.5901673, PyTorch -0.5899658);
  - a layer norm of an expanded tensor, or with a row of output that is its bias all but rounding (a row of equal
    values; seed 1153's chain_191 made one by permuting an expanded value into a row), the same cancellation over more
    elements; also, where both gradients are within 1e-4 of 0, a layer norm of a value computed from an expand further
    up or from one-element inputs only (seed 4157's chain_50, a softmax over a repeated one-element input: PyTorch 0,
    vgrad 1.5e-5, one float ulp of the 155-sized terms that cancel; seed 4283's chain_47, an expand, a min over the
    other dimension and a permute: PyTorch 1.1e-6, vgrad 1.5e-5; float64 within 3e-14 of 0 in both);
  - cosine similarity along a dimension of size 1 in either operand (also inside a loss with cosine distance): the
    same cancellation in the norms' product (broadcast against the other operand, its gradient is a sum of terms that
    cancel to 0: seed 163's extras_73, PyTorch -6.1e-5 and vgrad -3.1e-4 where the exact value is 0);
  - normalize (F.normalize) along a dimension of size 1: each element is divided by its own magnitude, the gradient's
    two terms (each 1/|x| times the upstream gradient) cancel to 0 in exact arithmetic and to 1e-5-sized rounding in
    float, PyTorch's and vgrad's at different elements (seed 1237's extras_72 at x = 0.0034: PyTorch 0, vgrad 1.5e-5;
    at x = 0.0014 PyTorch's own reads 1.5e-5);
  - a convolution's bias followed by a layer norm over at most the spatial dimensions: the bias is constant along each
    normalized row, whose mean the norm takes out, so its gradient is exactly 0 and both sides give rounding (seed
    1471's chain_195: conv2d, narrow, layer norm over the last 3: PyTorch -1.4e-6, vgrad -7.1e-5);
  - std or var of values an expand made equal (their spread is rounding: seed 1489's chain_96, std 1.5e-7 in PyTorch, 0
    in vgrad, whose gradient is then 0 where PyTorch's is rounding over rounding, -0.21);
  - QR of a wide matrix (more columns than rows): the script's seed 3333 linalg_133, where PyTorch's float result and
    vgrad's lie on either side of float64's;
  - orgqr / householder_product's gradient within 1e-2 relative: PyTorch 1.13's float backward loses digits there,
    and vgrad's matched float64's (seeds 9009's torch_names6_60 and 59's torch_names6_156: float64 1.2281750 and
    -2.0739071, vgrad 1.2281749 and -2.073907, PyTorch 1.2279688 and -2.0742302; seed 863's torch_names6_76, 0.7 %
    apart: float64 0.00841226, vgrad 0.00841226, PyTorch 0.00835210);
  - NaN in PyTorch's baddbmm with beta 0 where vgrad has a number: with a broadcast input, PyTorch 1.13 sometimes
    returns what its new memory held (torch.baddbmm(randn(1, 2, 4), randn(3, 2, 3), randn(3, 3, 4), beta=0,
    alpha=1.5) held NaN in 3 of 2 000 calls), so one seed's torch_names_68 (beta 0, alpha 1.5) read NaN once;
  - sinc's (sinc_'s, special.sinc's) gradient at an input within 0.01 of 0: PyTorch 1.13's float formula cancels there
    (seed 40404's extras28_40 at x = 0.0011714: PyTorch 0.0031947 in float, 0.00325645 in float64 and in vgrad);
  - logcumsumexp's gradient within 1e-3 relative: it is the difference of its positive and negative parts, each
    read through the float-rounded outputs, and where they cancel both sides keep few digits (seed 1997's extras14_59,
    values 40 apart: parts near 3.05 and 3.19, float64 -0.13794372, PyTorch -0.13793516, vgrad -0.13795972).
Needs no torch: it reads the text fixtures only.
"""
import math
import os
import re
import sys

ERROR = re.compile(r"^\[ERROR\] +([A-Z][A-Za-z]+Test)\S* (.*)$")
PROGRAM = re.compile(r"\bprogram (\S+?):")
CASE = re.compile(r"\bcase (\S+)")


def programs(folder):
    """Every program's lines, by name, from the generated text fixtures in the folder."""
    found = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        current = None
        with open(os.path.join(folder, name)) as f:
            for line in f:
                if line.startswith("program "):
                    current = line.split()[1]
                    found[current] = []
                elif current is not None:
                    found[current].append(line.rstrip("\n"))
                    if line.startswith("end"):
                        current = None
    return found


def case_steps(folder):
    """Each optimizer case's recorded parameters after every step, by case name and step: the last 15 numbers of its
    'step <k> <lr(s)> <loss> <W: 12 values> <b: 3 values>' lines, in torch_optim.txt and torch_optim_groups.txt."""
    found = {}
    for name in ("torch_optim.txt", "torch_optim_groups.txt"):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        current = None
        with open(path) as f:
            for line in f:
                parts = line.split()
                if parts and parts[0] == "case":
                    current = found.setdefault(parts[1], {})
                elif parts and parts[0] == "step" and current is not None:
                    current[int(parts[1])] = [float(v) for v in parts[-15:]]
    return found


STEP = re.compile(r": step (\d+):")


def small_beside_parameters(message, steps, bound):
    """Whether a trajectory's difference (PyTorch's value against vgrad's) is within `bound` of the largest parameter
    at that step: where the differing parameter passes near 0, its relative difference says nothing (seed 4877's
    nadam_groups: W[0] 0.00413 in PyTorch, 0.00414 in vgrad, float64 0.00413, parameters up to 0.91)."""
    m, at = VALUES.search(message), STEP.search(message)
    try:
        a, b = float(m.group(1)), float(m.group(2).rstrip(","))
        values = steps[int(at.group(1))]
    except (AttributeError, ValueError, KeyError):
        return False
    return abs(a - b) <= bound * max(abs(v) for v in values)


def inputs_of(lines):
    """Each input's shape and values, by its value number: 'input <id> <requires grad> <shape> values...'."""
    out = {}
    for line in lines:
        parts = line.split()
        if parts and parts[0] == "input" and len(parts) > 3:
            try:   # a 0-dimensional input's shape is written "-"
                shape = [int(s) for s in parts[3].split(",") if s and s != "-"]
                out["%" + parts[1]] = (shape, [float(v) for v in parts[4:]])
            except ValueError:
                continue
    return out


GRAD_AT = re.compile(r"grad of input (\d+) at (\d+)")
VALUES = re.compile(r"PyTorch (\S+?),? vgrad (\S+)")


def within(message, relative):
    """Whether a failure message's PyTorch and vgrad values differ by at most `relative` of the larger (False where it
    names no such pair)."""
    m = VALUES.search(message)
    try:
        a, b = float(m.group(1)), float(m.group(2).rstrip(","))
    except (AttributeError, ValueError):
        return False
    return abs(a - b) <= relative * max(abs(a), abs(b))


def near_zero(message, bound):
    """Whether a failure message's PyTorch and vgrad values are both within `bound` of 0."""
    m = VALUES.search(message)
    try:
        a, b = float(m.group(1)), float(m.group(2).rstrip(","))
    except (AttributeError, ValueError):
        return False
    return abs(a) <= bound and abs(b) <= bound


def any_row_is_bias(values, bias):
    """Whether some normalized row of a layer norm's output is its bias all but rounding (the row's values were equal,
    as an expanded value permuted into a row makes them: seed 1153's chain_191)."""
    out = [float(v) for v in values]
    n = len(bias)
    return any(all(abs(out[r + i] - bias[i]) <= 1e-4 * max(1.0, abs(bias[i])) for i in range(n))
               for r in range(0, len(out) - n + 1, n))


def made_equal_upstream(value, inputs, steps):
    """Whether a program's value is computed from an expand somewhere upstream, or from one-element inputs only: the
    ways a drawn program makes the rows a later layer norm sees one value repeated (seed 4157's chain_50: a one-element
    input expanded, repeated, transposed and put through a softmax; seed 4283's chain_47: an expand, a min over the
    dimension it did not expand and a permute)."""
    if value in inputs:
        return math.prod(inputs[value][0]) == 1
    step = steps.get(value.lstrip("%"))
    if step is None:
        return False
    if step[2] == "expand":
        return True
    operands = [p for p in step[3:] if p.startswith("%")]
    return bool(operands) and all(made_equal_upstream(p, inputs, steps) for p in operands)


def kind_of_program(name, lines, message):
    """The known kind a program's difference (its first reported element, in message) belongs to, or None."""
    if name.startswith("lowrank_"):
        return "low-rank sketch"
    inputs = inputs_of(lines)
    steps = {line.split()[1]: line.split() for line in lines if line.startswith("step ")}
    made_by = {value: step[2] for value, step in steps.items()}
    where = GRAD_AT.search(message)
    output = next((line.split() for line in lines if line.startswith("output ")), None)
    for line in lines:
        parts = line.split()
        if len(parts) < 4 or parts[0] != "step":
            continue
        op = parts[2]
        if op == "layer_norm":
            normalized = next((p[2:] for p in parts if p.startswith("s:")), None)
            if normalized is not None and math.prod(int(s) for s in normalized.split(",") if s) <= 2:
                return "layer norm over one or two elements"
            if where and "%" + where.group(1) == parts[3] and within(message, 1e-3):
                # the differing gradient is of the norm's own input, in a row of a few nearly equal values: x - mean
                # keeps few digits and 1 / std is large (seed 1579's layers_9: a row -0.429, -0.413, -0.388, float64
                # -0.5901376, vgrad -0.5901673, PyTorch -0.5899658)
                count = math.prod(int(s) for s in normalized.split(",") if s) if normalized else 0
                values = inputs.get(parts[3], ([], []))[1]
                at = int(where.group(2))
                row = values[at - at % count:at - at % count + count] if 0 < count <= 4 else []
                if row and max(row) - min(row) < 0.2 * max(abs(v) for v in row):
                    return "layer norm of a nearly constant row"
            if made_by.get(parts[3].lstrip("%")) == "expand":   # its rows' values broadcast from one
                return "layer norm of a row of equal values"
            if near_zero(message, 1e-4) and made_equal_upstream(parts[3], inputs, steps):
                # x - mean is rounding, so is the normalized value, and a gradient that is 0 in exact arithmetic is
                # rounding on both sides (chain_47: PyTorch 1.1e-6, vgrad 1.5e-5, float64 2e-14)
                return "layer norm of a row of equal values"
            bias = inputs.get(parts[6], ([], []))[1] if len(parts) > 6 else []   # x, s:shape, weight, bias
            if output and output[1] == parts[1] and bias and any_row_is_bias(output[3:], bias):
                return "layer norm of a row of equal values"
        if op == "batch_norm" and "b:1" in parts and within(message, 1e-3):
            # training mode over one or two values a channel: x - mean is +-half their difference, xhat +-1 but for
            # eps, and the input's gradient cancels to what eps leaves (seed 5689's layers_42, a batch of 2: float64
            # -0.0311351, PyTorch -0.0311556, vgrad -0.0311418)
            shape = inputs.get(parts[3], ([], []))[0]
            if len(shape) >= 2 and shape[1] > 0 and math.prod(shape) // shape[1] <= 2:
                return "batch norm over one or two values a channel"
        if op in ("conv1d", "conv2d", "conv3d") and where and len(parts) > 5 and parts[5] == "%" + where.group(1):
            # the convolution's bias is constant along its channel's spatial positions; a later layer norm over
            # at most the spatial dimensions takes each such row's mean back out, so the bias's gradient is exactly 0
            # and both sides' values are rounding (seed 1471's chain_195: PyTorch -1.4e-6, vgrad -7.1e-5)
            spatial = int(op[4])
            for later in lines:
                lp = later.split()
                if len(lp) > 3 and lp[0] == "step" and lp[2] == "layer_norm":
                    normalized = next((p[2:] for p in lp if p.startswith("s:")), "")
                    if 0 < len([d for d in normalized.split(",") if d]) <= spatial and near_zero(message, 1e-3):
                        return "a convolution's bias under a layer norm of its spatial dimensions"
        if op in ("std", "var") and "expand" in made_by.values() and output and output[1] == parts[1] \
                and all(abs(float(v)) <= 1e-5 for v in output[3:]):
            # a spread of values an expand made equal: x - mean cancels to rounding, and PyTorch's gradient is that
            # rounding divided by a spread of rounding (seed 1489's chain_96: std 1.5e-7, PyTorch's gradient -0.21
            # where vgrad's, from an exact 0 spread, is 0)
            return "std or var of equal values"
        if op == "cosine_similarity" or "r:cosine" in parts:
            dim = next((int(p[2:]) for p in parts if p.startswith("i:")), -1) if op == "cosine_similarity" else -1
            # either operand of size 1 there (the other broadcast against it): its gradient sums terms that cancel
            for operand in parts[3:5]:
                shape = inputs.get(operand, ([], []))[0]
                if shape and len(shape) >= abs(dim) and shape[dim] == 1:
                    return "cosine similarity along a dimension of size 1"
        if op == "normalize":
            dim = next((int(p[2:]) for p in parts if p.startswith("i:")), 1)
            shape = inputs.get(parts[3], ([], []))[0]
            if shape and len(shape) > dim >= -len(shape) and shape[dim] == 1:
                return "normalize along a dimension of size 1"
        if op == "baddbmm" and "f:0.0" in parts[6:7] and "PyTorch NaN" in message:
            return "PyTorch's baddbmm with beta 0"
        if op in ("orgqr", "linalg_householder_product"):
            if within(message, 1e-2):
                return "orgqr's float gradient"
        if op.startswith("linalg_qr") or op == "qr":
            shape = inputs.get(parts[3], ([], []))[0]
            if len(shape) >= 2 and shape[-2] < shape[-1]:
                return "QR of a wide matrix"
        if (op == "sinc" or "r:sinc_" in parts or "r:sinc" in parts) and where:   # sinc, sinc_, special.sinc
            # sinc of the input or of a view of it (a chain's transposes and scalings by 1): the differing element's
            # input value near 0
            values = inputs.get("%" + where.group(1), ([], []))[1]
            at = int(where.group(2))
            if at < len(values) and abs(values[at]) < 0.01:
                return "sinc's gradient near 0"
        if op == "logcumsumexp" and within(message, 1e-3):
            return "logcumsumexp's gradient where its two parts cancel"
    return None


def main(folder):
    with open(os.path.join(folder, "log")) as f:
        errors = [m.groups() for m in map(ERROR.match, f) if m]
    table = programs(folder)
    trajectories = case_steps(folder)
    seen, new = set(), 0
    for test, message in errors:
        program, case = PROGRAM.search(message), CASE.search(message)
        key = program.group(1) if program else case.group(1) if case else message
        if (test, key) in seen:
            continue
        seen.add((test, key))
        if case and not program and key.startswith("lbfgs"):
            kind = "LBFGS line search"
        elif case and not program and re.search(r"\bcase \S+ (Adam|AdamW|Adamax|NAdam|RAdam) ", message) and (
                within(message, 2e-3) or small_beside_parameters(message, trajectories.get(key, {}), 1e-4)):
            kind = "Adam's step of a noise-sized gradient"
        elif case and not program and re.search(r"\bcase \S+ RMSprop ", message) and (
                within(message, 1e-3) or small_beside_parameters(message, trajectories.get(key, {}), 1e-4)):
            kind = "RMSprop's normalized step"
        elif case and not program and re.search(r"\bcase \S+ Adagrad ", message) and (
                within(message, 1e-3) or small_beside_parameters(message, trajectories.get(key, {}), 1e-4)):
            kind = "Adagrad's normalized step"
        elif program:
            kind = kind_of_program(key, table.get(key, []), message)
        else:
            kind = None
        new += kind is None
        print(f"  {test} {key}: " + (f"known ({kind})" if kind else "NEW") + ("" if kind else f"  {message[:400]}"))
    if not seen:
        # the run failed without naming a program (a compile error, a crash): not a pass
        print(f"  no differing program or case in {os.path.join(folder, 'log')}: the replay failed some other way")
        return 1
    print(f"  {len(seen)} differing, {new} not of a known kind")
    return 1 if new else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
