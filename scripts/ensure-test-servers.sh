#!/usr/bin/env bash
# Installs the Debian servers the integration tests run on loopback: nsd (an authoritative DNS server)
# for the EAVD resolution tests, PostgreSQL for the mission store's tests (the suite runs its own
# cluster on a free port), and chromium for the web board's browser test (driven by playwright-core;
# Playwright's own browser download does not work here). (medallion and aiosmtpd come from PyPI: ensure-python-test-deps.sh.)
# Idempotent; silent when already installed. The packaged daemons are stopped and disabled so nothing
# system-wide answers instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

have_nsd() { command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ]; }
have_postgres() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)

if ! have_nsd; then
  bash "$here/apt-install.sh" "DNS server for the integration tests" nsd
  # The package may start a system daemon on port 53 (where systemd runs); the tests need none.
  "${as_root[@]}" systemctl disable --now nsd >/dev/null 2>&1 || true
  "${as_root[@]}" service nsd stop >/dev/null 2>&1 || true
  have_nsd || { echo "capeo: nsd did not install" >&2; exit 1; }
fi

if ! have_postgres; then
  bash "$here/apt-install.sh" "PostgreSQL server for the mission store's tests" postgresql
  # The package starts a cluster on port 5432; the tests start their own.
  "${as_root[@]}" systemctl disable --now postgresql >/dev/null 2>&1 || true
  "${as_root[@]}" service postgresql stop >/dev/null 2>&1 || true
  have_postgres || { echo "capeo: postgresql did not install" >&2; exit 1; }
fi

have_chromium() { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; }
if ! have_chromium; then
  bash "$here/apt-install.sh" "browser for the web board's test" chromium
  have_chromium || { echo "capeo: chromium did not install" >&2; exit 1; }
fi
