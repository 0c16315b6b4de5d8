#!/bin/sh
# bench/bench_server.sh [BUILD_DIR] — the web app under load (make bench).
#
# For each back end, SQLite (a temporary file) and then PostgreSQL (a
# throw-away cluster, tools/pg-test-cluster.sh), imports the Datong report,
# starts `luoshi serve` on a free port (one thread per core), and runs wrk
# against the read API (a row, a page of rows unfiltered, a page filtered
# by part and status, the status summary, the report list) with an API
# token, and against the dashboard page with a session cookie. Prints
# requests/s and the latency percentiles of each; the goals (docs/performance.md,
# issue 15) are >= 20,000 requests/s on the read API with p99 < 10 ms on 2
# cores, and PostgreSQL within 80% of SQLite's requests/s. wrk runs on the
# same machine, so it takes part of the CPU the figures measure.
#
# Environment: LS_BENCH_SECONDS (default 5), LS_BENCH_CONNECTIONS (default
# 32), LS_BENCH_BACKENDS (default "sqlite postgresql"), LS_BENCH_LUOSHI (a
# luoshi binary to measure instead of BUILD_DIR's, e.g. an older build).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
luoshi=${LS_BENCH_LUOSHI:-$build/luoshi}
seconds=${LS_BENCH_SECONDS:-5}
conns=${LS_BENCH_CONNECTIONS:-32}
backends=${LS_BENCH_BACKENDS:-sqlite postgresql}

if ! command -v wrk >/dev/null 2>&1; then
    echo "bench_server: wrk is not installed (tools/setup-deps.sh installs it)" >&2
    exit 1
fi
[ -n "${LS_BENCH_LUOSHI:-}" ] || cmake --build "$build" --target luoshi -j "$(nproc)" >/dev/null

tmp=$(mktemp -d)
chmod 755 "$tmp" # the PostgreSQL cluster runs as another user
pid=
pg=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    [ -n "$pg" ] && "$root/tools/pg-test-cluster.sh" stop "$tmp/pg"
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

run() {
    name=$1
    shift
    out=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@")
    rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
    p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    bad=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
    printf '  %-34s %10s req/s   p50 %-8s p99 %-8s %s\n' "$name" "$rps" "$p50" "$p99" \
        "${bad:+non-2xx: $bad}"
}

# bench DB: the whole suite against the store DB (a file or a URL)
bench() {
    db=$1
    "$luoshi" import "$root/examples/datong-2023.txt" --gov 大同市 --year 2023 --db "$db" >/dev/null
    # wrk is one address: let it hold all its connections
    "$luoshi" serve --db "$db" --port 0 --per-address 1024 >"$tmp/serve.log" 2>&1 &
    pid=$!
    port=
    for _ in $(seq 50); do
        port=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$tmp/serve.log")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$tmp/serve.log" >&2; exit 1; }
    password=$(sed -n 's/.*with password \([0-9a-f]*\).*/\1/p' "$tmp/serve.log")
    token=$("$luoshi" user token admin --db "$db")
    base=http://127.0.0.1:$port
    cookie=$(curl -s -o /dev/null -D - -H 'Content-Type: application/json' \
        -d "{\"name\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/login" |
        sed -n 's/^Set-Cookie: \(luoshi_session=[0-9a-f]*\).*/\1/p')
    auth="Authorization: Bearer $token"
    run "GET /api/v1/tasks/2" -H "$auth" "$base/api/v1/tasks/2"
    run "GET /api/v1/tasks?limit=20" -H "$auth" "$base/api/v1/tasks?limit=20"
    run "GET /api/v1/tasks?part=…&status=…" -H "$auth" "$base/api/v1/tasks?part=plan&status=not_started&limit=50"
    run "GET /api/v1/status" -H "$auth" "$base/api/v1/status"
    run "GET /api/v1/reports" -H "$auth" "$base/api/v1/reports"
    run "GET / (dashboard page)" -H "Cookie: $cookie" "$base/"
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    pid=
}

echo "bench_server: $(nproc) core(s), luoshi serve with $(nproc) threads, wrk -c$conns -d${seconds}s"
echo "goal: read API >= 20000 requests/s, p99 < 10 ms; PostgreSQL >= 80% of SQLite"
for backend in $backends; do
    case $backend in
    sqlite)
        echo "SQLite (a file):"
        bench "$tmp/bench.db"
        ;;
    postgresql)
        pg=$("$root/tools/pg-test-cluster.sh" start "$tmp/pg")
        echo "PostgreSQL $(basename "$(dirname "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)")") (local socket, fsync off):"
        bench "$pg"
        "$root/tools/pg-test-cluster.sh" stop "$tmp/pg"
        pg=
        ;;
    *)
        echo "bench_server: unknown back end '$backend'" >&2
        exit 2
        ;;
    esac
done
