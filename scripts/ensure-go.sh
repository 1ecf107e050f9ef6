#!/usr/bin/env bash
# Prints the path of a Go command recent enough to build the Temporal server (its go.mod asks for Go
# 1.25; a Go of 1.21 or later fetches a newer toolchain itself through GOTOOLCHAIN=auto). Debian 12's
# golang-go is 1.19, too old for either: then the Go toolchain is fetched from the Go module proxy
# (module golang.org/toolchain) into .tools/go-toolchain/<version>/. Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
toolchain=go1.25.5
PATH="$PATH:/usr/local/go/bin"
recent() { "$1" version 2>/dev/null | grep -qE 'go1\.(2[1-9]|[3-9][0-9])(\.|rc| )'; }
if command -v go >/dev/null 2>&1 && recent go; then command -v go; exit 0; fi
case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "capeo: no Go toolchain for $(uname -m)" >&2; exit 1 ;; esac
dir="$root/.tools/go-toolchain/$toolchain.linux-$arch"
if [ -x "$dir/bin/go" ] && recent "$dir/bin/go"; then echo "$dir/bin/go"; exit 0; fi
proxy=${GOPROXY:-https://proxy.golang.org}
proxy=${proxy%%,*}
[ "$proxy" = direct ] || [ "$proxy" = off ] && proxy=https://proxy.golang.org
echo "capeo: fetching the Go toolchain $toolchain from $proxy (once) ..." >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL "$proxy/golang.org/toolchain/@v/v0.0.1-$toolchain.linux-$arch.zip" -o "$tmp/toolchain.zip"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp/toolchain.zip" "$tmp/x"
# Module zips keep no file modes: the commands are made executable as the go command does it.
tree="$tmp/x/golang.org/toolchain@v0.0.1-$toolchain.linux-$arch"
chmod -R a+rX "$tree"
chmod a+x "$tree"/bin/* "$tree"/pkg/tool/*/*
mkdir -p "$(dirname "$dir")"
rm -rf "$dir"
mv "$tree" "$dir"
recent "$dir/bin/go" || { echo "capeo: the fetched Go toolchain does not run" >&2; exit 1; }
echo "$dir/bin/go"
