#!/usr/bin/env bash
# Installs what is missing, builds Annals and starts it. With no FILE it
# shows the library, which a first start fills with the bundled sample.
#   build-aux/run.sh [FILE…]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build="${ANNALS_BUILDDIR:-$top/_build}"

"$top/build-aux/install-deps.sh"

if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" "$top" --buildtype=debugoptimized
fi
meson compile -C "$build"

export GSETTINGS_SCHEMA_DIR="$build/data"
exec "$build/src/gui/annals" "$@"
