#!/usr/bin/env bash
# Prints the folder holding a Temporal server and its schema tool (bin/temporal-server,
# bin/temporal-sql-tool) of the version scripts/topology.ts pins, building them with `go install`
# from the Go module proxy into .tools/temporal-server/<version>/ when absent (3 to 6 minutes on two
# cores, once), with a Go recent enough (scripts/ensure-go.sh fetches one through the proxy when the
# machine has none, or Debian's 1.19). Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -nE "s/^ *version: '([0-9.]+)',.*/\1/p" "$root/scripts/topology.ts" | head -1)
[ -n "$version" ] || { echo "capeo: no Temporal version in scripts/topology.ts" >&2; exit 1; }
dir="$root/.tools/temporal-server/$version"
if [ -x "$dir/bin/temporal-server" ] && [ -x "$dir/bin/temporal-sql-tool" ]; then echo "$dir"; exit 0; fi
go=$(bash "$root/scripts/ensure-go.sh")
echo "capeo: building Temporal server $version and its schema tool into .tools/ (once; several minutes) ..." >&2
partial="$dir.partial.$$"
rm -rf "$partial"
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT
# The server's go.mod asks for a newer Go than Debian's: GOTOOLCHAIN=auto fetches it through the proxy.
(cd "$partial" && GOBIN="$partial" GOTOOLCHAIN=auto GOFLAGS=-buildvcs=false nice -n 19 \
  "$go" install "go.temporal.io/server/cmd/server@v$version" "go.temporal.io/server/cmd/tools/sql@v$version" >&2)
mkdir -p "$partial/out/bin"
# The names the server and admin-tools images give them.
mv "$partial/server" "$partial/out/bin/temporal-server"
mv "$partial/sql" "$partial/out/bin/temporal-sql-tool"
# The module's own PostgreSQL config, which the topology test starts from (ports and credentials changed).
mkdir -p "$partial/out/config"
cp "$("$go" env GOMODCACHE)/go.temporal.io/server@v$version/config/development-postgres12.yaml" "$partial/out/config/"
chmod u+w "$partial/out/config/development-postgres12.yaml"
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
mv "$partial/out" "$dir"
echo "$dir"
