#!/usr/bin/env bash
# Installs what PatchLab needs from Debian's packages (only what is missing), starts a Docker engine when none answers,
# publishes the NativeAOT agent and builds the solution. Safe to run again: every step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONFIG=${PATCHLAB_CONFIGURATION:-Release}

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need=()
command -v dockerd >/dev/null || need+=(docker.io)
[ -x /usr/bin/aws ] || need+=(awscli)
command -v gcc >/dev/null || need+=(gcc)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
{ [ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q 'statically linked'; } || need+=(busybox-static)
command -v file >/dev/null || need+=(file)
[ -d /usr/share/zoneinfo/America ] || need+=(tzdata)
command -v tmux >/dev/null || need+=(tmux)
command -v curl >/dev/null || need+=(curl)
python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# A Docker engine on the unix socket, with no bridge and no iptables: PatchLab's containers use network mode none/host only.
if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  log "Starting dockerd (no bridge, no iptables)"
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
  mkdir -p /var/log
  nohup dockerd --bridge=none --iptables=false --ip-masq=false --ip-forward=false >/var/log/patchlab-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    echo "error: dockerd did not answer within 30 s; its log follows:" >&2
    tail -n 30 /var/log/patchlab-dockerd.log >&2 || true
    exit 1
  fi
fi
log "Docker engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

log "Publishing the PatchLab agent (NativeAOT)"
bash emulator/image/build-agent.sh >/dev/null

TARGET=${PATCHLAB_BUILD_TARGET:-PatchLab.sln}
log "Building $TARGET ($CONFIG)"
dotnet build "$TARGET" -c "$CONFIG" -nologo -clp:ErrorsOnly -v:q
