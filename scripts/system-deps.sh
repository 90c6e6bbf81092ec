#!/usr/bin/env bash
# Installs the Debian programs that tests start for real when they are missing:
# `redis-server` (the ModelCatalog fleet test, in `pnpm test`) and `chromium`
# (runtime acceptance, in .ci/run). npm has no package for either here, so a
# fresh machine gets them from apt; without root or apt the script says what to
# install and fails, rather than letting a suite skip.
# Usage: bash scripts/system-deps.sh redis-server [chromium ...]
set -euo pipefail
missing=()
for program in "$@"; do
  command -v "$program" >/dev/null 2>&1 || missing+=("$program")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: install ${missing[*]} (Debian: apt-get install ${missing[*]}); the tests start them" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
