#!/usr/bin/env bash
# The API benchmark (issue 4, item 10; results in docs/benchmarks.md, section "API").
#
#   benchmarks/api/run.sh
#
# From a clean clone with ../shared/data beside it: PostgreSQL via scripts/postgres.sh into its own
# database (CJA_DATABASE, default cja_bench), migrations and the bundled datasets loaded by the
# ingest CLI, then on 127.0.0.1 only:
#   - our API, Release build, Production environment, twice: response cache off
#     (GraphQL__Cache__Enabled=false) and on (the default);
#   - PostGraphile 4.14.1 with postgraphile-plugin-connection-filter (npm ci from the lockfile);
#   - the raw-SQL floor: benchmarks/RawSql, the same figures through Npgsql without GraphQL or HTTP.
# It checks that every system returns the same figures for both standard queries (queries/) and
# aborts on a mismatch, then runs `hey` (POST, keep-alive) at each concurrency for a fixed time
# after a warm-up, and prints a Markdown table of requests/s and p50/p99 latency.
#
# Settings (environment): CONCURRENCY ("1 8 32"), DURATION (10 s), WARMUP (15 s: both servers JIT-compile their hot paths, .NET in tiers), QUERIES
# ("gender page"), SYSTEMS ("api-uncached api-cached postgraphile rawsql"), ARTIFACTS (build
# output, default .local/bench-build), OUT (raw outputs, default .local/bench/api/<time>),
# WAIT_FOR_LOAD (e.g. 3: before measuring, wait up to WAIT_FOR_LOAD_SECONDS, default 1800, for the
# 1-minute load average to fall below it), BENCH_DATABASE_URL (benchmark an existing database instead of the local cluster), API_PORT,
# API_CACHED_PORT, POSTGRAPHILE_PORT, CJA_DATA_MIRROR. The local PostgreSQL cluster is left running.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$repo/benchmarks/api"
cd "$repo"

CONCURRENCY="${CONCURRENCY:-1 8 32}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-15}"
QUERIES="${QUERIES:-gender page}"
SYSTEMS="${SYSTEMS:-api-uncached api-cached postgraphile rawsql}"
ARTIFACTS="${ARTIFACTS:-$repo/.local/bench-build}"
OUT="${OUT:-$repo/.local/bench/api/$(date -u +%Y%m%dT%H%M%SZ)}"
API_PORT="${API_PORT:-5181}"
API_CACHED_PORT="${API_CACHED_PORT:-5182}"
POSTGRAPHILE_PORT="${POSTGRAPHILE_PORT:-5183}"
export CJA_DATABASE="${CJA_DATABASE:-cja_bench}"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
mkdir -p "$OUT"

# --- prerequisites ------------------------------------------------------------------------------
need_apt() { # command package
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian's $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2; }
  fi
  command -v "$1" >/dev/null || die "$1 is missing: install the Debian package $2"
}
command -v dotnet >/dev/null || die "the .NET SDK is missing"
need_apt curl curl
need_apt hey hey
need_apt node nodejs
need_apt npm npm
psql_bin="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1 || true)"

# --- database and data --------------------------------------------------------------------------
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  db="$BENCH_DATABASE_URL"
else
  db="$(env -u DATABASE_URL scripts/postgres.sh start)"
fi
[ -n "$psql_bin" ] || psql_bin="$(ls /usr/lib/postgresql/*/bin/psql | tail -1)"
log "database: $db"
if [ -z "${CJA_DATA_MIRROR:-}" ] && [ -d "$repo/../shared/data" ]; then
  CJA_DATA_MIRROR="$(cd "$repo/../shared/data" && pwd)"
  export CJA_DATA_MIRROR
fi
log "migrating and loading the bundled datasets (unchanged files are skipped)"
DATABASE_URL="$db" dotnet run -c Release --artifacts-path "$ARTIFACTS" --project src/Ingest -- run --migrate >"$OUT/ingest.log" 2>&1 \
  || { tail -40 "$OUT/ingest.log" >&2; die "ingest failed (log: $OUT/ingest.log)"; }
version="$("$psql_bin" "$db" -XtAc "select id from dataset_versions where dataset_code = 'reconvictions' and is_latest")"
[ -n "$version" ] || die "no loaded edition of the reconvictions dataset"
log "newest reconvictions edition: dataset_versions.id = $version"

# --- builds -------------------------------------------------------------------------------------
log "building the API and the raw-SQL floor (Release)"
dotnet build src/Api -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >"$OUT/build.log" 2>&1 \
  && dotnet build benchmarks/RawSql -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >>"$OUT/build.log" 2>&1 \
  || { tail -40 "$OUT/build.log" >&2; die "build failed (log: $OUT/build.log)"; }
api_bin="$ARTIFACTS/bin/CommunityJustice.Analytics.Api/release"
rawsql="$ARTIFACTS/bin/RawSql/release/rawsql-bench.dll"
[ -f "$api_bin/CommunityJustice.Analytics.Api.dll" ] || die "no API build in $api_bin"
[ -f "$rawsql" ] || die "no raw-SQL build at $rawsql"
if [ ! -f "$bench/node_modules/.package-lock.json" ] || [ "$bench/package-lock.json" -nt "$bench/node_modules/.package-lock.json" ]; then
  log "npm ci (PostGraphile)"
  (cd "$bench" && npm ci --no-audit --no-fund >&2)
fi

# --- servers ------------------------------------------------------------------------------------
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

start_api() { # port cache-enabled log
  # Per-client limits off: every benchmark connection comes from 127.0.0.1, one client (docs/operations.md).
  (cd "$api_bin" && ASPNETCORE_ENVIRONMENT=Production DATABASE_URL="$db" GraphQL__Cache__Enabled="$2" GraphQL__Admission__Enabled=false \
    exec dotnet CommunityJustice.Analytics.Api.dll --urls "http://127.0.0.1:$1" --contentRoot "$api_bin") >"$3" 2>&1 &
  pids+=($!)
}
start_api "$API_PORT" false "$OUT/api-uncached.log"
start_api "$API_CACHED_PORT" true "$OUT/api-cached.log"
# `npx postgraphile ...`, run as node_modules/.bin/postgraphile so that the recorded pid is the server's.
# --use-partitioned-parent: observations is partitioned by edition; expose it, not its partitions.
(cd "$bench" && exec node_modules/.bin/postgraphile -c "$db" --schema public --host 127.0.0.1 --port "$POSTGRAPHILE_PORT" \
  --disable-graphiql --append-plugins postgraphile-plugin-connection-filter --disable-query-log --use-partitioned-parent) >"$OUT/postgraphile.log" 2>&1 &
pids+=($!)

post() { # port body-file [curl options...]
  local port="$1" body="$2"; shift 2
  curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' \
    --data-binary "@$body" "$@" "http://127.0.0.1:$port/graphql"
}
printf '{"query":"{ __typename }"}' >"$OUT/ping.json"
wait_ready() { # port name
  local i
  for i in $(seq 1 120); do
    post "$1" "$OUT/ping.json" -o /dev/null 2>/dev/null && return 0
    sleep 0.5
  done
  die "$2 did not start on 127.0.0.1:$1 (logs in $OUT)"
}
wait_ready "$API_PORT" "the API (cache off)"
wait_ready "$API_CACHED_PORT" "the API (cache on)"
wait_ready "$POSTGRAPHILE_PORT" "PostGraphile"
log "servers up: API cache off :$API_PORT, cache on :$API_CACHED_PORT, PostGraphile :$POSTGRAPHILE_PORT"

# --- same figures everywhere --------------------------------------------------------------------
tools() { node "$bench/tools.js" "$@"; }
for q in $QUERIES; do
  tools body "$bench/queries/api-$q.graphql" >"$OUT/body-api-$q.json"
  tools body "$bench/queries/postgraphile-$q.graphql" "{\"version\":$version}" >"$OUT/body-postgraphile-$q.json"
  post "$API_PORT" "$OUT/body-api-$q.json" >"$OUT/answer-api-uncached-$q.json"
  post "$API_CACHED_PORT" "$OUT/body-api-$q.json" >"$OUT/answer-api-cached-$q.json"
  post "$POSTGRAPHILE_PORT" "$OUT/body-postgraphile-$q.json" >"$OUT/answer-postgraphile-$q.json"
  dotnet "$rawsql" print "$db" "$bench/queries/sql-$q.sql" >"$OUT/answer-rawsql-$q.json"
  tools figures "$q" api "$OUT/answer-api-uncached-$q.json" >"$OUT/figures-api-uncached-$q.json"
  tools figures "$q" api "$OUT/answer-api-cached-$q.json" >"$OUT/figures-api-cached-$q.json"
  tools figures "$q" postgraphile "$OUT/answer-postgraphile-$q.json" >"$OUT/figures-postgraphile-$q.json"
  tools figures "$q" sql "$OUT/answer-rawsql-$q.json" >"$OUT/figures-rawsql-$q.json"
  for s in api-cached postgraphile rawsql; do
    cmp -s "$OUT/figures-api-uncached-$q.json" "$OUT/figures-$s-$q.json" \
      || die "query $q: $s returns different figures from our API (see $OUT/figures-*-$q.json)"
  done
  [ "$(wc -c <"$OUT/figures-api-uncached-$q.json")" -gt 20 ] || die "query $q: empty answer"
  log "query $q: the same figures from all four ($(head -c 160 "$OUT/figures-api-uncached-$q.json")...)"
  # The cache must really answer: the second identical POST is a hit.
  post "$API_CACHED_PORT" "$OUT/body-api-$q.json" -D - -o /dev/null | grep -qi '^x-cache: *HIT' \
    || die "query $q: the cached API did not answer from its cache"
  post "$API_PORT" "$OUT/body-api-$q.json" -D - -o /dev/null | grep -qi '^x-cache:' \
    && die "query $q: the API with GraphQL__Cache__Enabled=false still caches"
done

# --- load ---------------------------------------------------------------------------------------
loadavg() { cut -d' ' -f1 /proc/loadavg; }
run_hey() { # port body seconds concurrency output
  timeout $(( $3 + 60 )) hey -z "$3s" -c "$4" -m POST -T application/json -A application/json -D "$2" \
    "http://127.0.0.1:$1/graphql" >"$5" 2>&1 || true
}
results="$OUT/results.tsv"
: >"$results"
# On a shared machine: wait (at most WAIT_FOR_LOAD_SECONDS) for the 1-minute load average to fall below WAIT_FOR_LOAD.
if [ -n "${WAIT_FOR_LOAD:-}" ]; then
  waited=0
  while awk -v l="$(loadavg)" -v m="$WAIT_FOR_LOAD" 'BEGIN { exit !(l >= m) }' && [ "$waited" -lt "${WAIT_FOR_LOAD_SECONDS:-1800}" ]; do
    log "load average $(loadavg) >= $WAIT_FOR_LOAD: waiting"; sleep 30; waited=$((waited + 30))
  done
fi
log "measuring: ${WARMUP}s warm-up + ${DURATION}s at each of $CONCURRENCY connections; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
for q in $QUERIES; do
  for c in $CONCURRENCY; do
    for s in $SYSTEMS; do
      raw="$OUT/run-$q-$s-c$c.txt"
      load="$(loadavg)"
      case "$s" in
        api-uncached|api-cached|postgraphile)
          case "$s" in
            api-uncached) port="$API_PORT"; body="$OUT/body-api-$q.json" ;;
            api-cached) port="$API_CACHED_PORT"; body="$OUT/body-api-$q.json" ;;
            postgraphile) port="$POSTGRAPHILE_PORT"; body="$OUT/body-postgraphile-$q.json" ;;
          esac
          [ "$WARMUP" -gt 0 ] && run_hey "$port" "$body" "$WARMUP" "$c" "$raw.warmup"
          run_hey "$port" "$body" "$DURATION" "$c" "$raw"
          read -r rps p50 p99 errors < <(tools hey "$raw") ;;
        rawsql)
          timeout $(( WARMUP + DURATION + 60 )) dotnet "$rawsql" bench "$db" "$bench/queries/sql-$q.sql" "$c" "$WARMUP" "$DURATION" >"$raw" 2>&1 || true
          read -r rps p50 p99 errors < <(tools rawsql "$raw") ;;
        *) die "unknown system $s" ;;
      esac
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$q" "$s" "$c" "$rps" "$p50" "$p99" "$errors" "$load" >>"$results"
      log "$q $s c=$c: $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors (load $load)"
    done
  done
done

pg_version="$("$psql_bin" "$db" -XtAc 'show server_version' 2>/dev/null || echo '?')"
{
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -h | awk '/^Mem:/ {print $2}') RAM;" \
    "PostgreSQL $pg_version, Node $(node --version), .NET $(dotnet --version), PostGraphile $(node -p 'require("'"$bench"'/node_modules/postgraphile/package.json").version')."
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ with uncommitted changes)');" \
    "${WARMUP} s warm-up + ${DURATION} s per cell; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  tools table "$results"
} | tee "$OUT/results.md"
log "raw outputs in $OUT"
