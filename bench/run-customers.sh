#!/usr/bin/env bash
# The customer archive at scale (issue 3): BENCH_CUSTOMERS (default 1 000 000)
# demo customers made by `guanxi demo-data` on SQLite, then wrk against the
# list, the search box (substring, pinyin, initials, phone digits), a detail
# view (which also writes its access-log entry, SEC-7) and a salesperson's
# own-scope list, each against GET /healthz in the same run (the machine is
# noisy: medians of RUNS runs and ratios). Also the load rate, the database
# size and the server's peak memory. Writes bench/results/<date>-customers-<N>.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_CUSTOMERS:-1000000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-8s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
PASSWORD='Bench-Passw0rd!'
out="bench/results/$(date +%Y-%m-%d)-customers-$N.md"
work=$(mktemp -d /tmp/guanxi-bench.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source bench/lib.sh

data="$work/data"
echo "loading $N demo customers …"
load_start=$(date +%s.%N)
GUANXI_PASSWORD=$PASSWORD ./build/guanxi demo-data --customers "$N" --data-dir "$data" >"$work/demo.log" 2>&1 ||
  { tail -5 "$work/demo.log"; exit 1; }
load_seconds=$(awk -v a="$load_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
db_mb=$(du -m "$data/guanxi.db" | cut -f1)

start_server "" "$data"
manager=$(login_cookie demo.manager "$PASSWORD")
sales=$(login_cookie demo.sales01 "$PASSWORD")
[[ -n $manager && -n $sales ]] || { echo "login failed"; exit 1; }
some_id=$(curl -s -H "Cookie: guanxi_session=$manager" "http://$address/api/v1/customers?limit=1" |
  grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)

declare -a NAMES PATHS COOKIES
add() { NAMES+=("$1"); PATHS+=("$2"); COOKIES+=("$3"); }
add "healthz (baseline)" "/healthz" ""
add "list, first page (50)" "/api/v1/customers?limit=50" "$manager"
add "search 2 characters 华兴" "/api/v1/customers?q=%E5%8D%8E%E5%85%B4&limit=20" "$manager"
add "search 4 characters 深圳华兴" "/api/v1/customers?q=%E6%B7%B1%E5%9C%B3%E5%8D%8E%E5%85%B4&limit=20" "$manager"
add "search pinyin shenzhen" "/api/v1/customers?q=shenzhen&limit=20" "$manager"
add "search initials szhx" "/api/v1/customers?q=szhx&limit=20" "$manager"
add "search phone last 4 digits" "/api/v1/customers?q=8888&limit=20" "$manager"
add "filter grade=A, region 广东" "/api/v1/customers?grade=A&region_code=440000&limit=50" "$manager"
add "detail (+ access log write)" "/api/v1/customers/$some_id" "$manager"
add "salesperson's own list" "/api/v1/customers?limit=50" "$sales"

declare -a RPS P50 P99
for i in "${!NAMES[@]}"; do
  header=""
  [[ -n ${COOKIES[$i]} ]] && header="Cookie: guanxi_session=${COOKIES[$i]}"
  read -r RPS[$i] P50[$i] P99[$i] < <(measure "${PATHS[$i]}" "$header")
  echo "${NAMES[$i]}: ${RPS[$i]} req/s, p50 ${P50[$i]} ms, p99 ${P99[$i]} ms"
done
peak_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
stop_server

{
  echo "# Customer archive at $N customers — $(date +%Y-%m-%d)"
  echo
  echo "SQLite; \`guanxi demo-data --customers $N\` (each record through the normal create rules, 2 000"
  echo "per transaction) took ${load_seconds} s; database file ${db_mb} MB. Server peak RSS during the runs: ${peak_mb} MB."
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $RUNS runs per row after one warm-up; medians."
  echo "Server: build/guanxi ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)), 2 network + 4 worker threads;"
  echo "machine: $(nproc) cores, $(uname -r). wrk shares the cores with the server. The manager (group"
  echo "management) sees every customer; the salesperson owns about 1/20 of them."
  echo
  echo "| request | req/s | p50 ms | p99 ms | req/s vs /healthz |"
  echo "|---|---:|---:|---:|---:|"
  for i in "${!NAMES[@]}"; do
    ratio=$(awk -v a="${RPS[$i]}" -v b="${RPS[0]}" 'BEGIN { printf "%.3f", a / b }')
    echo "| ${NAMES[$i]} | ${RPS[$i]} | ${P50[$i]} | ${P99[$i]} | $ratio |"
  done
} >"$out"
echo "wrote $out"
