#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and prints its DATABASE_URL.
#   eval "$(bash scripts/pg-cluster.sh start)"   → exports DATABASE_URL and PG_TEST_DIR
#   bash scripts/pg-cluster.sh stop "$PG_TEST_DIR"
set -euo pipefail
cmd=${1:-start}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bindir" ] || { echo "PostgreSQL ist nicht installiert (apt-get install postgresql)." >&2; exit 1; }
run_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/hfk-pg-XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    run_as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    run_as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres PG_TEST_DIR=$dir"
    ;;
  stop)
    dir=${2:?Verzeichnis fehlt}
    run_as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
