#!/bin/sh
# fuzz/run.sh — build fuzz_parse (or fuzz_sheet, fuzz_docx, fuzz_fengong) with clang and libFuzzer,
# and run it for a bounded time (make fuzz).
#
# Environment:
#   FUZZ_TARGET      fuzz_parse (the default: input, extraction, tasks, links)
#                    or fuzz_sheet (the XLSX and CSV reader; seeds fuzz/corpus-sheet/)
#                    or fuzz_docx (the Word reader; seeds fuzz/corpus-docx/)
#                    or fuzz_fengong (an office's 分工方案; seeds fuzz/corpus-fengong/)
#   FUZZ_SECONDS     how long to fuzz (default 60)
#   FUZZ_JOBS        parallel fuzzing processes (default: 2, or 1 on one core)
#   FUZZ_BUILD_DIR   build tree (default build-fuzz/ at the top of the source)
#   FUZZ_KEEP_GOING  1: go on after a crash and collect every crash input
#
# The fuzzer mutates a copy of fuzz/corpus/ kept in $FUZZ_BUILD_DIR/corpus,
# which grows from run to run (remove it to start from the seeds again), so
# fuzz/corpus/ only changes by hand (a new crash-* regression). Exits
# non-zero when an input crashed, hung (-timeout) or broke a promise of
# luoshi.h, and prints where that input is and how to replay and minimize it.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
target=${FUZZ_TARGET:-fuzz_parse}
case $target in
fuzz_parse) seeds=corpus dict="-dict=$root/fuzz/units.dict" ;;
fuzz_sheet) seeds=corpus-sheet dict= ;;
fuzz_docx) seeds=corpus-docx dict= ;;
fuzz_fengong) seeds=corpus-fengong dict= ;;
*) echo "fuzz: FUZZ_TARGET is fuzz_parse, fuzz_sheet, fuzz_docx or fuzz_fengong" >&2; exit 2 ;;
esac
cores=$(nproc 2>/dev/null || echo 1)
jobs=${FUZZ_JOBS:-$([ "$cores" -ge 2 ] && echo 2 || echo 1)}
[ "$jobs" -gt 2 ] && jobs=2

if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang is needed (apt-get install clang)" >&2
    exit 2
fi

# Configure once with clang; later runs only rebuild what changed.
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DLS_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target "$target" -j "$cores" >/dev/null

corpus=$build/$seeds
artifacts=$build/artifacts
mkdir -p "$corpus" "$artifacts"
# Seeds and regressions join what earlier runs found; nothing is overwritten.
cp -n "$root"/fuzz/"$seeds"/* "$corpus"/ 2>/dev/null || true
before=$(ls "$artifacts" | wc -l)

set -- -max_len=4096 $dict -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1
if [ "$jobs" -ge 2 ]; then
    set -- "$@" -fork="$jobs"
    [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && set -- "$@" -ignore_crashes=1 -ignore_timeouts=1
fi
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "fuzz: $target, $seconds s, $jobs job(s), corpus $corpus"
status=0
"$build/fuzz/$target" "$@" "$corpus" || status=$?

# Any new artifact is a failure, even when -ignore_crashes kept going.
found=$(ls -t "$artifacts" | head -n $(($(ls "$artifacts" | wc -l) - before)))
if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    echo "fuzz: FAILED (exit $status); inputs that crashed or hung:" >&2
    for f in $found; do
        echo "  $artifacts/$f" >&2
    done
    echo "replay:   $build/fuzz/$target FILE" >&2
    echo "minimize: $build/fuzz/$target -minimize_crash=1 -max_total_time=60" \
        "-exact_artifact_path=OUT FILE" >&2
    echo "then keep it as fuzz/$seeds/crash-<what> (a regression CTest replays)" >&2
    exit 1
fi
echo "fuzz: clean for $seconds s"
