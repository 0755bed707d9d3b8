#!/usr/bin/env bash
# One sitting of README's speed table: vgrad (JMH), PyTorch 1.13 (scripts/torch_bench.py), DJL and DL4J
# (../shared/anchors/java-peers) and EJML (JMH), one program at a time, on 1 and on 2 threads, the peak printed
# before and after. Prints everything it runs to stdout; the table is filled in by hand from that.
#
# Usage: scripts/readme_table.sh [PEERS_DIR]
#   PEERS_DIR: a built copy of ../shared/anchors/java-peers (default /tmp/jp; built there with `mvn -q -B package`
#   when it has no target yet). Needs target/benchmarks.jar (mvn -Pjmh -DskipTests package) and /usr/bin/python3 with
#   torch (apt-get install python3-torch libopenblas0-pthread).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
PEERS=${1:-/tmp/jp}
SHARED=$(cd .. && pwd)/shared
if [ ! -d "$PEERS/djl/target" ]; then
  rm -rf "$PEERS" && cp -r "$SHARED/anchors/java-peers" "$PEERS"
  (cd "$PEERS" && mvn -q -B package)
fi

jmh() { # threads, then JMH arguments
  local t=$1; shift
  "$JAVA" -jar target/benchmarks.jar "$@" -f 1 \
      -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xms2g -Xmn1g -Dvgrad.threads=$t" 2>&1 \
    | grep -E '^(Benchmark|[A-Za-z]+Bench\.)' || true
}

echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD) $(grep -m1 'model name' /proc/cpuinfo)"
echo "== family $(grep -m1 '^cpu family' /proc/cpuinfo | cut -d: -f2) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2)"
"$SHARED/tools/peak" | tail -2
for t in 1 2; do
  echo "== threads $t: vgrad and EJML SGEMM"
  # eight warm-up iterations: with three, a Zen 5's two-thread runs still had iterations at 2-7x (2026-12-07)
  jmh "$t" 'MatmulBench.(vgrad|ejml)$' -p n=32,512 -p threads="$t" -wi 8 -w 1 -i 5 -r 1
  echo "== threads $t: vgrad MLP step"
  jmh "$t" 'TrainStepBench.stepArena$' -p batch=64,256,512 -wi 8 -w 2 -i 5 -r 2 -prof gc \
    | grep -E 'stepArena( |:gc.alloc.rate.norm)'
  echo "== threads $t: vgrad overhead and sum"
  jmh "$t" '(OverheadBench.(mulSumBackwardOneElement|thermometer5000Epochs)|ReduceBench.sumVgrad)$' \
    -wi 3 -w 1 -i 5 -r 1
  echo "== threads $t: PyTorch 1.13"
  /usr/bin/python3 scripts/torch_bench.py --threads "$t" --no-steps
  echo "== threads $t: DJL and DL4J"
  (cd "$PEERS" && SKIP_BUILD=1 W=/tmp/java-peers bash run.sh "$t")
done
"$SHARED/tools/peak" | tail -2
echo "== $(date -u +%FT%TZ) done"
