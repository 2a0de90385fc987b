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

start_server() {  # $1 = database url or empty
  local log="$work/server.log"
  : >"$log"
  GUANXI_ADMIN_PASSWORD=$PASSWORD GUANXI_DATABASE_URL=$1 ./build/guanxi serve --listen 127.0.0.1:0 \
    --data-dir "$work/data-$RANDOM" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    address=$(grep -o '"msg":"listening","address":"[^"]*' "$log" | sed 's/.*"address":"//') || true
    [[ -n ${address:-} ]] && return 0
    sleep 0.1
  done
  echo "server did not start"; cat "$log"; exit 1
}

stop_server() { kill "$server_pid"; wait "$server_pid" || true; server_pid=""; }

login_cookie() {
  curl -s -c - -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://$address/api/v1/auth/login" |
    awk '$6 == "guanxi_session" { print $7 }'
}

# Prints "<requests/s> <p50 ms> <p99 ms>" for one wrk run.
run_wrk() {  # $1 = path, $2 = extra header or empty
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [[ -n $2 ]] && args+=(-H "$2")
  wrk "${args[@]}" "http://$address$1" | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.3f %.3f\n", rps, p50, p99 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A RESULT
measure_engine() {  # $1 = label, $2 = database url
  start_server "$2"
  local cookie
  cookie=$(login_cookie)
  [[ -n $cookie ]] || { echo "login failed"; exit 1; }
  for path in /healthz /api/v1/auth/me; do
    local header=""
    [[ $path == /api/v1/auth/me ]] && header="Cookie: guanxi_session=$cookie"
    run_wrk "$path" "$header" >/dev/null  # warm-up
    : >"$work/runs"
    for _ in $(seq "$RUNS"); do run_wrk "$path" "$header" >>"$work/runs"; done
    RESULT[$1,$path,rps]=$(cut -d' ' -f1 "$work/runs" | median)
    RESULT[$1,$path,p50]=$(cut -d' ' -f2 "$work/runs" | median)
    RESULT[$1,$path,p99]=$(cut -d' ' -f3 "$work/runs" | median)
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
