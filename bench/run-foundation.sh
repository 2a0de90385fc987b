#!/usr/bin/env bash
# Baseline throughput and latency of the foundation: GET /healthz (the floor:
# routing + one trivial query) and GET /api/v1/auth/me (session lookup), on
# loopback with wrk at a fixed concurrency, on SQLite and PostgreSQL.
# Each workload runs RUNS times; the report gives medians and the ratio of
# /me to /healthz measured in the same run (the machine is noisy).
# Writes bench/results/<date>-foundation.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-8s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PASSWORD='Bench-Passw0rd!'
out="bench/results/$(date +%Y-%m-%d)-foundation.md"
work=$(mktemp -d /tmp/guanxi-bench.XXXXXX)
server_pid=""
pg_dir=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -n $pg_dir ]] && scripts/pg-test.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

source bench/lib.sh

declare -A RESULT
measure_engine() {  # $1 = label, $2 = database url
  start_server "$2"
  local cookie
  cookie=$(login_cookie admin "$PASSWORD" | cut -d" " -f1)
  [[ -n $cookie ]] || { echo "login failed"; exit 1; }
  for path in /healthz /api/v1/auth/me; do
    local header=""
    [[ $path == /api/v1/auth/me ]] && header="Cookie: guanxi_session=$cookie"
    read -r RESULT[$1,$path,rps] RESULT[$1,$path,p50] RESULT[$1,$path,p99] _ < <(measure "$path" "$header")
    echo "$1 $path: ${RESULT[$1,$path,rps]} req/s, p50 ${RESULT[$1,$path,p50]} ms, p99 ${RESULT[$1,$path,p99]} ms"
  done
  stop_server
}

measure_engine sqlite ""
eval "$(scripts/pg-test.sh start)"
pg_dir=$PG_TEST_DIR
measure_engine postgres "${GUANXI_TEST_PG_ADMIN_URL}"

{
  echo "# Foundation baseline — $(date +%Y-%m-%d)"
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $RUNS runs per row after one warm-up; medians."
  echo "Server: build/guanxi ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)), 2 network + 4 worker threads;"
  echo "machine: $(nproc) cores, $(uname -r). wrk shares the 2 cores with the server."
  echo
  echo "| engine | route | req/s | p50 ms | p99 ms | req/s vs /healthz |"
  echo "|---|---|---:|---:|---:|---:|"
  for engine in sqlite postgres; do
    base=${RESULT[$engine,/healthz,rps]}
    for path in /healthz /api/v1/auth/me; do
      ratio=$(awk -v a="${RESULT[$engine,$path,rps]}" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
      echo "| $engine | $path | ${RESULT[$engine,$path,rps]} | ${RESULT[$engine,$path,p50]} | ${RESULT[$engine,$path,p99]} | $ratio |"
    done
  done
  echo
  echo "Later benchmarks compare against these rows (same command, same machine)."
} >"$out"
echo "wrote $out"
