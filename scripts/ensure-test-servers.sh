#!/usr/bin/env bash
# Installs the Debian servers the integration tests run on loopback: nsd (an authoritative DNS server)
# for the EAVD resolution tests. (medallion and aiosmtpd come from PyPI: ensure-python-test-deps.sh.)
# Idempotent; silent when already installed. Tests start their own nsd on a free port; the packaged
# daemon (port 53) is stopped and disabled so nothing system-wide answers instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

have_nsd() { command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ]; }
have_nsd && exit 0

bash "$here/apt-install.sh" "DNS server for the integration tests" nsd
# The package may start a system daemon on port 53 (where systemd runs); the tests need none.
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
"${as_root[@]}" systemctl disable --now nsd >/dev/null 2>&1 || true
"${as_root[@]}" service nsd stop >/dev/null 2>&1 || true
have_nsd || { echo "capeo: nsd did not install" >&2; exit 1; }
