#!/usr/bin/env bash
# Creates .tools/venv with the Python tools the tests drive (test/requirements.txt). Idempotent; instant when up to date.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
req="$root/test/requirements.txt"
venv="$root/.tools/venv"
stamp="$venv/.requirements.sha256"
[ -s "$req" ] || exit 0
want=$(sha256sum "$req" | cut -d' ' -f1)
[ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && exit 0
echo "capeo: installing Python test tools into .tools/venv ..." >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
echo "$want" > "$stamp"
