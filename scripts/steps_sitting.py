#!/usr/bin/env python3
"""One sitting of the CNN and transformer steps against PyTorch 1.13, alternated over several rounds.

A single PyTorch run per sitting is not enough on a shared 2-core VM: PyTorch's one-thread CNN step moved by a quarter
from run to run on a Zen 4 (30-44 ms, BENCHMARKS.md, 2026-12-04, afternoon) while vgrad's JMH figure stayed within 4 %.
This runs, for each round, vgrad's JMH steps (CnnStepBench.stepArena and TransformerStepBench, one fork each) and
scripts/torch_bench.py --steps, at every batch and thread count asked, alternating the two, and prints every figure as
it comes, then a table of medians with their ranges and the ratios of the medians (one thread against one thread, and
each side's best thread count against the other's).

    JAVA_HOME=$(scripts/find-jdk.sh) mvn -Pjmh -DskipTests package
    python3 scripts/steps_sitting.py [--rounds 3] [--batches 64,256] [--threads 1,2]
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
# JMH's benchmark names and torch_bench.py's labels for the same three steps.
STEPS = [("CnnStepBench.stepArena", "cnn step", "CNN"),
         ("TransformerStepBench.blockStep", "transformer block step", "transformer block"),
         ("TransformerStepBench.charStep", "char transformer step", "character transformer")]


def run(cmd):
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(cmd), result.stderr[-2000:]))
    return result.stdout


def vgrad_steps(java, jar, batch, threads):
    """ms a step for each of STEPS, from one JMH run (one fork a benchmark)."""
    out = run([java, "-jar", jar, "CnnStepBench.stepArena|TransformerStepBench", "-p", "batch=%d" % batch, "-f", "1",
               "-jvmArgsAppend", "--add-modules=jdk.incubator.vector -Xms2g -Xmn1g -Dvgrad.threads=%d" % threads])
    found = {}
    for name, _, _ in STEPS:
        m = re.search(r"^%s\s+%d\s+avgt\s+\d+\s+([0-9.]+)" % (re.escape(name), batch), out, re.M)
        if not m:
            sys.exit("no JMH figure for %s at batch %d in:\n%s" % (name, batch, out[-2000:]))
        found[name] = float(m.group(1))
    return found


def torch_steps(python, batch, threads):
    """ms a step for each of STEPS, from one run of torch_bench.py --steps."""
    out = run([python, os.path.join(HERE, "torch_bench.py"), "--threads", str(threads), "--steps", "--batch",
               str(batch)])
    found = {}
    for name, label, _ in STEPS:
        m = re.search(r"^%s batch=%d ([0-9.]+) us/op" % (re.escape(label), batch), out, re.M)
        if not m:
            sys.exit("no PyTorch figure for %s at batch %d in:\n%s" % (label, batch, out[-2000:]))
        found[name] = float(m.group(1)) / 1000.0
    return found


def spread(values):
    return "%.2f (%.2f-%.2f)" % (statistics.median(values), min(values), max(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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

    figures = {}  # (side, step, batch, threads) -> [ms, ...]
    for r in range(1, args.rounds + 1):
        for batch in batches:
            for threads in thread_counts:
                for side, measure in (("vgrad", lambda: vgrad_steps(java, args.jar, batch, threads)),
                                      ("PyTorch", lambda: torch_steps(args.torch_python, batch, threads))):
                    for name, ms in measure().items():
                        figures.setdefault((side, name, batch, threads), []).append(ms)
                        print("%s round %d %s %s batch %d, %d thread(s): %.2f ms"
                              % (time.strftime("%H:%M:%S", time.gmtime()), r, side, name, batch, threads, ms),
                              flush=True)

    one = min(thread_counts)
    print()
    print("| step, batch | vgrad, ms (threads: %s) | PyTorch, ms | %d thread(s) | best against best |"
          % (" / ".join(str(t) for t in thread_counts), one))
    print("|---|---|---|---|---|")
    for batch in batches:
        for name, _, title in STEPS:
            ours = {t: statistics.median(figures[("vgrad", name, batch, t)]) for t in thread_counts}
            theirs = {t: statistics.median(figures[("PyTorch", name, batch, t)]) for t in thread_counts}
            print("| %s, %d | %s | %s | %.2fx | %.2fx |" % (
                title, batch,
                " / ".join(spread(figures[("vgrad", name, batch, t)]) for t in thread_counts),
                " / ".join(spread(figures[("PyTorch", name, batch, t)]) for t in thread_counts),
                theirs[one] / ours[one], min(theirs.values()) / min(ours.values())))
    print()
    print("medians (min-max) over %d rounds; ratios are PyTorch's median over vgrad's" % args.rounds)


if __name__ == "__main__":
    main()
