#!/usr/bin/env bash
# README command 2: provisions what the tests need, then typecheck, lint and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# Installed unless node_modules is there and newer than the lock file (a pull that changed the dependencies reinstalls).
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
bash scripts/ensure-temporal.sh >/dev/null
bash scripts/ensure-python-test-deps.sh
bash scripts/ensure-test-servers.sh
npm run --silent typecheck
npm run --silent lint
if [ "$#" -gt 0 ]; then
  npx jest --ci "$@"
else
  npx jest --ci --selectProjects unit integration e2e
  # Fault and scale tests load the machine on purpose: after the others, one file at a time.
  npx jest --ci --selectProjects faults --runInBand
fi
