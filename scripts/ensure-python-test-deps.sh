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
# A fresh Debian has python3 without venv (ensurepip), or no python3 at all.
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  bash "$root/scripts/apt-install.sh" "Python for the test tools" python3 python3-venv
fi
echo "capeo: installing Python test tools into .tools/venv ..." >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
echo "$want" > "$stamp"
