#!/bin/sh
# bench/bench_store.sh [BUILD_DIR] — the ledger at scale (make bench):
# bench_store on a new SQLite file, then on a throw-away PostgreSQL cluster
# (tools/pg-test-cluster.sh). LS_BENCH_REPORTS sets the number of reports
# (default 10000; each back end imports them all, which takes minutes).
# The import is timed twice: the first fifth one ls_store_import call each,
# the rest by ls_store_import_each (the next report read on a second
# thread while one is stored, as `luoshi import FILE...` does).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
n=${LS_BENCH_REPORTS:-10000}
cmake --build "$build" --target bench_store -j "$(nproc)" >/dev/null

tmp=$(mktemp -d)
chmod 755 "$tmp" # the PostgreSQL cluster below runs as another user
pg=
cleanup() {
    [ -n "$pg" ] && "$root/tools/pg-test-cluster.sh" stop "$tmp/pg"
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"$build/bench/bench_store" "$root/tests/fixtures" "$tmp/bench.db" "$n"
echo "  store size: $(du -h "$tmp/bench.db" | cut -f1) (SQLite file)"
pg=$("$root/tools/pg-test-cluster.sh" start "$tmp/pg")
"$build/bench/bench_store" "$root/tests/fixtures" "$pg" "$n"
