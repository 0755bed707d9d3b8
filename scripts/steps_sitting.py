#!/usr/bin/env python3
"""One sitting of vgrad's training steps (or SGEMM) against PyTorch 1.13, alternated over several rounds.

A single PyTorch run per sitting is not enough on a shared 2-core VM: PyTorch's one-thread CNN step moved by a quarter
from run to run on a Zen 4 (30-44 ms, BENCHMARKS.md, 2026-12-04, afternoon) while vgrad's JMH figure stayed within 4 %.
This runs, for each round, vgrad's JMH steps (CnnStepBench.stepArena and TransformerStepBench, one fork each; with
--mlp TrainStepBench.stepArena, the MLP; with --sgemm MatmulBench.vgrad, n x n x n products) and scripts/torch_bench.py
--steps (--mlp, --matmul), at every size and thread count asked, alternating the two, and prints every figure as it
comes, then a table of medians with their ranges and the ratios of the medians (one thread against one thread, each
side's best thread count against the other's, and vgrad's most threads against its fewest).

Each measurement is bracketed by two probes of where the host put the VM's CPUs (dev.vgrad.bench.CoreLatency: a cache
line's round trip between two threads). The 2-core Zen 4 VM of 2026-12-04 gave its two CPUs three placements, switching
within minutes: ~28 ns (the two hyperthreads of one core: two threads share one core's FMA units), ~65 ns (two cores
sharing an L3) and ~320 ns (two cores without a shared L3); a two-thread figure is only worth quoting with its placement.
With --retries N a multi-thread run whose probes read another placement than the second is measured again (up to N
times), and the table keeps the attempts in that placement: both sides get the same rule. The 2-core Zen 5 VM of
2026-12-08 moved its CPUs every few seconds, inside a run (~55 ns and ~400-480 ns); with --by-iteration vgrad's side is
probed around each JMH iteration instead (dev.vgrad.bench.Placement), and on more than one thread the table keeps the
iterations whose two probes read two cores under one L3. PyTorch's side, one figure a run, is probed around the run
and retried as --retries says (3 unless given).

    JAVA_HOME=$(scripts/find-jdk.sh) mvn -Pjmh -DskipTests package
    python3 scripts/steps_sitting.py [--mlp | --sgemm] [--rounds 3] [--batches 64,256] [--threads 1,2] [--retries N]
                                     [--by-iteration] [--torch-python /usr/bin/python3] [--jar target/benchmarks.jar]

The JDK is the one scripts/find-jdk.sh finds; torch is imported only by the --torch-python interpreter (Debian's
/usr/bin/python3 after apt-get install python3-torch).
"""
import argparse
import collections
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# What a sitting measures: JMH's pattern, torch_bench.py's flag, the size parameter both take (JMH's -p name and
# torch_bench.py's --name and label), JMH parameters that name the thread count, and each benchmark's JMH name,
# torch_bench.py's label and the table's title.
Workload = collections.namedtuple("Workload", "pattern flag size jmh_threads names")
WORKLOADS = {
    "steps": Workload("CnnStepBench.stepArena|TransformerStepBench", "--steps", "batch", None,
                      [("CnnStepBench.stepArena", "cnn step", "CNN"),
                       ("TransformerStepBench.blockStep", "transformer block step", "transformer block"),
                       ("TransformerStepBench.charStep", "char transformer step", "character transformer")]),
    "mlp": Workload(r"TrainStepBench\.stepArena$", "--mlp", "batch", None,
                    [("TrainStepBench.stepArena", "mlp step", "MLP")]),
    # MatmulBench sets SGEMM's threads from its own parameter.
    "sgemm": Workload(r"MatmulBench\.vgrad$", "--matmul", "n", "threads",
                      [("MatmulBench.vgrad", "matmul", "SGEMM n^3")]),
}
# Round trips (ns) below which the two threads were on one core's two hyperthreads, above which on cores without a
# shared L3 (the Zen 4 VM's three placements: ~28, ~65 and ~320 ns).
ONE_CORE_NS, SHARED_L3_NS = 40.0, 150.0


def run(cmd):
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(cmd), result.stderr[-2000:]))
    return result.stdout


def vgrad_steps(java, jar, work, size, threads, by_iteration=False):
    """ms a step for each of the workload's benchmarks, from one JMH run (one fork a benchmark); by_iteration, a list
    of (ms, round trip before, round trip after) for each measured iteration instead (dev.vgrad.bench.Placement)."""
    cmd = [java, "-jar", jar, work.pattern, "-p", "%s=%d" % (work.size, size), "-f", "1",
           "-jvmArgsAppend", "--add-modules=jdk.incubator.vector -Xms2g -Xmn1g -Dvgrad.threads=%d" % threads]
    if work.jmh_threads:
        cmd += ["-p", "%s=%d" % (work.jmh_threads, threads)]
    if by_iteration:
        cmd += ["-jvmArgsPrepend", "-Dvgrad.bench.placement=true"]
    out = run(cmd)
    if by_iteration:
        return iterations(out, work, size)
    found = {}
    for name, _, _ in work.names:
        # JMH prints parameters in name order: a workload's size and threads columns may come in either order.
        m = re.search(r"^%s\s+(?:\d+\s+)?%d\s+(?:\d+\s+)?avgt\s+\d+\s+([0-9.]+)\s.*\b(ms|us)/op\s*$"
                      % (re.escape(name), size), out, re.M)
        if not m:
            sys.exit("no JMH figure for %s at %s %d in:\n%s" % (name, work.size, size, out[-2000:]))
        found[name] = float(m.group(1)) / (1000.0 if m.group(2) == "us" else 1.0)
    return found


def iterations(out, work, size):
    """Each benchmark's measured iterations in a JMH run's output, as (ms, round trip before, after) triples."""
    found = {}
    # JMH prints a "# Benchmark: <package>.<Class>.<method>" header before each benchmark's iterations
    for section in re.split(r"^# Benchmark: \S*?\.(?=[A-Z])", out, flags=re.M)[1:]:
        name = section.split(None, 1)[0]
        rows = [(float(v) / (1000.0 if unit == "us" else 1.0), float(before), float(after))
                for before, after, v, unit in re.findall(
                    r"^Iteration\s+\d+: \[placement (\S+) / (\S+) ns\] ([0-9.]+) (ms|us)/op", section, re.M)]
        if name in {n for n, _, _ in work.names}:
            found[name] = rows
    for name, _, _ in work.names:
        if not found.get(name):
            sys.exit("no iterations for %s at %s %d in:\n%s" % (name, work.size, size, out[-2000:]))
    return found


def torch_steps(python, work, size, threads):
    """ms a step for each of the workload's benchmarks, from one run of torch_bench.py."""
    out = run([python, os.path.join(HERE, "torch_bench.py"), "--threads", str(threads), work.flag, "--" + work.size,
               str(size)])
    found = {}
    for name, label, _ in work.names:
        m = re.search(r"^%s %s=%d ([0-9.]+) us/op" % (re.escape(label), work.size, size), out, re.M)
        if not m:
            sys.exit("no PyTorch figure for %s at %s %d in:\n%s" % (label, work.size, size, out[-2000:]))
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
    median = statistics.median(values)
    digits = 2 if median >= 10 else 3 if median >= 0.1 else 5  # small products and steps take microseconds
    return "%.*f (%.*f-%.*f)" % (digits, median, digits, min(values), digits, max(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mlp", action="store_true", help="the MLP step (TrainStepBench) instead of the CNN and "
                        "transformer steps")
    parser.add_argument("--sgemm", action="store_true", help="SGEMM n x n x n (MatmulBench.vgrad) instead of the "
                        "CNN and transformer steps; --batches are then the sizes n")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batches", default="64", help="batch sizes, or with --sgemm the sizes n (default 64)")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--retries", type=int, default=0, help="measure a run on more than one thread again, up to this "
                        "many times, while a probe around it reads another placement than two cores under one L3; "
                        "every attempt is printed, and the table then takes the attempts whose probes both read that "
                        "placement (all of them where none did)")
    parser.add_argument("--by-iteration", action="store_true", help="probe the placement around each of vgrad's JMH "
                        "iterations (dev.vgrad.bench.Placement) rather than around its whole run, and keep, on more "
                        "than one thread, the iterations whose probes both read two cores under one L3 (the host "
                        "moved this project's 2-core VMs every few seconds, inside a run); PyTorch's runs on more "
                        "than one thread are then retried as --retries says (3 unless given)")
    parser.add_argument("--torch-python", default="/usr/bin/python3")
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "benchmarks.jar"))
    args = parser.parse_args()
    if args.by_iteration and not args.retries:
        args.retries = 3  # PyTorch's side: one figure a run, kept only from two cores under one L3 as vgrad's are
    batches = [int(b) for b in args.batches.split(",")]
    thread_counts = [int(t) for t in args.threads.split(",")]
    java = os.path.join(run([os.path.join(HERE, "find-jdk.sh")]).strip(), "bin", "java")
    if not os.path.exists(args.jar):
        sys.exit("%s is missing: build it with JAVA_HOME=$(scripts/find-jdk.sh) mvn -Pjmh -DskipTests package"
                 % args.jar)

    work = WORKLOADS["sgemm" if args.sgemm else "mlp" if args.mlp else "steps"]
    figures = {}  # (side, step, batch, threads) -> [ms, ...], the attempts the table uses
    probes = []  # (side, batch, threads, before ns, after ns), every attempt
    set_aside = 0  # attempts left out of the table for their placement
    iterations_aside = 0  # with --by-iteration, vgrad's iterations left out for theirs
    for r in range(1, args.rounds + 1):
        for batch in batches:
            for threads in thread_counts:
                if args.by_iteration:
                    measured = vgrad_steps(java, args.jar, work, batch, threads, by_iteration=True)
                    for name, rows in measured.items():
                        for ms, before, after in rows:
                            probes.append(("vgrad", batch, threads, before, after))
                            clean = placement(before) == placement(after) == "shared L3"
                            print("%s round %d vgrad %s %s %d, %d thread(s), iteration: %.3f ms (round trip before"
                                  " %.0f ns, %s; after %.0f ns, %s)%s"
                                  % (time.strftime("%H:%M:%S", time.gmtime()), r, name, work.size, batch, threads, ms,
                                     before, placement(before), after, placement(after),
                                     "" if clean or threads == 1 else ", left out"), flush=True)
                            if clean or threads == 1:
                                figures.setdefault(("vgrad", name, batch, threads), []).append(ms)
                            else:
                                iterations_aside += 1
                sides = (("vgrad", lambda: vgrad_steps(java, args.jar, work, batch, threads)),
                         ("PyTorch", lambda: torch_steps(args.torch_python, work, batch, threads)))
                for side, measure in sides[1 if args.by_iteration else 0:]:
                    attempts = []  # (measured, both probes read a shared L3)
                    for attempt in range(1 + (args.retries if threads > 1 else 0)):
                        before = round_trip(java, args.jar)
                        measured = measure()
                        after = round_trip(java, args.jar)
                        probes.append((side, batch, threads, before, after))
                        clean = placement(before) == placement(after) == "shared L3"
                        attempts.append((measured, clean))
                        for name, ms in measured.items():
                            print("%s round %d %s %s %s %d, %d thread(s)%s: %.3f ms (round trip before %.0f ns, %s;"
                                  " after %.0f ns, %s)"
                                  % (time.strftime("%H:%M:%S", time.gmtime()), r, side, name, work.size, batch,
                                     threads, ", attempt %d" % (attempt + 1) if attempt else "", ms, before,
                                     placement(before), after, placement(after)), flush=True)
                        if clean or threads == 1:
                            break
                    kept = [m for m, clean in attempts if clean] if args.retries else []
                    set_aside += len(attempts) - len(kept) if kept else 0
                    for measured in kept or [m for m, _ in attempts]:
                        for name, ms in measured.items():
                            figures.setdefault((side, name, batch, threads), []).append(ms)

    one, most = min(thread_counts), max(thread_counts)
    print()
    print("| step, %s | vgrad, ms (threads: %s) | PyTorch, ms | %d thread(s) | best against best | vgrad %d threads"
          " over %d |" % (work.size, " / ".join(str(t) for t in thread_counts), one, most, one))
    print("|---|---|---|---|---|---|")
    for batch in batches:
        for name, _, title in work.names:
            for t in thread_counts:
                if ("vgrad", name, batch, t) not in figures:
                    sys.exit("no iteration of %s at %s %d on %d threads ran with two cores under one L3: run again"
                             % (name, work.size, batch, t))
            ours = {t: statistics.median(figures[("vgrad", name, batch, t)]) for t in thread_counts}
            theirs = {t: statistics.median(figures[("PyTorch", name, batch, t)]) for t in thread_counts}
            print("| %s, %d | %s | %s | %.2fx | %.2fx | %.2fx |" % (
                title, batch,
                " / ".join(spread(figures[("vgrad", name, batch, t)]) for t in thread_counts),
                " / ".join(spread(figures[("PyTorch", name, batch, t)]) for t in thread_counts),
                theirs[one] / ours[one], min(theirs.values()) / min(ours.values()), ours[one] / ours[most]))
    print()
    print("medians (min-max) over %d rounds%s; ratios are PyTorch's median over vgrad's, and vgrad's over itself"
          % (args.rounds, " (vgrad's over its JMH iterations)" if args.by_iteration else ""))
    counts = {}
    for _, _, _, before, after in probes:
        for ns in (before, after):
            counts[placement(ns)] = counts.get(placement(ns), 0) + 1
    print("placement probes around the measurements: %s (round trips %.0f-%.0f ns)" % (
        ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items())),
        min(min(p[3], p[4]) for p in probes), max(max(p[3], p[4]) for p in probes)))
    if args.by_iteration:
        print("vgrad's iterations on more than one thread left out for another placement than two cores under one L3:"
              " %d" % iterations_aside)
    if args.retries:
        print("attempts left out of the table for another placement than two cores under one L3: %d" % set_aside)


if __name__ == "__main__":
    main()
