#!/bin/sh
# tools/snapshot.sh [--update] [BUILD_DIR] — the outputs luoshi prints on fixed
# input (tests/tools/snapshot.py), compared with tests/snapshots/ (ctest
# snapshot does the same), or written anew there with --update after an
# intended change of output: review `git diff tests/snapshots` before
# committing it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
build=${1:-$root/build}
if [ "$update" = 1 ]; then
    rm -rf "$root/tests/snapshots"
    python3 "$root/tests/tools/snapshot.py" "$build/luoshi" "$root/tests/fixtures" \
        "$root/tests/snapshots"
    echo "tests/snapshots written: review git diff tests/snapshots"
else
    python3 "$root/tests/test_snapshot.py" "$build/luoshi" "$root/tests"
fi
