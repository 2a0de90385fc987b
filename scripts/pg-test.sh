#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, on a loopback port and a socket in
# a temp dir. `start` prints the directory and the admin URL (as shell
# variables); `stop DIR` shuts it down and deletes everything.
set -euo pipefail
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/guanxi-pg.XXXXXX)
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    port=$(free_port)
    # Tests trade durability for speed; a benchmark (PG_TEST_DURABLE=1) keeps the defaults.
    durability="-c fsync=off -c synchronous_commit=off"
    [[ ${PG_TEST_DURABLE:-0} == 1 ]] && durability="-c shared_buffers=1GB"
    # C.UTF-8, not C: pg_trgm and text functions must see Chinese characters.
    as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log"
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
      start >/dev/null
    echo "PG_TEST_DIR=$dir"
    echo "GUANXI_TEST_PG_ADMIN_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: pg-test.sh stop DIR}
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
