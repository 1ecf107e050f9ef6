#!/usr/bin/env bash
# `npm run test:topology`: capeo's production topology for real (test/topology/): the pinned Temporal
# server and schema tool (built once into .tools/), Debian's PostgreSQL, two workers and two API
# replicas on loopback ports; the README's walk, then missions through worker, API, server and
# database faults. Arguments go to jest (a test name with -t, for example).
set -euo pipefail
cd "$(dirname "$0")/.."
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
bash scripts/ensure-temporal-server.sh >/dev/null
bash scripts/ensure-temporal.sh >/dev/null
bash scripts/ensure-test-servers.sh
npx jest --ci --selectProjects topology --runInBand "$@"
