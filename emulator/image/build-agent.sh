#!/usr/bin/env bash
# Publishes the PatchLab agent as a NativeAOT binary: artifacts/agent/patchlab-agent (repo-root relative).
# The instance image then needs only the dynamic loader, libc and libm next to it (see `ldd`); an https:// endpoint
# would also need libssl at run time (loaded on demand), the emulator endpoints are http or a unix socket.
# Usage: emulator/image/build-agent.sh   (from any directory)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo_root/artifacts/agent"

# NativeAOT links with the system toolchain: clang or gcc, plus zlib headers. Install only what is missing.
missing=()
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  missing+=(gcc)
fi
if ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  missing+=(zlib1g-dev)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "build-agent: installing ${missing[*]} (needed by the NativeAOT linker)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet publish "$repo_root/src/PatchLab.Agent" -c Release -r linux-x64 \
  -p:PublishAot=true -p:InvariantGlobalization=true -o "$out" --nologo

binary="$out/patchlab-agent"
if [ ! -x "$binary" ]; then
  echo "build-agent: publish did not produce $binary" >&2
  exit 1
fi
echo "build-agent: $binary ($(du -h "$binary" | cut -f1))"
