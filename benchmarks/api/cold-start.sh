#!/usr/bin/env bash
# Start-up to first answer (issue 11, item 6; results in docs/benchmarks.md, "Start-up to first answer").
#
#   benchmarks/api/cold-start.sh [API_DLL]
#
# Starts the API (default: the Release build, src/Api/bin/Release/net10.0) RUNS times against an
# existing database with data loaded (COLDSTART_DATABASE_URL, required), and for each start measures
# the time from launching the process to the first 200 answer with data to the standard gender
# breakdown (queries/api-gender.graphql), asked every 20 ms. Prints each run, the median, and the
# load average before the runs. The API's log (with millisecond timestamps) of the last run is kept
# in OUT (default .local/bench/cold-start) to see where the time goes.
#
# Settings (environment): RUNS (5), PORT (5390), OUT, and anything the API reads (e.g.
# DOTNET_TieredPGO=0) is passed through.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll="${1:-$repo/src/Api/bin/Release/net10.0/CommunityJustice.Analytics.Api.dll}"
runs="${RUNS:-5}"
port="${PORT:-5390}"
out="${OUT:-$repo/.local/bench/cold-start}"
: "${COLDSTART_DATABASE_URL:?set COLDSTART_DATABASE_URL to a database with the bundled datasets loaded (ingest run --migrate)}"
[ -f "$dll" ] || { echo "no API build at $dll: dotnet build src/Api -c Release" >&2; exit 1; }
mkdir -p "$out"

query="$(grep -v '^#' "$repo/benchmarks/api/queries/api-gender.graphql" | tr '\n' ' ')"
body="$(node -e 'process.stdout.write(JSON.stringify({ query: process.argv[1] }))' "$query")"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $dll"
times=()
for run in $(seq 1 "$runs"); do
  log="$out/api-run-$run.log"
  start=$(now_ms)
  DATABASE_URL="$COLDSTART_DATABASE_URL" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
    dotnet "$dll" >"$log" 2>&1 &
  pid=$!
  until curl -sf -o "$out/answer.json" -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/graphql" \
        && grep -q '"allPersons"' "$out/answer.json"; do
    kill -0 "$pid" 2>/dev/null || { echo "the API exited; its log: $log" >&2; exit 1; }
    sleep 0.02
  done
  elapsed=$(( $(now_ms) - start ))
  echo "launched $(date -u -d "@$((start / 1000))" +%H:%M:%S).$(printf %03d $((start % 1000))): first answer after $elapsed ms"
  times+=("$elapsed")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep 1
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "median of $runs: $median ms; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
