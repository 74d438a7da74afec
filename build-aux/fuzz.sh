#!/usr/bin/env bash
# Builds (when needed) and runs one libFuzzer target for SECONDS seconds,
# one process, then prints how many inputs it ran.
#   build-aux/fuzz.sh TARGET SECONDS [LIBFUZZER-OPTION…]
# TARGET: json, extract, date or database. The build is clang with
# -fsanitize=fuzzer,address,undefined in $ANNALS_FUZZ_BUILDDIR (default
# _build-fuzz). New inputs go to $build/fuzz-corpus/TARGET (the committed
# seeds in tests/fuzz/corpus/TARGET are read, never written); a crash is
# written to $build/fuzz-artifacts/TARGET/. Minimize one with
#   $build/tests/fuzz/fuzz-TARGET -minimize_crash=1 -runs=10000 CRASH
# then commit it under tests/fuzz/regressions/TARGET/, where the
# reliability suite replays it.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 TARGET SECONDS [LIBFUZZER-OPTION…]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2

top=$(cd "$(dirname "$0")/.." && pwd)
build="${ANNALS_FUZZ_BUILDDIR:-$top/_build-fuzz}"

case "$target" in
  json|extract|date|database) ;;
  *) echo "fuzz.sh: unknown target “$target” (json, extract, date, database)" >&2; exit 2 ;;
esac

if [[ ! -f "$build/build.ninja" ]]; then
  # Every library is instrumented for coverage; only the targets link
  # libFuzzer's main. UBSan findings abort, so that libFuzzer keeps them.
  CC=clang CFLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -gline-tables-only" \
    meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined \
      -Db_lundef=false --buildtype=debugoptimized
fi
ninja -C "$build" "tests/fuzz/fuzz-$target"

corpus="$build/fuzz-corpus/$target"
artifacts="$build/fuzz-artifacts/$target"
mkdir -p "$corpus" "$artifacts"

dict=()
[[ -f "$top/tests/fuzz/$target.dict" ]] && dict=(-dict="$top/tests/fuzz/$target.dict")

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export G_DEBUG="${G_DEBUG:-fatal-criticals}"
export LC_ALL=C.UTF-8

log="$build/fuzz-$target.log"
status=0
"$build/tests/fuzz/fuzz-$target" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/" \
  "${dict[@]}" \
  "$@" \
  "$corpus" "$top/tests/fuzz/corpus/$target" 2>&1 | tee "$log" | grep -v '^#[0-9].*\(NEW\|REDUCE\)' || status=${PIPESTATUS[0]}

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
echo "fuzz.sh: $target: ${execs:-?} inputs in $seconds s, exit status $status (log: $log)"
exit "$status"
