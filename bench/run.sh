#!/bin/sh
# bench/run.sh [BUILD_DIR] — build bench_extract if needed and run it on the
# reports of tests/fixtures/ (make bench). BUILD_DIR defaults to build/.
# Then the commands end to end on the same input written to a file:
# `luoshi extract` and `luoshi parse` into a pipe (wall time, best of 3, and
# parse's peak memory), beside one `grep -c '[0-9]'` pass over the file into
# a pipe (not /dev/null, where GNU grep stops at its first match). Last,
# the mean time of `luoshi extract` on one report (the Datong report).
#
# Environment:
#   LS_BENCH_BIG=1   also measure a 1000 MB input (about 4 GB of memory)
#   LS_BENCH_MB=N    size of the main input in MB (default 50)
#
# Figures from a sanitizer or Debug build are not throughput: it says so.
# The library's figures are taken twice: pinned to one core (taskset, when it
# exists), then on every core the run may use, where extraction and the
# tasks of `parse` run on threads. The commands end to end likewise.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target bench_extract luoshi -j "$(nproc 2>/dev/null || echo 1)" >/dev/null

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
status=0
$pin "$build/bench/bench_extract" "$@" || status=$?
[ -n "$pin" ] && { "$build/bench/bench_extract" "$root/tests/fixtures" --mb "${LS_BENCH_MB:-50}" --cores || status=$?; }

# The main input as a file: the reports in name order, each followed by a
# newline, repeated whole to the size bench_extract used.
mb=${LS_BENCH_MB:-50}
input=$(mktemp "${TMPDIR:-/tmp}/luoshi-bench.XXXXXX")
trap 'rm -f "$input" "$input.time"' EXIT
for f in "$root"/tests/fixtures/*.txt; do cat "$f"; echo; done >"$input.time"
unit=$(wc -c <"$input.time")
rounds=$(( (mb * 1000000 + unit - 1) / unit ))
i=0
while [ "$i" -lt "$rounds" ]; do cat "$input.time"; i=$((i + 1)); done >"$input"
bytes=$(wc -c <"$input")

# best_of3 CMD...: runs CMD (its output into a pipe) 3 times and prints the
# best wall time in seconds (date +%s%N around it) and the peak memory of
# that run in KB (1024 bytes; /usr/bin/time's %M, the largest process).
best_of3() {
    best=
    for run in 1 2 3; do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$input.time" sh -c "$* | cat >/dev/null" || return 1
        t1=$(date +%s%N)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then
            best=$t
            kb=$(tail -n 1 "$input.time")
        fi
    done
    echo "$best $kb"
}

# on one|all: sets 'run' (the command's prefix) and 'label' for a run
# pinned to one core (returns 1 when there is no pin) or on all of them.
on() {
    if [ "$1" = one ]; then
        [ -n "$pin" ] || return 1
        run=$pin label="one core"
    else
        run= label="$(nproc) cores"
    fi
}

# report NAME SECONDS KB: one line of MB/s and peak memory (MB = 10^6 bytes)
report() {
    awk -v name="$1" -v s="$2" -v kb="$3" -v b="$bytes" \
        'BEGIN { printf "  %-42s %8.1f MB/s %7.3f s  peak %7.1f MB\n", name, b / 1e6 / s, s, kb * 1024 / 1e6 }'
}

if [ -x /usr/bin/time ]; then
    echo "end to end: $bytes bytes in one file, wall time into a pipe, best of 3 (MB = 10^6 bytes)"
    set -- $(best_of3 "$pin grep -c '[0-9]' '$input'") && report "grep -c '[0-9]' (one pass)" "$@"
    grep_s=$1
    for where in one all; do
        on "$where" || continue
        set -- $(best_of3 "$run '$build/luoshi' extract '$input'") &&
            report "luoshi extract (JSONL), $label" "$@"
        awk -v s="$1" -v g="$grep_s" \
            'BEGIN { printf "  luoshi extract takes %.1f x the time of one grep pass\n", s / g }'
        set -- $(best_of3 "$run '$build/luoshi' parse '$input'") &&
            report "luoshi parse (JSON), $label" "$@"
        awk -v kb="$2" -v b="$bytes" \
            'BEGIN { printf "  luoshi parse peaks at %.2f x its input (KB = 1024 bytes)\n", kb * 1024 / b }'
    done
else
    echo "bench: /usr/bin/time missing (apt-get install time): no end-to-end figures" >&2
fi

# A corpus as a user holds it: one file a report. The reports of
# tests/fixtures (and its corpus/) copied as separate files to about 20 MB;
# `luoshi extract` over all of them on one core (read one after another)
# and on all (read on worker threads, printed in order: cli/cmd_read.c).
if [ -x /usr/bin/time ]; then
    many=$(mktemp -d "${TMPDIR:-/tmp}/luoshi-corpus.XXXXXX")
    trap 'rm -f "$input" "$input.time"; rm -rf "$many"' EXIT
    n=0 total=0
    while [ "$total" -lt 20000000 ]; do
        for f in $(find "$root/tests/fixtures" -name '*.txt' | sort); do
            n=$((n + 1))
            cp "$f" "$many/r$n.txt"
            total=$((total + $(wc -c <"$f")))
        done
    done
    bytes=$total
    luoshi=$(cd "$build" && pwd)/luoshi
    echo "many files: $n reports, $total bytes, one file each, wall time into a pipe, best of 3"
    for where in one all; do
        on "$where" || continue
        set -- $(best_of3 "$run '$luoshi' extract '$many'/*.txt") &&
            report "luoshi extract FILE..., $label" "$@"
    done
fi

# A command on one report, as a user runs it: most of its time is the
# process's start (the dynamic linker), so it is timed over 100 runs.
one="$root/tests/fixtures/datong-2023.txt"
t0=$(date +%s%N)
i=0
while [ "$i" -lt 100 ]; do
    $pin "$build/luoshi" extract "$one" >/dev/null || status=1
    i=$((i + 1))
done
t1=$(date +%s%N)
awk -v a="$t0" -v b="$t1" -v n="$(wc -c <"$one")" \
    'BEGIN { printf "one report: luoshi extract of %d bytes, mean of 100 runs: %.2f ms\n", n, (b - a) / 1e6 / 100 }'
exit $status
