#!/bin/sh
# loro_parts.sh — the parts of each labelled report read by a luoshi that never saw it.
#
# usage: tools/loro_parts.sh [WORK_DIR]
#
# For each report of tests/fixtures/parts/, writes the clause table learnt on all the
# other labelled reports (tools/train_parts.py --write --leave-out NAME) into a copy of
# the source tree in WORK_DIR (default: a temporary directory), rebuilds luoshi there and
# scores that report with tests/tools/score_parts.py. Prints each report's line and the
# totals over all of them: the held-out accuracy of the pipeline as shipped. Takes a few
# minutes (one link per report). Nothing in the working tree is changed.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work/src"
(cd "$here" && git ls-files -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$work/src"
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
out="$work/loro.txt"
: > "$out"
for gold in "$here"/tests/fixtures/parts/*.parts.jsonl; do
    name=$(basename "$gold" .parts.jsonl)
    python3 "$here/tools/train_parts.py" --write "$work/src/src/part_table.c" --leave-out "$name"
    cmake --build "$work/build" --target luoshi -j2 >/dev/null
    python3 "$here/tests/tools/score_parts.py" "$work/build/luoshi" "$name" --show-errors | tee -a "$out" | grep -v '^all:'
done
python3 - "$out" <<'PY'
import re, sys
tot = {}
for line in open(sys.argv[1], encoding="utf-8"):
    for k, a, b in re.findall(r"(\w+) (\d+)/(\d+)", line) if not line.startswith("all") else []:
        t = tot.setdefault(k, [0, 0])
        t[0] += int(a)
        t[1] += int(b)
print("held out: " + "  ".join(f"{k} {a / b:.3f} ({a}/{b})" for k, (a, b) in tot.items() if b))
PY
