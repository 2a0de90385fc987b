#!/usr/bin/env bash
# Streaming export (issue 5 point 6): GET /api/v1/customers/export of every
# customer of a BENCH_CUSTOMERS archive (default 1 000 000, made by
# `guanxi demo-data`, or BENCH_DATA: a data directory loaded before) to .csv
# and .xlsx, RUNS times each; the median wall time, the file size and how far
# the server's resident memory rose above its level before the export
# (sampled every 0.1 s). Baseline in the same run: the same customers' stored
# columns written as CSV by the sqlite3 shell (no scope, masking, labels or
# access log), so the table shows what the server adds to its storage.
# Writes bench/results/<date>-export-<N>.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_CUSTOMERS:-1000000}
RUNS=${RUNS:-3}
PASSWORD='Bench-Passw0rd!'
out="bench/results/$(date +%Y-%m-%d)-export-$N.md"
work=$(mktemp -d /tmp/guanxi-bench.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source bench/lib.sh

if [[ -n ${BENCH_DATA:-} ]]; then
  data=$BENCH_DATA
else
  data="$work/data"
  echo "loading $N demo customers …"
  GUANXI_PASSWORD=$PASSWORD ./build/guanxi demo-data --customers "$N" --data-dir "$data" >"$work/demo.log" 2>&1 ||
    { tail -5 "$work/demo.log"; exit 1; }
fi

export GUANXI_EXPORT_APPROVAL_ROWS=0  # the whole archive in one export, no approval step
start_server "" "$data"
read -r manager _ < <(login_cookie demo.manager "$PASSWORD")
[[ -n $manager ]] || { echo "login failed"; exit 1; }

rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }

# Prints "<seconds> <MB written> <RSS rise in MB> <rows>" for one export.
export_once() {  # $1 = format
  local before peak now start file="$work/export.$1"
  before=$(rss_kb)
  peak=$before
  start=$(date +%s.%N)
  curl -s -D "$work/headers" -H "Cookie: guanxi_session=$manager" \
    "http://$address/api/v1/customers/export?format=$1" -o "$file" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    now=$(rss_kb)
    ((now > peak)) && peak=$now
    sleep 0.1
  done
  wait "$curl_pid"
  local elapsed rows
  elapsed=$(seconds_since "$start")
  rows=$(grep -i '^X-Export-Rows' "$work/headers" | tr -dc '0-9')
  echo "$elapsed $(($(stat -c %s "$file") / 1048576)) $(((peak - before) / 1024)) $rows"
  rm -f "$file"
}

declare -A TIME SIZE RISE ROWS
for format in csv xlsx; do
  : >"$work/runs"
  for _ in $(seq "$RUNS"); do export_once "$format" >>"$work/runs"; done
  TIME[$format]=$(cut -d' ' -f1 "$work/runs" | median)
  SIZE[$format]=$(cut -d' ' -f2 "$work/runs" | median)
  RISE[$format]=$(cut -d' ' -f3 "$work/runs" | sort -g | tail -1)
  ROWS[$format]=$(cut -d' ' -f4 "$work/runs" | head -1)
  echo "$format: ${TIME[$format]} s, ${SIZE[$format]} MB, RSS +${RISE[$format]} MB, ${ROWS[$format]} rows"
done

: >"$work/runs"
for _ in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  sqlite3 -csv "$data/guanxi.db" "SELECT * FROM customers" >"$work/raw.csv"
  seconds_since "$start" >>"$work/runs"
  echo >>"$work/runs"
done
raw=$(grep -v '^$' "$work/runs" | median)
echo "sqlite3 -csv: $raw s"
stop_server

{
  echo "# Customer export at $N customers — $(date +%Y-%m-%d)"
  echo
  echo "SQLite; \`GET /api/v1/customers/export?format=…\` of every customer by the group manager"
  echo "(scope all), default columns, masked, access log written; \`GUANXI_EXPORT_APPROVAL_ROWS=0\`."
  echo "$RUNS runs per format, medians; RSS rise: the most the server's resident memory rose above"
  echo "its level before the export, sampled every 0.1 s. Baseline in the same run: \`sqlite3 -csv\`"
  echo "writing the stored customers table (no scope, masking, labels or access log)."
  echo "Server: build/guanxi ($(git rev-parse --short HEAD 2>/dev/null || echo unknown)); machine: $(nproc) cores, $(uname -r)."
  echo
  echo "| export | rows | seconds | MB | RSS rise MB | vs sqlite3 -csv |"
  echo "|---|---:|---:|---:|---:|---:|"
  for format in csv xlsx; do
    ratio=$(awk -v a="${TIME[$format]}" -v b="$raw" 'BEGIN { printf "%.1f", a / b }')
    echo "| $format | ${ROWS[$format]} | ${TIME[$format]} | ${SIZE[$format]} | ${RISE[$format]} | $ratio |"
  done
  echo "| sqlite3 -csv (baseline) | $N | $raw | | | 1.0 |"
  echo
  echo "Targets of issue 5 (1 000 000 rows): CSV < 20 s, .xlsx < 60 s, memory growth < 150 MB."
} >"$out"
echo "wrote $out"
