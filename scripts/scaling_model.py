#!/usr/bin/env python3
"""docs/SCALING.md's cost model of a synchronous data-parallel step of vgrad-spark, and its projections.

    python3 scripts/scaling_model.py

Prints (1) the model beside every step time measured on this machine, (2) step time, throughput and efficiency at 1,
8, 64 and 512 workers for the MLP and the CNN, for vgrad-spark as built (torrent broadcast down, treeReduce up, the
optimizer on the driver) and, for comparison, a ring all-reduce between long-running workers (PyTorch DDP's scheme)
and BigDL's two-jobs-a-step sharded exchange on Spark, (3) the global batch below which each worker count runs under
50 % efficiency, and (4) how the 512-worker figures move with a faster driver and network. Standard library only.

The measured constants come from `./vgrad bench --spark local[2] ...` and `scripts/spark-standalone.sh N ...` on the
2-core Zen 3 of BENCHMARKS.md ("2026-12-02 (Spark issue): where a step's time goes"); the server cluster's network is
an assumption (this machine has none to measure), named as such.
"""
import math
from collections import namedtuple

# --- measured here (seconds; a worker is one core) ----------------------------------------------------------------
MODELS = {
    # P: parameters. c: compute per example of a task on one core; c0: the part of a task's compute that does not
    # grow with its share (both from the in-task compute of one partition at batch 64 and 512). task: a task's other
    # costs in local mode (deserialising it, reading the broadcast, picking its examples, serialising its partial).
    # driver: the driver's broadcast and optimizer update; update: the optimizer update alone.
    "mlp": dict(P=109_386, c=12.3e-6, c0=1.0e-3, task=4e-3, driver=5e-3, update=2e-3),
    "cnn": dict(P=421_642, c=1.60e-3, c0=0.0, task=3e-3, driver=7.5e-3, update=2.2e-3),
}
TASK_FIXED = 1.3e-3      # the driver's scheduling of each further task (slope of 8-32 tasks, waves taken out)
RESULT_PER_MB = 0.72e-3  # a process receiving a partial: deserialising and adding it, per MB (same fit)
STAGE = 45e-3            # one more stage: treeReduce's intermediate level, which Spark adds from 6 tasks on

# Where the workers are: the latency of a Spark block fetch (RPC, block manager, deserialising) and bytes per second
# (hop None: local mode, where executors share the driver's JVM and nothing crosses a socket), and the job floor: a
# job of one task beyond the task itself (scheduling, launch, result return; the mean of the one-worker rows).
Net = namedtuple("Net", "name hop bandwidth floor")
LOCAL = Net("local mode", None, None, 25e-3)
HERE = Net("standalone on this machine (loopback, measured)", 13e-3, 0.18e9, 34e-3)  # 0.44 MB in 12.6 ms, 1.69 in 19.7
CLUSTER = Net("server cluster (assumed: 10 Gb/s, 1 ms a fetch, local mode's floor)", 1e-3, 1.25e9, 25e-3)
RING_HOP = 25e-6  # one message of a ring all-reduce between long-running processes (Gloo over TCP; assumed)

# Step times measured (ms) and a task's measured compute (ms): (net, model, global batch, workers) -> (step, compute)
MEASURED = {
    ("local", "mlp", 64, 1): (61.1, 1.8), ("local", "mlp", 64, 2): (47.2, 1.3),
    ("local", "mlp", 512, 1): (43.1, 7.3), ("local", "mlp", 512, 2): (47.7, 6.6),
    ("local", "cnn", 64, 1): (153.4, 100.3), ("local", "cnn", 64, 2): (115.1, 55.6),
    ("local", "cnn", 512, 1): (863.8, 815.6), ("local", "cnn", 512, 2): (917.6, 774.4),
    ("here", "mlp", 64, 1): (120.6, 5.5), ("here", "mlp", 64, 2): (184.0, 8.2),
    ("here", "mlp", 512, 1): (96.6, 10.7), ("here", "mlp", 512, 2): (151.8, 10.7),
    ("here", "cnn", 64, 1): (239.8, 128.8), ("here", "cnn", 64, 2): (239.2, 88.5),
    ("here", "cnn", 512, 1): (886.2, 805.2), ("here", "cnn", 512, 2): (861.2, 701.7),
}


def mb(m):
    return 4 * m["P"] / 1e6


def tree_levels(w):
    """treeReduce(depth 2)'s intermediate partition counts, as Spark's treeAggregate cuts them."""
    scale = max(math.ceil(w ** 0.5), 2)
    levels, n = [], w
    while n > scale + math.ceil(n / scale):
        n = math.ceil(n / scale)
        levels.append(n)
    return levels


def spark_step(m, w, batch, net, compute=None):
    """vgrad-spark as built: the driver broadcasts, w tasks compute, treeReduce sums to the driver, driver steps.
    compute: a task's compute in seconds when measured, else c0 + c * share."""
    size, receive = 4 * m["P"], RESULT_PER_MB * mb(m)
    work = (m["c0"] + m["c"] * batch / w if compute is None else compute) + m["task"]
    schedule = net.floor + (w - 1) * TASK_FIXED
    hop = (lambda nbytes: 0.0) if net.hop is None else (lambda nbytes: net.hop + nbytes / net.bandwidth)
    # Down: every executor fetches the task binary (small) and the parameters; a torrent broadcast spreads them
    # like a binary tree at best, ceil(log2(w + 1)) fetches deep.
    depth = math.ceil(math.log2(w + 1))
    down = depth * (hop(0) + hop(size))
    # Up: each level's reducers receive (previous count / this count) partials; the driver the last level's.
    up, previous = 0.0, w
    for n in tree_levels(w):
        up += STAGE + n * TASK_FIXED + math.ceil(previous / n) * (hop(size) + receive)
        previous = n
    up += hop(size) + (previous - 1) * receive if w > 1 else 0.0
    return m["driver"] + schedule + down + work + up


def ring_step(m, w, batch, net=CLUSTER):
    """Long-running workers, ring all-reduce overlapped with backward (DDP's buckets), optimizer on every worker."""
    work = m["c0"] + m["c"] * batch / w
    ring = 2 * (w - 1) / w * 4 * m["P"] / net.bandwidth + 2 * (w - 1) * RING_HOP if w > 1 else 0.0
    hidden = min(ring, 2 / 3 * work)  # backward is about two thirds of a step's compute
    return work + ring - hidden + m["update"]


def bigdl_step(m, w, batch, net=CLUSTER):
    """BigDL on Spark: a forward-backward job, then a parameter-synchronisation job whose w tasks each own a slice:
    each task ships 1/w of its gradient to every other (a shuffle) and fetches every updated slice."""
    size = 4 * m["P"]
    jobs = 2 * (net.floor + (w - 1) * TASK_FIXED)
    exchange = 2 * (net.hop + (w - 1) / w * size / net.bandwidth + (w - 1) * RESULT_PER_MB * mb(m) / w) \
        if w > 1 else 0.0
    return jobs + m["c0"] + m["c"] * batch / w + m["task"] + exchange + m["update"] / w


def one_core(m, batch):
    """One process on one core: the unit the efficiencies are measured against."""
    return m["c0"] + m["c"] * batch + m["update"]


def efficiency(step, m, w, batch):
    return one_core(m, batch) / (w * step(m, w, batch))


def batch_for_half(step, m, w):
    """The smallest global batch (a multiple of w) at which w workers reach 50 % efficiency, or None."""
    if efficiency(step, m, w, w) >= 0.5:
        return w
    lo, hi = w, 2 * w
    while efficiency(step, m, w, hi) < 0.5:
        lo, hi = hi, hi * 2
        if hi > 1 << 30:
            return None
    while hi - lo > w:
        mid = (lo + hi) // 2 // w * w
        if efficiency(step, m, w, mid) >= 0.5:
            hi = mid
        else:
            lo = mid
    return hi


def measured_against_model():
    print("(1) measured step (ms) against the model: with a worker's compute as the model has it (one core each), and")
    print("    with the compute the tasks measured (on 2 cores shared with the driver and, standalone, the daemons)")
    print("    setting               model batch workers | measured | model | model, measured compute")
    for (where, name, batch, w), (step, comp) in MEASURED.items():
        net = LOCAL if where == "local" else HERE
        m = MODELS[name]
        ideal = spark_step(m, w, batch, net) * 1e3
        fed = spark_step(m, w, batch, net, compute=comp / 1e3) * 1e3
        label = "local[2]" if where == "local" else "standalone, loopback"
        print(f"    {label:21} {name:5} {batch:5} {w:7} | {step:8.1f} | {ideal:5.0f} | {fed:5.0f}")


def projections():
    schemes = [("vgrad-spark", lambda m, w, b: spark_step(m, w, b, CLUSTER)), ("ring (DDP-like)", ring_step),
               ("BigDL-like", bigdl_step)]
    print(f"\n(2) projections on a {CLUSTER.name}; efficiency = one core's step / (workers x step)")
    for name, m in MODELS.items():
        print(f"\n{name}: {m['P']:,} parameters ({mb(m):.2f} MB), {m['c'] * 1e3:.4f} ms per example on a core")
        for per_worker in (64, 512):
            print(f"  {per_worker} examples per worker (global batch {per_worker} x workers)")
            print("  workers | " + " | ".join(f"{s:>29}" for s, _ in schemes))
            print("          | " + " | ".join(f"{'step ms':>9} {'examples/s':>11} {'eff':>7}" for _ in schemes))
            for w in (1, 8, 64, 512):
                batch = per_worker * w
                cells = [f"{step(m, w, batch) * 1e3:9.1f} {batch / step(m, w, batch):11,.0f} "
                         f"{efficiency(step, m, w, batch):7.0%}" for _, step in schemes]
                print(f"  {w:7d} | " + " | ".join(cells))
        print("  (3) global batch for 50 % efficiency (per worker in brackets):")
        for w in (8, 64, 512):
            cells = []
            for s, step in schemes:
                b = batch_for_half(step, m, w)
                cells.append(f"{s} {b:,} ({b // w:,})" if b else f"{s} never")
            print(f"    {w:4d} workers: " + "; ".join(cells))


def sensitivity():
    global TASK_FIXED
    print("\n(4) vgrad-spark at 512 workers, 512 examples each: efficiency as the constants move")
    saved = TASK_FIXED
    faster = Net("25 Gb/s, 0.2 ms a fetch", 0.2e-3, 3.1e9, 25e-3)
    for fixed, net in [(saved, CLUSTER), (0.3e-3, CLUSTER), (0.3e-3, faster)]:
        TASK_FIXED = fixed
        cells = [f"{name} {efficiency(lambda m, w, b: spark_step(m, w, b, net), m, 512, 512 * 512):.0%}"
                 for name, m in MODELS.items()]
        print(f"    {fixed * 1e3:.1f} ms a task on the driver, {net.name}: " + ", ".join(cells))
    TASK_FIXED = saved


if __name__ == "__main__":
    measured_against_model()
    projections()
    sensitivity()
