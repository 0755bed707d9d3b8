#!/usr/bin/env bash
# Runs vgrad's Spark step benchmark (dev.vgrad.spark.SparkScaling) against a real standalone cluster on this machine:
# starts a master and N worker JVMs (one core each, as StandaloneClusterTest does), runs the benchmark's driver here
# with executors as processes of their own, then stops the cluster.
#   scripts/spark-standalone.sh N [SparkScaling options, e.g. --models mlp,cnn --batches 64,512 --steps 30]
# Run ./vgrad train --spark local[1] --epochs 1 --embedded (or ./vgrad bench --spark local[1]) once first: it builds
# spark/target/classes and spark/target/classpath.txt, which this script reuses.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
workers=${1:?usage: scripts/spark-standalone.sh N [benchmark options]}
shift
JAVA_HOME=$("$here/scripts/find-jdk.sh")
java="$JAVA_HOME/bin/java"
[ -f "$here/spark/target/classpath.txt" ] || { echo "build first: ./vgrad bench --spark local[1]" >&2; exit 1; }
cp="$here/spark/target/classes:$(cat "$here/spark/target/classpath.txt")"
mapfile -t opts < <(grep -v '^#' "$here/spark/jvm.options" | sed '/^[[:space:]]*$/d')
dir=$(mktemp -d)
mkdir -p "$dir/spark-home/jars"  # a worker builds executor classpaths from SPARK_HOME/jars (empty) + extraClassPath
port=$((20000 + RANDOM % 20000))
pids=()
stop() { for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done; }
trap stop EXIT
launch() {  # LOG MAIN ARGS...: one cluster JVM in the background
  local log=$1; shift
  SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 "$java" "${opts[@]}" -Xmx1g -cp "$cp" "$@" >"$log" 2>&1 &
  pids+=($!)
}
await() {  # LOG TEXT COUNT
  for _ in $(seq 600); do
    [ "$(grep -c "$2" "$1" 2>/dev/null || true)" -ge "$3" ] && return 0
    sleep 0.2
  done
  echo "no '$2' x$3 in $1:" >&2; cat "$1" >&2; exit 1
}
launch "$dir/master.log" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
await "$dir/master.log" "Starting Spark master" 1
for w in $(seq "$workers"); do
  launch "$dir/worker$w.log" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
    --work-dir "$dir/work$w" --webui-port 0 "spark://127.0.0.1:$port"
done
await "$dir/master.log" "Registering worker" "$workers"
"$java" "${opts[@]}" -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$cp" \
  -Dspark.executor.extraClassPath="$cp" -Dspark.executor.extraJavaOptions="${opts[*]} -XX:+UseParallelGC" \
  -Dspark.executor.memory=1500m \
  dev.vgrad.spark.SparkScaling --spark "spark://127.0.0.1:$port" --partitions "$workers" "$@"
