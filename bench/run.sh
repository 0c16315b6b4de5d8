#!/bin/sh
# bench/run.sh [BUILD_DIR] — build bench_extract if needed and run it on the
# reports of tests/fixtures/ (make bench). BUILD_DIR defaults to build/.
#
# Environment:
#   LS_BENCH_BIG=1   also measure a 1000 MB input (about 4 GB of memory)
#   LS_BENCH_MB=N    size of the main input in MB (default 50)
#
# Figures from a sanitizer or Debug build are not throughput: it says so.
# The extractor is single-threaded; the run is pinned to one core when
# taskset exists, so that other work does not move it between cores.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target bench_extract -j "$(nproc 2>/dev/null || echo 1)" >/dev/null

if grep -Eq '^LS_SANITIZE:BOOL=ON|^LS_FUZZ:BOOL=ON|^CMAKE_BUILD_TYPE:STRING=Debug' \
    "$build/CMakeCache.txt"; then
    echo "bench: WARNING: $build is a sanitizer, fuzzing or Debug build; figures are not" \
        "representative" >&2
fi

set -- "$root/tests/fixtures" --mb "${LS_BENCH_MB:-50}"
[ "${LS_BENCH_BIG:-0}" = 1 ] && set -- "$@" --big
pin=
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
echo "bench: $(nproc) core(s), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
exec $pin "$build/bench/bench_extract" "$@"
