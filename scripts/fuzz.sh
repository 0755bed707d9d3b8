#!/usr/bin/env bash
# Fuzzes vgrad's file readers with Jazzer (coverage-guided), each fuzz test for a while:
#   scripts/fuzz.sh                 every fuzz test for 10 minutes each
#   scripts/fuzz.sh 30s IdxFuzzTest one test, 30 seconds
# An input that breaks a test is saved as a file under src/test/resources/dev/vgrad/**/<Test>Inputs/<method>/ and the
# run fails: fix the bug, commit the input, and ./vgrad test replays it from then on. Inputs that only add coverage
# go to .cifuzz-corpus/ (not committed).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA_HOME=$("$here/scripts/find-jdk.sh")
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
duration=${1:-10m}
shift || true
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(SafetensorsFuzzTest JsonReaderFuzzTest IdxFuzzTest TorchFilesFuzzTest)
mvn=(mvn -B -Dstyle.color=never -f "$here/pom.xml")
"${mvn[@]}" -q test-compile
for t in "${tests[@]}"; do
  echo "== fuzzing $t for $duration"
  # Only the default surefire execution: the scalar-path and 512-bit reruns would fuzz again.
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration "${mvn[@]}" surefire:test@default-test -Dtest="$t" \
    -Dsurefire.failIfNoSpecifiedTests=false
done
