#!/usr/bin/env bash
# Installs Debian packages the setup needs on a fresh machine (as root, or through sudo).
# Usage: apt-install.sh "<what they are for>" <package>...
set -euo pipefail
why=$1
shift
command -v apt-get >/dev/null 2>&1 || { echo "capeo: $why: install $* (no apt-get on this machine)" >&2; exit 1; }
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "capeo: $why: installing $* needs root (apt-get install $*)" >&2; exit 1; }
  sudo=(sudo)
fi
echo "capeo: installing $* ($why) ..." >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
