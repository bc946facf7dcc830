#!/usr/bin/env bash
# Installs, from Debian's packages, what tools/go-yaml-reader/build.sh needs to build the
# go-yaml-reader test oracle: the Go toolchain, go-yaml v2 and sigs.k8s.io/yaml (sources under
# /usr/share/gocode). Idempotent: prints nothing and changes nothing when they are installed.
set -euo pipefail

packages=(golang-go golang-gopkg-yaml.v2-dev golang-k8s-sigs-yaml-dev)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-go-yaml: apt-get not found; install ${missing[*]} (Debian package names) by hand" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-go-yaml: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-go-yaml: installing ${missing[*]}"
install() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
# A fresh machine may have no package lists yet, or stale ones: update once and retry.
if ! install 2>/dev/null; then
  "${as_root[@]}" apt-get update -qq >/dev/null
  install
fi
