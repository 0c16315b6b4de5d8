#!/bin/sh
# bench/bench_sheets.sh [BUILD_DIR] — what reading a spreadsheet costs at
# worst (issue 17): peak memory (/usr/bin/time -v, Maximum resident set
# size) and time of `luoshi progress --from-xlsx` (and `assign --from` for a
# 分工方案) on the attack files of tests/sheet_attacks.py, on the largest
# sheet within every limit, and on real 分工方案 and 报送表 files written by
# `luoshi export`. The baseline is the same command on a one-line CSV.
#
# Prints one line per file: its size, the exit code, the peak RSS, the
# elapsed and CPU time, and the first line of the message.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
luoshi=$build/luoshi
py=/usr/bin/python3
[ -x "$py" ] || py=python3
cmake --build "$build" --target luoshi -j "$(nproc)" >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/bench.db
export LUOSHI_DB="$db" LUOSHI_USER=bench
"$luoshi" import "$root/examples/datong-2023.txt" --gov 大同市 --year 2023 >/dev/null
"$luoshi" units add 能源局 >/dev/null
"$py" "$root/tests/sheet_attacks.py" "$tmp" >/dev/null
"$py" -c "import sys; sys.path.insert(0, '$root/tests'); import sheet_attacks as a; \
a.largest('$tmp/largest.xlsx'); a.at_total('$tmp/at-total.xlsx')"
"$luoshi" export --layout fengong --out "$tmp/fengong.xlsx"
"$luoshi" export --layout baosong --out "$tmp/baosong.xlsx"
printf '序号,进展情况\n' >"$tmp/one-line.csv"

# measure LABEL COMMAND...: one line of figures
measure() {
    label=$1
    shift
    set +e
    /usr/bin/time -v "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    set -e
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/err")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/err")
    user=$(sed -n 's/.*User time (seconds): //p' "$tmp/err")
    sys=$(sed -n 's/.*System time (seconds): //p' "$tmp/err")
    msg=$(grep -v '^	' "$tmp/err" | grep -v 'Command exited' | head -1; head -1 "$tmp/out")
    printf '%-22s %9s B  exit %s  %7.1f MB  %8s wall  %5s s CPU  %s\n' "$label" \
        "$(stat -c %s "$file")" "$code" "$(echo "$rss / 1024" | bc -l)" "$wall" \
        "$(echo "$user + $sys" | bc -l)" "$msg"
}

for name in one-line.csv entity-bomb.xlsx deflate-bomb.xlsx lying-sizes.xlsx \
    million-rows.xlsx big-sheet.xlsx long-text.xlsx largest.xlsx at-total.xlsx baosong.xlsx; do
    file=$tmp/$name
    measure "$name" "$luoshi" progress --from-xlsx "$file"
done
file=$tmp/fengong.xlsx
measure "fengong.xlsx (assign)" "$luoshi" assign --from "$file" --report 1
