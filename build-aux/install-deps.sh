#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages Annals needs that are not
# there yet. Quick and quiet when nothing is missing.
#   build-aux/install-deps.sh [EXTRA-LIST…]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lists=("$here/deps.txt" "$@")

wanted=()
for list in "${lists[@]}"; do
  while read -r package _; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    wanted+=("$package")
  done < "$list"
done

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: these packages are missing: ${missing[*]}" >&2
  echo "install-deps: run this script as root, or install them with apt-get" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
