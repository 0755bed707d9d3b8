#!/usr/bin/env python3
"""One sitting of the CNN and transformer steps against PyTorch 1.13, alternated over several rounds.

A single PyTorch run per sitting is not enough on a shared 2-core VM: PyTorch's one-thread CNN step moved by a quarter
from run to run on a Zen 4 (30-44 ms, BENCHMARKS.md, 2026-12-04, afternoon) while vgrad's JMH figure stayed within 4 %.
This runs, for each round, vgrad's JMH steps (CnnStepBench.stepArena and TransformerStepBench, one fork each; with
--mlp TrainStepBench.stepArena, the MLP) and scripts/torch_bench.py --steps (--mlp), at every batch and thread count
asked, alternating the two, and prints every figure as it comes, then a table of medians with their ranges and the
ratios of the medians (one thread against one thread, each side's best thread count against the other's, and vgrad's
most threads against its fewest).

Each measurement is bracketed by two probes of where the host put the VM's CPUs (dev.vgrad.bench.CoreLatency: a cache
line's round trip between two threads). The 2-core Zen 4 VM of 2026-12-04 gave its two CPUs three placements, switching
within minutes: ~28 ns (the two hyperthreads of one core: two threads share one core's FMA units), ~65 ns (two cores
sharing an L3) and ~320 ns (two cores without a shared L3); a two-thread figure is only worth quoting with its placement.

    JAVA_HOME=$(scripts/find-jdk.sh) mvn -Pjmh -DskipTests package
    python3 scripts/steps_sitting.py [--mlp] [--rounds 3] [--batches 64,256] [--threads 1,2]
                                     [--torch-python /usr/bin/python3] [--jar target/benchmarks.jar]

The JDK is the one scripts/find-jdk.sh finds; torch is imported only by the --torch-python interpreter (Debian's
/usr/bin/python3 after apt-get install python3-torch).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# JMH's benchmark names and torch_bench.py's labels for the same steps, with the JMH pattern and torch_bench.py flag
# that run them.
MODEL_STEPS = ("CnnStepBench.stepArena|TransformerStepBench", "--steps",
               [("CnnStepBench.stepArena", "cnn step", "CNN"),
                ("TransformerStepBench.blockStep", "transformer block step", "transformer block"),
                ("TransformerStepBench.charStep", "char transformer step", "character transformer")])
MLP_STEPS = (r"TrainStepBench\.stepArena$", "--mlp", [("TrainStepBench.stepArena", "mlp step", "MLP")])
# Round trips (ns) below which the two threads were on one core's two hyperthreads, above which on cores without a
# shared L3 (the Zen 4 VM's three placements: ~28, ~65 and ~320 ns).
ONE_CORE_NS, SHARED_L3_NS = 40.0, 150.0


def run(cmd):
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(cmd), result.stderr[-2000:]))
    return result.stdout


def vgrad_steps(java, jar, steps, batch, threads):
    """ms a step for each of the steps, from one JMH run (one fork a benchmark)."""
    pattern, _, names = steps
    out = run([java, "-jar", jar, pattern, "-p", "batch=%d" % batch, "-f", "1",
               "-jvmArgsAppend", "--add-modules=jdk.incubator.vector -Xms2g -Xmn1g -Dvgrad.threads=%d" % threads])
    found = {}
    for name, _, _ in names:
        m = re.search(r"^%s\s+%d\s+avgt\s+\d+\s+([0-9.]+)\s.*\b(ms|us)/op\s*$" % (re.escape(name), batch), out, re.M)
        if not m:
            sys.exit("no JMH figure for %s at batch %d in:\n%s" % (name, batch, out[-2000:]))
        found[name] = float(m.group(1)) / (1000.0 if m.group(2) == "us" else 1.0)
    return found


def torch_steps(python, steps, batch, threads):
    """ms a step for each of the steps, from one run of torch_bench.py."""
    _, flag, names = steps
    out = run([python, os.path.join(HERE, "torch_bench.py"), "--threads", str(threads), flag, "--batch", str(batch)])
    found = {}
    for name, label, _ in names:
        m = re.search(r"^%s batch=%d ([0-9.]+) us/op" % (re.escape(label), batch), out, re.M)
        if not m:
            sys.exit("no PyTorch figure for %s at batch %d in:\n%s" % (label, batch, out[-2000:]))
        found[name] = float(m.group(1)) / 1000.0
    return found


def round_trip(java, jar):
    """The core-to-core round trip in ns now (dev.vgrad.bench.CoreLatency, five 20 ms windows)."""
    out = run([java, "-cp", jar, "dev.vgrad.bench.CoreLatency", "5"])
    m = re.search(r"round trip: ([0-9.]+) ns", out)
    return float(m.group(1)) if m else float("nan")


def placement(ns):
    if ns < ONE_CORE_NS:
        return "one core"
    return "shared L3" if ns <= SHARED_L3_NS else "no shared L3"


def spread(values):
    digits = 3 if statistics.median(values) < 10 else 2  # the MLP's steps are fractions of a millisecond
    return "%.*f (%.*f-%.*f)" % (digits, statistics.median(values), digits, min(values), digits, max(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mlp", action="store_true", help="the MLP step (TrainStepBench) instead of the CNN and "
                        "transformer steps")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batches", default="64")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--torch-python", default="/usr/bin/python3")
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "benchmarks.jar"))
    args = parser.parse_args()
    batches = [int(b) for b in args.batches.split(",")]
    thread_counts = [int(t) for t in args.threads.split(",")]
    java = os.path.join(run([os.path.join(HERE, "find-jdk.sh")]).strip(), "bin", "java")
    if not os.path.exists(args.jar):
        sys.exit("%s is missing: build it with JAVA_HOME=$(scripts/find-jdk.sh) mvn -Pjmh -DskipTests package"
                 % args.jar)

    steps = MLP_STEPS if args.mlp else MODEL_STEPS
    figures = {}  # (side, step, batch, threads) -> [ms, ...]
    probes = []  # (side, batch, threads, before ns, after ns)
    for r in range(1, args.rounds + 1):
        for batch in batches:
            for threads in thread_counts:
                for side, measure in (("vgrad", lambda: vgrad_steps(java, args.jar, steps, batch, threads)),
                                      ("PyTorch", lambda: torch_steps(args.torch_python, steps, batch, threads))):
                    before = round_trip(java, args.jar)
                    measured = measure()
                    after = round_trip(java, args.jar)
                    probes.append((side, batch, threads, before, after))
                    for name, ms in measured.items():
                        figures.setdefault((side, name, batch, threads), []).append(ms)
                        print("%s round %d %s %s batch %d, %d thread(s): %.3f ms (round trip before %.0f ns, %s;"
                              " after %.0f ns, %s)"
                              % (time.strftime("%H:%M:%S", time.gmtime()), r, side, name, batch, threads, ms,
                                 before, placement(before), after, placement(after)), flush=True)

    one, most = min(thread_counts), max(thread_counts)
    print()
    print("| step, batch | vgrad, ms (threads: %s) | PyTorch, ms | %d thread(s) | best against best | vgrad %d threads"
          " over %d |" % (" / ".join(str(t) for t in thread_counts), one, most, one))
    print("|---|---|---|---|---|---|")
    for batch in batches:
        for name, _, title in steps[2]:
            ours = {t: statistics.median(figures[("vgrad", name, batch, t)]) for t in thread_counts}
            theirs = {t: statistics.median(figures[("PyTorch", name, batch, t)]) for t in thread_counts}
            print("| %s, %d | %s | %s | %.2fx | %.2fx | %.2fx |" % (
                title, batch,
                " / ".join(spread(figures[("vgrad", name, batch, t)]) for t in thread_counts),
                " / ".join(spread(figures[("PyTorch", name, batch, t)]) for t in thread_counts),
                theirs[one] / ours[one], min(theirs.values()) / min(ours.values()), ours[one] / ours[most]))
    print()
    print("medians (min-max) over %d rounds; ratios are PyTorch's median over vgrad's, and vgrad's over itself"
          % args.rounds)
    counts = {}
    for _, _, _, before, after in probes:
        for ns in (before, after):
            counts[placement(ns)] = counts.get(placement(ns), 0) + 1
    print("placement probes around the measurements: %s (round trips %.0f-%.0f ns)" % (
        ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items())),
        min(min(p[3], p[4]) for p in probes), max(max(p[3], p[4]) for p in probes)))


if __name__ == "__main__":
    main()
