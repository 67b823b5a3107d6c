#!/usr/bin/env bash
# The main job: set up (packages, Docker engine, agent, build), start the emulator, launch the default fleet
# (6 Production + 2 Staging Amazon Linux 2 instances) and open the dashboard. Extra arguments go to `patchlab up`
# (e.g. --speed 60, --port 4580, --no-tui).
set -euo pipefail
cd "$(dirname "$0")"
PATCHLAB_BUILD_TARGET=src/PatchLab.Emulator/PatchLab.Emulator.csproj bash scripts/setup.sh
export PATCHLAB_ROOT=$(pwd)
exec dotnet src/PatchLab.Emulator/bin/Release/net10.0/patchlab.dll up "$@"
