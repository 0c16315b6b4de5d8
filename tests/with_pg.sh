#!/bin/sh
# with_pg.sh CMD [ARG...] — runs a test against a throw-away PostgreSQL
# cluster: starts one (tools/pg-test-cluster.sh), runs CMD with its URL in
# LUOSHI_TEST_PG_URL, stops and removes it, and exits with CMD's status.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d /tmp/luoshi-pg-XXXXXX)
url=$("$root/tools/pg-test-cluster.sh" start "$dir") || {
    echo "with_pg: cannot start a PostgreSQL cluster (is postgresql-15 installed?)" >&2
    cat "$dir"/*.log >&2 2>/dev/null
    "$root/tools/pg-test-cluster.sh" stop "$dir"
    exit 1
}
LUOSHI_TEST_PG_URL=$url "$@"
status=$?
"$root/tools/pg-test-cluster.sh" stop "$dir"
exit $status
