# Shared by the bench/run-*.sh scripts: a server on a free loopback port, a
# login, one wrk run reduced to "<req/s> <p50 ms> <p99 ms>", and medians.
# Expects $work (a scratch directory) and sets $address and $server_pid.

start_server() {  # $1 = database url or empty, $2 = data dir (default: a fresh one under $work)
  local log="$work/server.log"
  : >"$log"
  GUANXI_ADMIN_PASSWORD=${PASSWORD:-Bench-Passw0rd!} GUANXI_DATABASE_URL=$1 ./build/guanxi serve --listen 127.0.0.1:0 \
    --data-dir "${2:-$work/data-$RANDOM}" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    address=$(grep -o '"msg":"listening","address":"[^"]*' "$log" | sed 's/.*"address":"//') || true
    [[ -n ${address:-} ]] && return 0
    sleep 0.1
  done
  echo "server did not start"; cat "$log"; exit 1
}

stop_server() { kill "$server_pid"; wait "$server_pid" || true; server_pid=""; }

login_cookie() {  # $1 = user name, $2 = password; prints "<session cookie> <CSRF token>"
  local jar="$work/cookies.$RANDOM" body
  body=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" "http://$address/api/v1/auth/login")
  echo "$(awk '$6 == "guanxi_session" { print $7 }' "$jar") $(grep -o '"csrf_token":"[^"]*' <<<"$body" | cut -d'"' -f4)"
  rm -f "$jar"
}

# Prints "<requests/s> <p50 ms> <p99 ms> <non-2xx responses>" for one wrk run.
run_wrk() {  # $1 = path, $2 = extra header or empty, then optional: a Lua script and its arguments
  local path=$1 header=$2
  shift 2
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [[ -n $header ]] && args+=(-H "$header")
  if (($# > 0)); then
    args+=(-s "$1")
    shift
  fi
  wrk "${args[@]}" "http://$address$path" ${1:+--} "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx or 3xx responses/ { errors = $NF }
    END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# RUNS wrk runs after one warm-up; prints "<req/s> <p50> <p99> <non-2xx>": medians, and the
# most non-2xx responses of any run (a row with errors measured something else).
measure() {  # same arguments as run_wrk
  run_wrk "$@" >/dev/null
  : >"$work/runs"
  for _ in $(seq "$RUNS"); do run_wrk "$@" >>"$work/runs"; done
  echo "$(cut -d' ' -f1 "$work/runs" | median) $(cut -d' ' -f2 "$work/runs" | median)" \
    "$(cut -d' ' -f3 "$work/runs" | median) $(cut -d' ' -f4 "$work/runs" | sort -g | tail -1)"
}
