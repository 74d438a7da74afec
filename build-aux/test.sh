#!/usr/bin/env bash
# Installs what is missing, builds Annals with warnings as errors and runs
# the whole test suite, the GUI tests under Xvfb. Exits non-zero on any
# failure.
#   build-aux/test.sh               the normal build
#   build-aux/test.sh --sanitize    AddressSanitizer + UndefinedBehaviorSanitizer
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
sanitize=false
[[ "${1:-}" == "--sanitize" ]] && sanitize=true

"$top/build-aux/install-deps.sh"

options=(--werror --buildtype=debugoptimized)
if $sanitize; then
  build="${ANNALS_BUILDDIR:-$top/_build-sanitize}"
  options+=(-Db_sanitize=address,undefined -Db_lundef=false)
  export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  multiplier=4
else
  build="${ANNALS_BUILDDIR:-$top/_build-test}"
  multiplier=2
fi

if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" "$top" "${options[@]}"
else
  meson setup --reconfigure "$build" "$top" "${options[@]}" >/dev/null
fi
meson compile -C "$build"

# One private session bus and one virtual display for the whole run.
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C "$build" --print-errorlogs --timeout-multiplier "$multiplier" --num-processes 2
