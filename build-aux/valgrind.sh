#!/usr/bin/env bash
# Runs the test suites that need no display under valgrind memcheck, in
# a build of their own (no sanitizers: they do not mix with valgrind).
# Optional, not part of CI: it takes several minutes.
#   build-aux/valgrind.sh [SUITE…]      default: model io extract timeline reliability
# Fails on any memory error and on definite leaks; GLib's type system and
# caches are told apart with GLib's suppressions.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build="${ANNALS_VALGRIND_BUILDDIR:-$top/_build-valgrind}"
suites=("$@")
[[ ${#suites[@]} -eq 0 ]] && suites=(model io extract timeline reliability)

if ! command -v valgrind >/dev/null; then
  echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi

if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" "$top" --buildtype=debug
fi
meson compile -C "$build"

suppressions=()
for file in /usr/share/glib-2.0/valgrind/glib.supp "$top/build-aux/valgrind.supp"; do
  [[ -f "$file" ]] && suppressions+=("--suppressions=$file")
done

wrapper="valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=yes \
--num-callers=30 ${suppressions[*]}"

suite_args=()
for suite in "${suites[@]}"; do
  suite_args+=(--suite "$suite")
done

# Memory bounds and deadlines in the tests are for native speed: the
# large hostile inputs are kept small here, the crash loop short.
export G_SLICE=always-malloc
export ANNALS_HOSTILE_ARTICLE_MB="${ANNALS_HOSTILE_ARTICLE_MB:-2}"
export ANNALS_HOSTILE_EVENTS="${ANNALS_HOSTILE_EVENTS:-2000}"
export ANNALS_CRASH_TRIALS="${ANNALS_CRASH_TRIALS:-10}"
export ANNALS_CRASH_EVENTS="${ANNALS_CRASH_EVENTS:-2000}"

meson test -C "$build" --wrapper "$wrapper" --timeout-multiplier 20 \
  --num-processes 1 --print-errorlogs "${suite_args[@]}"
