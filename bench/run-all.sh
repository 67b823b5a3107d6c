#!/usr/bin/env bash
# Runs every PatchLab benchmark in sequence on this machine and writes their output to bench/results/<date>.txt.
# Needs what the tests need (scripts/setup.sh: Docker engine, agent). Run it on an otherwise idle machine: the figures in
# docs/BENCHMARKS.md come from this script. Usage: bash bench/run-all.sh [scenario-filter]
set -uo pipefail
cd "$(dirname "$0")/.."
export PATCHLAB_ROOT=$(pwd)
filter=${1:-}
mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%d-%H%M).txt"
{ echo "# $(date -u '+%Y-%m-%d %H:%M')Z  $(nproc) cores  $(free -g | awk '/Mem:/{print $2}') GiB  $(uname -r)  load: $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$out"
run() {
  local name=$1; shift
  [[ -n "$filter" && "$name" != *"$filter"* ]] && return
  echo "==> $name: dotnet run -c Release --project $*" | tee -a "$out"
  timeout 900 dotnet run -c Release --project "$@" 2>&1 | grep -v '^\s*$' | tail -n 40 | tee -a "$out"
}
for p in bench/*/; do [ -n "$(ls "$p"*.csproj 2>/dev/null)" ] || continue; dotnet build "$p" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null || echo "build of $p failed" | tee -a "$out"; done
run describe  bench/PatchLab.Bench.Describe -- 5 16
run baselines bench/PatchLab.Bench.Baselines -- --quick
run scheduler bench/PatchLab.Bench.Windows -- scheduler 5
run rollout   bench/PatchLab.Bench.Windows -- rollout 100 10
run clock     bench/PatchLab.Bench.Windows -- clock 50 30
run launch    bench/PatchLab.Bench.Fleet -- launch 50
run dispatch  bench/PatchLab.Bench.Fleet -- dispatch 1000 10
run density   bench/PatchLab.Bench.Fleet -- density 200 60
run tui       bench/PatchLab.Bench.Tui -- 1000 30 200
echo "results: $out"
