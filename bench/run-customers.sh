#!/usr/bin/env bash
# The customer archive at scale (issue 3): BENCH_CUSTOMERS (default 1 000 000)
# demo customers made by `guanxi demo-data` on SQLite, then wrk against the
# list, the search box (substring, pinyin, initials, phone digits), a detail
# view (which also writes its access-log entry, SEC-7) and a salesperson's
# own-scope list, each against GET /healthz in the same run (the machine is
# noisy: medians of RUNS runs and ratios), creating customers, and a mixed
# workload (bench/customers.lua); beside each list and search, the same query
# run straight on the database (`guanxi query-bench`). Also the load rate, the
# database size and the server's peak memory, at concurrency 8 as issue 3 asks.
# BENCH_ENGINE=postgres runs the same on a PostgreSQL cluster of its own
# (scripts/pg-test.sh with durable settings) instead of SQLite.
# Writes bench/results/<date>-customers-<N>[-postgres].md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_CUSTOMERS:-1000000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-8s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
ENGINE=${BENCH_ENGINE:-sqlite}
PASSWORD='Bench-Passw0rd!'
suffix=""
[[ $ENGINE == postgres ]] && suffix="-postgres"
out="bench/results/$(date +%Y-%m-%d)-customers-$N$suffix.md"
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

database_url=""
engine_name="SQLite"
if [[ $ENGINE == postgres ]]; then
  pg_env=$(PG_TEST_DURABLE=1 scripts/pg-test.sh start)
  pg_dir=$(sed -n 's/^PG_TEST_DIR=//p' <<<"$pg_env")
  admin_url=$(sed -n 's/^GUANXI_TEST_PG_ADMIN_URL=//p' <<<"$pg_env")
  psql -q "$admin_url" -c "CREATE DATABASE guanxi_bench"
  database_url="${admin_url%/postgres}/guanxi_bench"
  engine_name="PostgreSQL $(psql -tA "$admin_url" -c 'SHOW server_version' | cut -d' ' -f1) (fsync on, shared_buffers 1 GB)"
fi
export GUANXI_DATABASE_URL=$database_url

if [[ -n ${BENCH_DATA:-} ]]; then
  # A data directory loaded earlier (with BENCH_CUSTOMERS customers): no load time to report.
  data=$BENCH_DATA
  load_seconds="(not measured: reused $BENCH_DATA)"
else
  data="$work/data"
  echo "loading $N demo customers …"
  load_start=$(date +%s.%N)
  GUANXI_PASSWORD=$PASSWORD ./build/guanxi demo-data --customers "$N" --data-dir "$data" >"$work/demo.log" 2>&1 ||
    { tail -5 "$work/demo.log"; exit 1; }
  load_seconds=$(awk -v a="$load_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
fi
if [[ $ENGINE == postgres ]]; then
  db_mb=$(psql -tA "$database_url" -c "SELECT pg_database_size(current_database()) / 1048576")
else
  db_mb=$(du -m "$data/guanxi.db" | cut -f1)
fi

start_server "$database_url" "$data"
read -r manager manager_csrf < <(login_cookie demo.manager "$PASSWORD")
read -r sales _ < <(login_cookie demo.sales01 "$PASSWORD")
[[ -n $manager && -n $sales ]] || { echo "login failed"; exit 1; }
get() { curl -s -H "Cookie: guanxi_session=$manager" "http://$address$1"; }
some_id=$(get "/api/v1/customers?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
filtered="/api/v1/customers?grade=A&region_code=440000&limit=50"
cursor=$(get "$filtered" | grep -o '"next_cursor":"[^"]*' | cut -d'"' -f4)

# name | path | session | storage-side query (guanxi query-bench flags) | Lua mode
declare -a NAMES PATHS COOKIES QUERIES MODES
add() { NAMES+=("$1"); PATHS+=("$2"); COOKIES+=("$3"); QUERIES+=("${4:-}"); MODES+=("${5:-}"); }
add "healthz (baseline)" "/healthz" ""
add "list, first page (50)" "/api/v1/customers?limit=50" "$manager" "--limit 50"
add "filter grade=A, region 广东, first page" "$filtered" "$manager" "--grade A --region-prefix 44 --limit 50"
add "filter grade=A, region 广东, next page" "$filtered&cursor=$(printf %s "$cursor" | sed 's/|/%7C/g')" "$manager" \
  "--grade A --region-prefix 44 --limit 50 --cursor $cursor"
add "search 1 character 华" "/api/v1/customers?q=%E5%8D%8E&limit=20" "$manager" "--q 华 --limit 20"
add "search 2 characters 华兴" "/api/v1/customers?q=%E5%8D%8E%E5%85%B4&limit=20" "$manager" "--q 华兴 --limit 20"
add "search 4 characters 深圳华兴" "/api/v1/customers?q=%E6%B7%B1%E5%9C%B3%E5%8D%8E%E5%85%B4&limit=20" "$manager" \
  "--q 深圳华兴 --limit 20"
add "search pinyin shenzhen" "/api/v1/customers?q=shenzhen&limit=20" "$manager" "--q shenzhen --limit 20"
add "search initials szhx" "/api/v1/customers?q=szhx&limit=20" "$manager" "--q szhx --limit 20"
add "search phone last 4 digits" "/api/v1/customers?q=8888&limit=20" "$manager" "--q 8888 --limit 20"
add "detail, one customer (+ access log)" "/api/v1/customers/$some_id" "$manager"
add "detail, random customers (+ access log)" "/" "$manager" "" detail
add "salesperson's own list" "/api/v1/customers?limit=50" "$sales"
add "create one customer" "/" "$manager" "" create
add "mixed: 70 % detail, 20 % search, 8 % list, 2 % create" "/" "$manager" "" mixed

# The storage side of each list and search row, on the server's database, without HTTP,
# before the create and mixed rows add customers (the server is idle meanwhile).
declare -a STORAGE
for i in "${!NAMES[@]}"; do
  STORAGE[$i]=""
  [[ -n ${QUERIES[$i]} ]] || continue
  # shellcheck disable=SC2086 # the flags are words
  read -r p50 p99 _ < <(./build/guanxi query-bench --data-dir "$data" --runs 200 ${QUERIES[$i]})
  STORAGE[$i]="$p50 / $p99"
done

declare -a RPS P50 P99 ERRORS
for i in "${!NAMES[@]}"; do
  header=""
  [[ -n ${COOKIES[$i]} ]] && header="Cookie: guanxi_session=${COOKIES[$i]}"
  script=()
  [[ -n ${MODES[$i]} ]] && script=(bench/customers.lua "${MODES[$i]}" "$manager_csrf" "$N")
  read -r RPS[$i] P50[$i] P99[$i] ERRORS[$i] < <(measure "${PATHS[$i]}" "$header" "${script[@]}")
  echo "${NAMES[$i]}: ${RPS[$i]} req/s, p50 ${P50[$i]} ms, p99 ${P99[$i]} ms, non-2xx ${ERRORS[$i]}"
done
peak_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
stop_server

{
  echo "# Customer archive at $N customers — $(date +%Y-%m-%d)"
  echo
  echo "$engine_name; \`guanxi demo-data --customers $N\` (each record through the normal create rules, 10 000"
  echo "per transaction, 1 GiB page cache on SQLite) took ${load_seconds} s; database ${db_mb} MB. Server peak RSS during the runs: ${peak_mb} MB."
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $RUNS runs per row after one warm-up; medians."
  echo "Storage: the same list or search run directly on the database by \`guanxi query-bench\` (no HTTP,"
  echo "authentication, JSON or access log), 200 runs after one warm-up, p50 / p99 in ms."
  echo "Server: build/guanxi ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)), 2 network + 4 worker threads;"
  echo "machine: $(nproc) cores, $(uname -r). wrk shares the cores with the server. The manager (group"
  echo "management) sees every customer; the salesperson owns about 1/20 of them."
  echo
  echo "| request | req/s | p50 ms | p99 ms | req/s vs /healthz | non-2xx | storage p50 / p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for i in "${!NAMES[@]}"; do
    ratio=$(awk -v a="${RPS[$i]}" -v b="${RPS[0]}" 'BEGIN { printf "%.3f", a / b }')
    echo "| ${NAMES[$i]} | ${RPS[$i]} | ${P50[$i]} | ${P99[$i]} | $ratio | ${ERRORS[$i]} | ${STORAGE[$i]} |"
  done
} >"$out"
echo "wrote $out"
