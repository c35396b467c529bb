#!/usr/bin/env bash
# Cheap queries while timeout-bound ones run (issue 11, item 2 "Fair admission"; results in
# docs/benchmarks.md, "Cheap queries while timeout-bound ones run").
#
#   benchmarks/api/stall.sh
#
# Into its own database (CJA_DATABASE, default cja_stall) via scripts/postgres.sh: migrations and the
# bundled datasets (`ingest run --migrate`). Then our API, Release build, Production environment, on
# 127.0.0.1, response cache off (GraphQL__Cache__Enabled=false) and the per-client limits on (the
# defaults: this is what they are for). A stream of cheap uncached queries (the gender breakdown, its
# area and period varied per request over every cell of the newest reconviction edition; CONNECTIONS
# keep-alive connections at RATE requests/s, benchmarks/api/stream.js) runs for DURATION seconds:
#   1. idle;
#   2. while each of SLOW ("4 40") timeout-bound queries run continuously, half an `or` of 3,000
#      `contains` branches and half two 120,000-character `contains` (the shapes of issue 11), each
#      client (one Node process, a keep-alive connection each) sending its next as soon as the last is
#      answered;
# the slow clients once from another address than the stream (127.0.0.2: another client to the
# per-client limits) and once from the stream's own 127.0.0.1 (one client, as the issue's attacker
# on one machine); 3. idle again, since the machine may be shared. It prints p50/p99 of the cheap stream per phase and its p99 ÷ idle (target ≤ 2),
# what the slow queries were answered (200 / 429 / 503 / other), and, sampled every half second from
# pg_stat_activity, the age of the longest-running statement (target: no statement outlives the
# execution timeout by more than a second).
#
# Settings (environment): DURATION (30 s per phase), WARMUP (10 s), CONNECTIONS (4), RATE (100/s),
# SLOW ("4 40"), FROM ("other same"), TIMEOUT (the API's ExecutionTimeout in seconds, 10),
# WAIT_FOR_LOAD (3: before measuring, wait up to WAIT_FOR_LOAD_SECONDS, default 1800, for the
# 1-minute load average to fall below it; empty: do not wait), ARTIFACTS (.local/bench-build),
# OUT (.local/bench/stall/<time>), API_PORT (5187), CJA_DATA_MIRROR. Extra API settings can be passed
# in the environment as usual (e.g. GraphQL__Admission__MaxConcurrentExpensiveExecutions=2).
# The local PostgreSQL cluster is left running.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$repo/benchmarks/api"
cd "$repo"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-4}"
RATE="${RATE:-100}"
SLOW="${SLOW:-4 40}"
FROM="${FROM:-other same}"
TIMEOUT="${TIMEOUT:-10}"
WAIT_FOR_LOAD="${WAIT_FOR_LOAD-3}"
ARTIFACTS="${ARTIFACTS:-$repo/.local/bench-build}"
OUT="${OUT:-$repo/.local/bench/stall/$(date -u +%Y%m%dT%H%M%SZ)}"
API_PORT="${API_PORT:-5187}"
export CJA_DATABASE="${CJA_DATABASE:-cja_stall}"

log() { printf '[stall] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
mkdir -p "$OUT" "$ARTIFACTS"
OUT="$(cd "$OUT" && pwd)"
ARTIFACTS="$(cd "$ARTIFACTS" && pwd)"
command -v dotnet >/dev/null || die "the .NET SDK is missing"
command -v curl >/dev/null || die "curl is missing"
command -v node >/dev/null || die "Node.js is missing"
if [ -z "${CJA_DATA_MIRROR:-}" ] && [ -d "$repo/../shared/data" ]; then
  CJA_DATA_MIRROR="$(cd "$repo/../shared/data" && pwd)"
  export CJA_DATA_MIRROR
fi

# --- database, data, build ----------------------------------------------------------------------
db="$(env -u DATABASE_URL scripts/postgres.sh start)"
psql_bin="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)"
sql() { "$psql_bin" "$db" -XtAc "$1"; }
log "database: $db"
log "migrating and loading the bundled datasets (unchanged files are skipped)"
DATABASE_URL="$db" nice dotnet run -c Release --artifacts-path "$ARTIFACTS" --project src/Ingest -- run --migrate >"$OUT/ingest.log" 2>&1 \
  || { tail -40 "$OUT/ingest.log" >&2; die "ingest failed (log: $OUT/ingest.log)"; }
log "building the API (Release)"
nice dotnet build src/Api -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >"$OUT/build.log" 2>&1 \
  || { tail -40 "$OUT/build.log" >&2; die "build failed (log: $OUT/build.log)"; }
api_bin="$ARTIFACTS/bin/CommunityJustice.Analytics.Api/release"
[ -f "$api_bin/CommunityJustice.Analytics.Api.dll" ] || die "no API build in $api_bin"

# Every (area, period) of the newest reconviction edition with an all-ages figure: the stream's variables.
cells="$OUT/cells.tsv"
"$psql_bin" "$db" -XtA -F $'\t' -c "
  SELECT DISTINCT o.area_code, o.period_label FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id
  WHERE v.dataset_code = 'reconvictions' AND v.is_latest AND o.indicator_code = 'reconviction-rate' AND o.age_band_code = 'all'
  ORDER BY 2, 1" >"$cells"
[ "$(wc -l <"$cells")" -ge 10 ] || die "fewer than 10 (area, period) cells in the newest reconviction edition"
log "$(wc -l <"$cells") (area, period) cells for the cheap stream"
node "$bench/stream.js" slow-bodies "$OUT"

# --- the API ------------------------------------------------------------------------------------
(cd "$api_bin" && ASPNETCORE_ENVIRONMENT=Production DATABASE_URL="$db" GraphQL__Cache__Enabled=false \
  GraphQL__ExecutionTimeout="$(printf '00:00:%02d' "$TIMEOUT")" \
  exec dotnet CommunityJustice.Analytics.Api.dll --urls "http://127.0.0.1:$API_PORT" --contentRoot "$api_bin") >"$OUT/api.log" 2>&1 &
api_pid=$!
slow_pid=
trap '[ -z "$slow_pid" ] || kill $slow_pid 2>/dev/null || true; kill $api_pid 2>/dev/null || true; wait $api_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$API_PORT/health/ready" >/dev/null || die "the API did not become ready (log: $OUT/api.log)"

post() { # from-address body-file [curl options...]
  local from="$1" body="$2"; shift 2
  curl -sS --interface "$from" --max-time $((TIMEOUT + 30)) -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data-binary "@$body" "$@" "http://127.0.0.1:$API_PORT/graphql"
}
printf '{"query":"{ __typename }"}' >"$OUT/ping.json"
post 127.0.0.2 "$OUT/ping.json" -o /dev/null || die "cannot connect from 127.0.0.2 (the loopback interface must own 127.0.0.0/8)"

# Each shape must really run into the timeout (503 TIMEOUT), else this measures nothing.
log "checking that both slow shapes run into the ${TIMEOUT}s timeout"
for shape in or contains; do
  answer="$(post 127.0.0.3 "$OUT/slow-$shape.json" -w '\n%{http_code} %{time_total}')"
  status="$(tail -1 <<<"$answer")"
  log "slow-$shape: HTTP $status s; $(head -1 <<<"$answer" | head -c 200)"
  case "$status" in 503\ *) grep -q '"TIMEOUT"' <<<"$answer" || die "slow-$shape: 503 but not TIMEOUT" ;; *) die "slow-$shape did not time out" ;; esac
done

loadavg() { cut -d' ' -f1 /proc/loadavg; }
stream() { # seconds output.json [each-request.tsv]
  node "$bench/stream.js" cheap "$API_PORT" "$1" "$CONNECTIONS" "$RATE" "$cells" "$2" ${3:+"$3"}
}
log "warm-up: ${WARMUP}s of the cheap stream"
stream "$WARMUP" "$OUT/warmup.json"

if [ -n "$WAIT_FOR_LOAD" ]; then
  waited=0
  while awk -v l="$(loadavg)" -v m="$WAIT_FOR_LOAD" 'BEGIN { exit !(l >= m) }' && [ "$waited" -lt "${WAIT_FOR_LOAD_SECONDS:-1800}" ]; do
    log "load average $(loadavg) >= $WAIT_FOR_LOAD: waiting"; sleep 30; waited=$((waited + 30))
  done
fi

# --- phases -------------------------------------------------------------------------------------
# The age of the oldest statement running in the benchmark database, every half second.
sample_statements() { # output
  while true; do
    sql "SELECT coalesce(round(max(extract(epoch FROM clock_timestamp() - query_start))::numeric, 2), 0)
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'" >>"$1" 2>/dev/null || true
    sleep 0.5
  done
}
active_statements() {
  sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'"
}

results="$OUT/results.tsv"
: >"$results"
phase() { # name slow-count from-address
  local name="$1" count="$2" from="$3" load sampler
  local slow_out="$OUT/slow-$name.txt" ages="$OUT/statements-$name.txt"
  : >"$slow_out"; : >"$ages"
  load="$(loadavg)"
  slow_pid=
  if [ "$count" -gt 0 ]; then
    node "$bench/stream.js" slow "$API_PORT" $((DURATION + 1)) "$count" "$from" "$OUT" "$slow_out" &
    slow_pid=$!
  fi
  sample_statements "$ages" &
  sampler=$!
  [ "$count" -gt 0 ] && sleep 1 # the slow queries take their places first
  stream "$DURATION" "$OUT/cheap-$name.json" "$OUT/cheap-$name.tsv"
  # Each slow client ends with the answer to its last request (at most the timeout away), so that every
  # slow request is counted and the statements it started are still sampled.
  [ -z "$slow_pid" ] || wait "$slow_pid" || die "the slow clients failed"
  slow_pid=
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  if [ "$count" -gt 0 ]; then
    sleep 1
    [ "$(active_statements)" -eq 0 ] || log "WARNING: statements still active a second after the last slow request was answered"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$count" "$from" "$(tr -d '\n' <"$OUT/cheap-$name.json")" \
    "$(awk '{ print $2 }' "$slow_out" | sort | uniq -c | awk '{ printf "%s%s:%s", sep, $2, $1; sep = " " }')" \
    "$(sort -g "$ages" | tail -1)" "$load" >>"$results"
  log "$name: $(cat "$OUT/cheap-$name.json"); slow answers: $(tail -1 "$results" | cut -f5); longest statement $(sort -g "$ages" | tail -1)s"
}

log "measuring ${DURATION}s per phase, $CONNECTIONS connections at $RATE/s; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
phase idle 0 127.0.0.1
for from in $FROM; do
  case "$from" in other) address=127.0.0.2 ;; same) address=127.0.0.1 ;; *) die "FROM: other or same, not $from" ;; esac
  for n in $SLOW; do phase "slow$n-$from" "$n" "$address"; done
done
phase idle-again 0 127.0.0.1 # the machine is shared: did idle itself move meanwhile?

pg_version="$(sql 'show server_version' 2>/dev/null || echo '?')"
{
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -h | awk '/^Mem:/ {print $2}') RAM;" \
    "PostgreSQL $pg_version, .NET $(dotnet --version), Node $(node --version)."
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ with uncommitted changes)');" \
    "${DURATION} s per phase, cheap stream $CONNECTIONS connections at $RATE/s, execution timeout ${TIMEOUT} s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  node "$bench/stream.js" table "$results" "$TIMEOUT"
} | tee "$OUT/results.md"
log "raw outputs in $OUT"
