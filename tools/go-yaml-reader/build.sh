#!/usr/bin/env bash
# Builds the go-yaml-reader test oracle from Debian's Go packages, offline:
#   tools/go-yaml-reader/build.sh [OUT_DIR]   (default: node_modules/.cache/go-yaml-reader/)
# and leaves OUT_DIR/go-yaml-reader.
# Exit codes: 0 built; 3 Go or a Debian package is absent (tools/install-go-yaml.sh installs
# them); anything else: the build itself failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/node_modules/.cache/go-yaml-reader}
gopath=/usr/share/gocode

missing=()
command -v go >/dev/null 2>&1 || missing+=('golang-go (the go command)')
[ -d "$gopath/src/gopkg.in/yaml.v2" ] || missing+=("golang-gopkg-yaml.v2-dev ($gopath/src/gopkg.in/yaml.v2)")
[ -d "$gopath/src/sigs.k8s.io/yaml" ] || missing+=("golang-k8s-sigs-yaml-dev ($gopath/src/sigs.k8s.io/yaml)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "go-yaml-reader not built, missing: $(IFS=';'; echo "${missing[*]}"). Run tools/install-go-yaml.sh." >&2
  exit 3
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
# GOPATH mode against Debian's sources: no module downloads, no toolchain switch, no cgo (so
# no C compiler), and Go's work files kept in OUT_DIR rather than the system temp folder.
# The binary is written under a temporary name, then renamed, so that parallel builds (jest
# workers) never run a half-written file.
staging="$out/go-yaml-reader.$$"
work="$out/tmp.$$"
mkdir -p "$work"
trap 'rm -rf "$staging" "$work"' EXIT
if ! (
  cd "$here"
  env GO111MODULE=off GOPATH="$gopath" GOFLAGS= GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 \
    GOCACHE="${GOCACHE:-$out/gocache}" GOTMPDIR="$work" TMPDIR="$work" \
    go build -o "$staging" .
); then
  echo "go-yaml-reader: go build failed" >&2
  exit 1
fi
mv -f "$staging" "$out/go-yaml-reader"
echo "built $out/go-yaml-reader"
