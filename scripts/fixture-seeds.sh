#!/usr/bin/env bash
# Replays PyTorch's random programs drawn under other seeds, to find where vgrad and PyTorch part:
#   scripts/fixture-seeds.sh 1 2 3      seeds 1, 2 and 3
# For each seed, scripts/torch_fixtures.py, torch_ops_fixtures.py, torch_autograd_fixtures.py and
# torch_optim_fixtures.py write their programs into a temporary folder (VGRAD_FIXTURE_SEED, VGRAD_FIXTURE_OUT; modules
# built from other seeds too), and the tests that read those files replay them from there (-Dvgrad.fixtures.dir); the
# committed fixtures are not touched. Needs the Python that has torch (Debian: apt-get install python3-torch;
# /usr/bin/python3). Each difference is printed labelled by scripts/fixture_noise.py as one of the kinds below or as
# NEW, and only a new one (or a run that fails without naming a program) fails the sweep. A failure names the program:
# reproduce it as a program of its own in the generator (torch_ops_fixtures.py's `edges` lists such values), commit
# that fixture, then fix vgrad. Expect some differences at
# the noise of float rounding where a value cancels to near zero (a layer norm over one or two elements or over a row
# of equal values, cosine similarity along a dimension of one, also as a loss's distance): PyTorch's rounding there is
# no more right than vgrad's. The low-rank programs
# (svd_lowrank, pca_lowrank) differ the same way where two singular values lie close or the sketch has not settled:
# seed 65537's lowrank_36 gave torch 0.0132 in float and -0.0363 in double (filtering them as the chains are filtered
# would redraw the default seed's programs too). QR of a wide matrix with an ill-conditioned square part likewise:
# seed 3333's linalg_133 (condition 604) moves its gradient by 5e-5 when the backward formula runs in float64 on Q and
# R rounded to float (correctly rounded, as vgrad's are), and vgrad's float formula is 1e-4 off float64's; torch's float
# result happened to land within 1e-7. LBFGS likewise: its line search interpolates on differences of losses,
# so a last-bit difference in a loss (a sum taken in another order) moves its step by 1e-4 (seed 706: both losses 1e-7
# from float64's, the steps 2.95672 and 2.95692). Adam's trajectories where a gradient is rounding noise (seed 67:
# 3.7e-6 in float, 3.3e-6 in float64) and Adam still moves the parameter a whole normalized step, or sums terms that
# cancel (seed 3049's nadam: six terms of 0.1 summing to 4e-4, the sign changing twice); RMSprop's the same
# way (seed 691: PyTorch's float and float64 runs 3e-5 apart after 15 steps, vgrad between them), and Adagrad's (seed
# 3511: PyTorch's own float run started one ulp away parts from float64 by 2.7e-6 in 14 steps). And sinc's gradient
# within 0.01 of 0, where PyTorch 1.13's float formula cancels and vgrad's gives float64's value (seed 40404's
# extras28_40); orgqr's gradient likewise (seeds 9009, 59 and 863); and logcumsumexp's, the difference of two parts
# read through float-rounded outputs, where they cancel (seed 1997's extras14_59).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: $0 SEED..." >&2; exit 2; }
JAVA_HOME=$("$here/scripts/find-jdk.sh")
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
python=${VGRAD_TORCH_PYTHON:-/usr/bin/python3}
mvn=(mvn -B -q -Dstyle.color=never -f "$here/pom.xml")
"${mvn[@]}" test-compile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
tests=TorchFixturesTest,TorchOpsFixturesTest,ModuleStatesTest,ModuleProgramsTest,HigherOrderTest,CustomFunctionTest
tests+=,ModesAndMisuseTest,TrajectoryFixturesTest
for seed in "$@"; do
  dir="$work/$seed"
  mkdir -p "$dir"
  generated=1
  for kind in torch_fixtures:torch_programs torch_ops_fixtures:torch_ops torch_autograd_fixtures:torch_autograd \
      torch_optim_fixtures:torch_optim; do
    # A generator that fails under a seed (PyTorch refusing a drawn program) is reported, not swallowed: under set -e
    # it used to end the whole sweep there without a word.
    if ! VGRAD_FIXTURE_SEED=$seed VGRAD_FIXTURE_OUT="$dir/${kind#*:}.txt" "$python" "$here/scripts/${kind%%:*}.py" \
        > "$dir/${kind%%:*}.log" 2>&1; then
      echo "seed $seed: scripts/${kind%%:*}.py failed:"
      tail -n 3 "$dir/${kind%%:*}.log"
      generated=0
    fi
  done
  if [ $generated = 0 ]; then
    failed=1
    continue
  fi
  # Only the default surefire execution: the scalar-path and 512-bit reruns would replay the same programs again.
  if "${mvn[@]}" surefire:test@default-test -Dtest="$tests" \
      -Dsurefire.failIfNoSpecifiedTests=false -Dvgrad.fixtures.dir="$dir" > "$dir/log" 2>&1; then
    echo "seed $seed: every program matches PyTorch"
  else
    # each difference labelled as one of the kinds documented above or as new; only a new one fails the sweep
    echo "seed $seed: differs from PyTorch"
    "$python" "$here/scripts/fixture_noise.py" "$dir" || failed=1
  fi
done
exit $failed
