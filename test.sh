#!/usr/bin/env bash
# Runs every PatchLab test: set-up (packages, Docker engine, agent, build), the xUnit suites, the seed walkthrough with the
# real AWS CLI against real containers, and the tmux smoke test of the real binary. Prints `N passed, M failed` last.
# Docker tests fail (not skip) when no engine can be used: PATCHLAB_REQUIRE_DOCKER=1 (set here unless you override it).
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export PATCHLAB_ROOT=$ROOT
export PATCHLAB_REQUIRE_DOCKER=${PATCHLAB_REQUIRE_DOCKER:-1}
export PATCHLAB_CONFIGURATION=${PATCHLAB_CONFIGURATION:-Release}

if ! bash scripts/setup.sh; then
  echo "set-up failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
LOG=$(mktemp)
echo "==> dotnet test"
dotnet test PatchLab.sln -c "$PATCHLAB_CONFIGURATION" --no-build -nologo 2>&1 | tee "$LOG"
# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    25, Skipped:     0, Total:    25, ..."
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \3/p' "$LOG")
assemblies=$(grep -cE '(Passed|Failed)! +- +Failed:' "$LOG" || true)
expected=$(ls -d tests/*/ | grep -c '\.Tests/$')
if [ "$assemblies" -lt "$expected" ]; then
  echo "only $assemblies of $expected test assemblies reported results"
  failed=$((failed + expected - assemblies))
fi

for script in fixtures/walkthrough/seed.sh tests/tmux/smoke.sh; do
  [ -f "$script" ] || continue
  echo "==> $script"
  if bash "$script"; then passed=$((passed + 1)); echo "PASS $script"; else failed=$((failed + 1)); echo "FAIL $script"; fi
done

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
