#!/bin/sh
# pg-test-cluster.sh start DIR | stop DIR — a throw-away PostgreSQL cluster
# for the tests of the PostgreSQL back end.
#
# start: initdb in DIR (C locale, UTF-8) as an unprivileged user (the
# Debian `postgres` user, or the invoking user when not root), start it on
# a free local port with its socket in DIR and no TCP listener, create the
# database `luoshi`, and print its URL (postgresql:///luoshi?host=DIR&port=N).
# stop: stop the cluster and remove DIR. Needs the Debian package
# postgresql-15 (tools/setup-deps.sh installs it).
set -eu

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg-test-cluster: PostgreSQL is not installed" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" --locale=C -E UTF8 -A trust -U luoshi >"$dir/initdb.log" 2>&1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
        "-p $port -k $dir -c listen_addresses= -c fsync=off -c max_connections=200" start >/dev/null
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U luoshi luoshi
    echo "postgresql:///luoshi?host=$dir&port=$port&user=luoshi"
    ;;
stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
