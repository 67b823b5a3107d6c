#!/bin/sh
# Installs what the Docker instance image takes from the host: a statically linked /bin/busybox, from the Debian
# package busybox-static (the image is FROM scratch, so busybox cannot depend on the host's C library).
# Idempotent; .ci/run and the setup docs call it before anything builds an instance image.
set -eu

is_static() {
  [ -x /bin/busybox ] && ldd /bin/busybox 2>&1 | grep -qE 'not a dynamic executable|statically linked'
}

if is_static; then
  echo "install-host-deps: /bin/busybox is statically linked; nothing to do"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "install-host-deps: installing busybox-static (/bin/busybox is missing or dynamically linked)"
# Replaces the dynamic 'busybox' package if present: the two conflict in Debian.
if ! $SUDO apt-get install -y --no-install-recommends busybox-static; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends busybox-static
fi

is_static || { echo "install-host-deps: /bin/busybox is still not static" >&2; exit 1; }
echo "install-host-deps: done"
