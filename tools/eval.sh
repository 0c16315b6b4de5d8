#!/bin/sh
# eval.sh — scores `luoshi extract` on every fixture that has a gold file.
# usage: tools/eval.sh [BUILD_DIR] [--show-errors]
build=${1:-build}
shift 2>/dev/null
here=$(dirname "$0")/..
for gold in "$here"/tests/fixtures/*.jsonl; do
    case "$gold" in *.outline.jsonl) continue ;; esac
    name=$(basename "$gold" .jsonl)
    out=$(mktemp)
    "$build/luoshi" extract "$here/tests/fixtures/$name.txt" > "$out"
    echo "== $name"
    python3 "$here/tests/tools/score.py" "$gold" "$out" "$@"
    rm -f "$out"
done
