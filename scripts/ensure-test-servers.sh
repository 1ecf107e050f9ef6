#!/usr/bin/env bash
# Installs the servers the integration tests run on loopback: nsd (an authoritative DNS server) for the
# EAVD resolution tests. Idempotent; silent when already installed. Tests start their own nsd on a free
# port; the packaged daemon (port 53) is stopped and disabled so nothing system-wide answers instead.
set -euo pipefail

have_nsd() { command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ]; }
have_nsd && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "capeo: nsd is missing and installing it needs root (apt-get install nsd)" >&2; exit 1; }
  sudo=(sudo)
fi

echo "capeo: installing nsd (DNS server for the integration tests) ..." >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends nsd >/dev/null

# The package may start a system daemon on port 53 (where systemd runs); the tests need none.
"${sudo[@]}" systemctl disable --now nsd >/dev/null 2>&1 || true
"${sudo[@]}" service nsd stop >/dev/null 2>&1 || true
have_nsd || { echo "capeo: nsd did not install" >&2; exit 1; }
