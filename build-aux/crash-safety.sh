#!/usr/bin/env bash
# Kills `annals-cli import` of a large generated file at random moments and
# checks after each kill that the database passes PRAGMA integrity_check and
# holds exactly the events it held before, or those plus the whole import.
# The same test runs in CI (suite reliability) with its defaults.
#   build-aux/crash-safety.sh [TRIALS [EVENTS [SEED]]]
# TRIALS defaults to 100, EVENTS (in the imported file) to 6000.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build="${ANNALS_BUILDDIR:-$top/_build-test}"

if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" "$top" --buildtype=debugoptimized
fi
ninja -C "$build" src/cli/annals-cli tests/reliability/test-crash-safety

seed_args=()
[[ -n "${3:-}" ]] && seed_args=(--seed "$3")

export ANNALS_CRASH_TRIALS="${1:-100}"
export ANNALS_CRASH_EVENTS="${2:-6000}"
export ANNALS_CLI="$build/src/cli/annals-cli"
export ANNALS_SOURCE_DIR="$top"
export G_DEBUG=fatal-warnings
export LC_ALL=C.UTF-8

"$build/tests/reliability/test-crash-safety" --verbose "${seed_args[@]}"
